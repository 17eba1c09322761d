import { describe, expect, it } from "vitest";
import { tagFromTemplateAction } from "../../../actions/tag-from-template/index.js";
import type { ParamIssue } from "../../../engine/action/types.js";
import { seedParams } from "./seed.js";

const check = (params: Record<string, unknown>): ParamIssue[] => tagFromTemplateAction.check?.(params) ?? [];

describe("tag-from-template check", () => {
  it.each([
    ["seed 000", seedParams],
    ["a literal 17-hex instance id", { instanceId: "i-0123456789abcdef0", tags: { Name: "x" } }],
    ["a literal 8-hex instance id", { instanceId: "i-12345678", tags: { Name: "x" } }],
    ["a long templated value", { tags: { Name: `{{ instance.id }}${"x".repeat(300)}` } }],
    ["a templated region", { tags: { Name: "x" }, region: "{{ event.region }}" }],
    ["a GovCloud region", { tags: { Name: "x" }, region: "us-gov-west-1" }],
  ])("passes %s", (_name, params) => {
    expect(check(params)).toEqual([]);
  });

  it.each([
    [
      "a malformed instance id",
      { instanceId: "i-123", tags: { Name: "x" } },
      ["instanceId"],
      "not an EC2 instance id",
    ],
    [
      "an upper-case instance id",
      { instanceId: "i-0123456789ABCDEF0", tags: { Name: "x" } },
      ["instanceId"],
      "i- followed",
    ],
    [
      "the reserved aws: prefix",
      { tags: { "aws:cloudformation:stack-name": "x" } },
      ["tags", "aws:cloudformation:stack-name"],
      'reserved prefix "aws:"',
    ],
    [
      "the reserved prefix in capitals",
      { tags: { "AWS:Owner": "x" } },
      ["tags", "AWS:Owner"],
      "reserved prefix",
    ],
    [
      "a literal value over 256 characters",
      { tags: { Note: "n".repeat(257) } },
      ["tags", "Note"],
      "over EC2's limit of 256",
    ],
    ["a malformed region", { tags: { Name: "x" }, region: "mars-1" }, ["region"], "not a region name"],
  ])("flags %s", (_name, params, path, message) => {
    const issues = check(params);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ code: "INVALID_PARAM", path });
    expect(issues[0]?.message).toContain(message);
  });

  it("reads schema-invalid params without throwing", () => {
    expect(check({ tags: "Name", instanceId: 7, region: null })).toEqual([]);
  });
});
