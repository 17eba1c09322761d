import { describe, expect, it } from "vitest";
import { indexDocumentAction } from "../../../actions/index-document/index.js";
import { compileParams } from "../fixtures.js";
import { AOSS_ENDPOINT, ENDPOINT, seedParams } from "./seed.js";

const validate = compileParams(indexDocumentAction);
const base = { endpoint: "http://localhost:9200", index: "events" };

describe("index-document params schema", () => {
  it.each([
    ["seed 002", seedParams],
    ["endpoint and index only (id defaults)", { endpoint: ENDPOINT, index: "events" }],
    [
      "sigv4 for a collection",
      { endpoint: AOSS_ENDPOINT, index: "events", auth: { type: "sigv4", service: "aoss" } },
    ],
    [
      "sigv4 with region and ARN",
      {
        ...base,
        auth: {
          type: "sigv4",
          region: "us-east-1",
          resourceArn: "arn:aws:es:us-east-1:123456789012:domain/logs",
        },
      },
    ],
    ["none", { ...base, auth: { type: "none" } }],
    [
      "basic from ssm",
      { ...base, auth: { type: "basic", username: "admin", passwordSsmParameter: "/opensearch/admin" } },
    ],
    [
      "basic from env",
      { ...base, auth: { type: "basic", username: "admin", passwordEnv: "OPENSEARCH_PASSWORD" } },
    ],
    [
      "a document mapping",
      { ...base, document: { source: "{{ event.source }}", detail: "{{ event.detail | json }}" } },
    ],
    ["a document template", { ...base, document: "{{ event.detail | json }}" }],
  ])("accepts %s", (_name, params) => {
    expect(validate(params), JSON.stringify(validate.errors)).toBe(true);
  });

  it.each([
    ["no index", { endpoint: ENDPOINT }],
    ["no endpoint", { index: "events" }],
    ["a plaintext password", { ...base, auth: { type: "basic", username: "admin", password: "hunter2" } }],
    ["basic with no password source", { ...base, auth: { type: "basic", username: "admin" } }],
    [
      "basic with both sources",
      { ...base, auth: { type: "basic", username: "a", passwordSsmParameter: "/p", passwordEnv: "P" } },
    ],
    ["an unknown auth type", { ...base, auth: { type: "token", token: "x" } }],
    ["an unknown sigv4 service", { ...base, auth: { type: "sigv4", service: "s3" } }],
    ["a document list", { ...base, document: [1, 2] }],
    ["an empty id", { ...base, id: "" }],
    ["an unknown param", { ...base, pipeline: "p" }],
  ])("rejects %s", (_name, params) => {
    expect(validate(params)).toBe(false);
  });
});
