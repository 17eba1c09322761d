import { describe, expect, it } from "vitest";
import { indexDocumentAction } from "../../../actions/index-document/index.js";
import type { ParamIssue } from "../../../engine/action/types.js";
import { expectNoSecret } from "../fixtures.js";
import { AOSS_ENDPOINT, ENDPOINT, seedParams } from "./seed.js";

const check = (params: Record<string, unknown>): ParamIssue[] => indexDocumentAction.check?.(params) ?? [];
const custom = "https://search.example.com";
const id = "{{ event.id }}";

describe("index-document check", () => {
  it.each([
    ["seed 002", seedParams],
    ["a collection", { endpoint: AOSS_ENDPOINT, index: "events", id }],
    ["a templated endpoint without auth", { endpoint: "{{ event.detail.endpoint }}", index: "events", id }],
    [
      "a custom endpoint with basic auth",
      {
        endpoint: custom,
        index: "events",
        id,
        auth: { type: "basic", username: "u", passwordEnv: "OS_PASSWORD" },
      },
    ],
    [
      "a custom endpoint with sigv4 and its ARN",
      {
        endpoint: custom,
        index: "events",
        id,
        auth: { type: "sigv4", resourceArn: "arn:aws:es:us-east-1:123456789012:domain/logs" },
      },
    ],
    [
      "local http without auth needs auth none",
      { endpoint: "http://localhost:9200", index: "events", id, auth: { type: "none" } },
    ],
  ])("passes %s", (_name, params) => {
    expect(check(params)).toEqual([]);
  });

  it.each([
    [
      "remote plain http",
      { endpoint: "http://search.example.com", index: "e", id, auth: { type: "none" } },
      "INVALID_PARAM",
      ["endpoint"],
      "must use https",
    ],
    [
      "an upper-case index",
      { endpoint: ENDPOINT, index: "ECS-Events", id },
      "INVALID_PARAM",
      ["index"],
      "lowercase",
    ],
    [
      "a fixed space in an index template",
      { endpoint: ENDPOINT, index: "ecs events-{{ event.id }}", id },
      "INVALID_PARAM",
      ["index"],
      "spaces",
    ],
    [
      "a custom endpoint without auth",
      { endpoint: custom, index: "e", id },
      "INVALID_PARAM",
      [],
      "auth is required",
    ],
    [
      "a resourceArn of the wrong kind",
      {
        endpoint: custom,
        index: "e",
        id,
        auth: { type: "sigv4", resourceArn: "arn:aws:es:us-east-1:123456789012:index/x" },
      },
      "INVALID_ARN",
      ["auth", "resourceArn"],
      'should start with "domain/"',
    ],
    [
      "a collection ARN for an es endpoint",
      {
        endpoint: ENDPOINT,
        index: "e",
        id,
        auth: { type: "sigv4", resourceArn: "arn:aws:aoss:us-east-1:123456789012:collection/x" },
      },
      "INVALID_ARN",
      ["auth", "resourceArn"],
      'names service "aoss"',
    ],
    [
      "a malformed password parameter",
      {
        endpoint: custom,
        index: "e",
        id,
        auth: { type: "basic", username: "u", passwordSsmParameter: "os/admin" },
      },
      "INVALID_PARAM",
      ["auth", "passwordSsmParameter"],
      'must start with "/"',
    ],
    [
      "a malformed password variable",
      { endpoint: custom, index: "e", id, auth: { type: "basic", username: "u", passwordEnv: "1PASS" } },
      "INVALID_PARAM",
      ["auth", "passwordEnv"],
      "not an environment variable name",
    ],
  ])("flags %s", (_name, params, code, path, message) => {
    expect(check(params)).toEqual([{ code, path, message: expect.stringContaining(message) }]);
  });

  it.each([
    [
      "a fixed id",
      { endpoint: ENDPOINT, index: "e", id: "latest" },
      ["id"],
      "every event overwrites the same document",
    ],
    [
      "sigv4 to a custom endpoint without its ARN",
      { endpoint: custom, index: "e", id, auth: { type: "sigv4" } },
      ["auth"],
      "set auth.resourceArn",
    ],
  ])("warns about %s", (_name, params, path, message) => {
    expect(check(params)).toEqual([
      { code: "INVALID_PARAM", severity: "warning", path, message: expect.stringContaining(message) },
    ]);
  });

  it("a password in the endpoint URL is PLAINTEXT_SECRET, and the message does not repeat it", () => {
    const issues = check({
      endpoint: "https://admin:hunter2@search.example.com",
      index: "e",
      id,
      auth: { type: "none" },
    });
    expect(issues).toEqual([
      { code: "PLAINTEXT_SECRET", path: ["endpoint"], message: expect.stringContaining("credentials") },
    ]);
    expectNoSecret(issues, ["hunter2"]);
  });

  it("reads schema-invalid params without throwing", () => {
    expect(check({ endpoint: 1, index: null, auth: "sigv4", id: 3 })).toEqual([]);
  });
});
