import { describe, expect, it } from "vitest";
import { tagFromTemplateAction } from "../../../actions/tag-from-template/index.js";
import { compileParams } from "../fixtures.js";
import { seedParams } from "./seed.js";

const validate = compileParams(tagFromTemplateAction);

describe("tag-from-template params schema", () => {
  it.each([
    ["seed 000", seedParams],
    ["tags only (instanceId defaults)", { tags: { Name: "web" } }],
    [
      "every param",
      { instanceId: "i-0123456789abcdef0", tags: { A: "1", B: "" }, overwrite: false, region: "us-west-2" },
    ],
    ["templated region", { tags: { Name: "x" }, region: "{{ event.region }}" }],
  ])("accepts %s", (_name, params) => {
    expect(validate(params), JSON.stringify(validate.errors)).toBe(true);
  });

  it.each([
    ["no tags", { instanceId: "i-0123456789abcdef0" }],
    ["empty tags", { tags: {} }],
    ["a non-string tag value", { tags: { Name: 42 } }],
    ["a tag key over 127 characters", { tags: { ["k".repeat(128)]: "v" } }],
    ["more than 50 tags", { tags: Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, "v"])) }],
    ["overwrite as a string", { tags: { Name: "x" }, overwrite: "yes" }],
    ["an empty instanceId", { tags: { Name: "x" }, instanceId: "" }],
    ["an unknown param", { tags: { Name: "x" }, tag: { Name: "y" } }],
  ])("rejects %s", (_name, params) => {
    expect(validate(params)).toBe(false);
  });
});
