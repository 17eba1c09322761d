import { describe, expect, it } from "vitest";
import { slackPostAction } from "../../../actions/slack-post/index.js";
import type { ParamIssue } from "../../../engine/action/types.js";
import { expectNoSecret, SLACK_URL } from "../fixtures.js";
import { ALIAS_ARN, CIPHERTEXT, seedParams } from "./seed.js";

const check = (params: Record<string, unknown>): ParamIssue[] => slackPostAction.check?.(params) ?? [];
const env = { env: "SLACK_WEBHOOK_URL" };

describe("slack-post check", () => {
  it.each([
    ["seed 001", seedParams],
    ["an alias ARN", { webhook: { kmsCiphertext: CIPHERTEXT, keyArn: ALIAS_ARN }, text: "hi" }],
    ["a templated key", { webhook: { kmsCiphertext: CIPHERTEXT, keyArn: "{{ rule.name }}" }, text: "hi" }],
    ["an ssm name", { webhook: { ssmParameter: "/slack/ops-webhook" }, text: "hi" }],
    ["a flat ssm name", { webhook: { ssmParameter: "slack-webhook" }, text: "hi" }],
    [
      "an ssm ARN",
      { webhook: { ssmParameter: "arn:aws:ssm:us-east-1:123456789012:parameter/slack/hook" }, text: "hi" },
    ],
    ["an env name", { webhook: env, text: "hi" }],
    [
      "a link to Slack that is not a webhook",
      { webhook: env, text: "see https://app.slack.com/client/T0/C0" },
    ],
  ])("passes %s", (_name, params) => {
    expect(check(params)).toEqual([]);
  });

  it.each([
    ["in text", { webhook: env, text: `post to ${SLACK_URL}` }, ["text"]],
    ["as the env name", { webhook: { env: SLACK_URL }, text: "hi" }, ["webhook", "env"]],
    [
      "as the ssm parameter",
      { webhook: { ssmParameter: SLACK_URL }, text: "hi" },
      ["webhook", "ssmParameter"],
    ],
    [
      "inside a block",
      { webhook: env, text: "hi", blocks: [{ type: "section", text: { text: SLACK_URL } }] },
      ["blocks", 0, "text", "text"],
    ],
    ["without a scheme", { webhook: env, text: "hooks.slack.com/services/T0/B0/x" }, ["text"]],
    ["on GovSlack", { webhook: env, text: "https://hooks.slack-gov.com/services/T0/B0/x" }, ["text"]],
    ["in an unknown param", { webhook: env, text: "hi", url: SLACK_URL }, ["url"]],
  ])(
    "a plaintext webhook URL %s is PLAINTEXT_SECRET at its path, without repeating it",
    (_name, params, path) => {
      const issues = check(params);
      expect(issues).toEqual([
        { code: "PLAINTEXT_SECRET", path, message: expect.stringContaining("clear text") },
      ]);
      expectNoSecret(issues.map((i) => i.message));
    },
  );

  it.each([
    [
      "ciphertext that is not base64",
      { kmsCiphertext: `${CIPHERTEXT}x`, keyArn: ALIAS_ARN },
      "INVALID_PARAM",
      ["webhook", "kmsCiphertext"],
      "not base64",
    ],
    [
      "a key ARN of another service",
      { kmsCiphertext: CIPHERTEXT, keyArn: "arn:aws:sns:us-east-1:123456789012:t" },
      "INVALID_ARN",
      ["webhook", "keyArn"],
      'names service "sns"',
    ],
    [
      "a key ARN naming no key",
      { kmsCiphertext: CIPHERTEXT, keyArn: "arn:aws:kms:us-east-1:123456789012:grant/x" },
      "INVALID_ARN",
      ["webhook", "keyArn"],
      "key/<id> or alias/<name>",
    ],
    [
      "a key id instead of an ARN",
      { kmsCiphertext: CIPHERTEXT, keyArn: "1234abcd-12ab-34cd-56ef-1234567890ab" },
      "INVALID_ARN",
      ["webhook", "keyArn"],
      "not an ARN",
    ],
    [
      "an ssm name with a relative hierarchy",
      { ssmParameter: "slack/hook" },
      "INVALID_PARAM",
      ["webhook", "ssmParameter"],
      'must start with "/"',
    ],
    [
      "an ssm name with spaces",
      { ssmParameter: "/slack/ops hook" },
      "INVALID_PARAM",
      ["webhook", "ssmParameter"],
      "may only contain",
    ],
    [
      "a reserved ssm name",
      { ssmParameter: "/aws/reference/x" },
      "INVALID_PARAM",
      ["webhook", "ssmParameter"],
      '"aws" or "ssm"',
    ],
    [
      "an ssm ARN of a document",
      { ssmParameter: "arn:aws:ssm:us-east-1:123456789012:document/x" },
      "INVALID_ARN",
      ["webhook", "ssmParameter"],
      "parameter/",
    ],
    [
      "an env name with a dash",
      { env: "SLACK-URL" },
      "INVALID_PARAM",
      ["webhook", "env"],
      "not an environment variable name",
    ],
  ])("flags %s", (_name, webhook, code, path, message) => {
    const issues = check({ webhook, text: "hi" });
    expect(issues).toEqual([{ code, path, message: expect.stringContaining(message) }]);
  });

  it("warns when kms:Decrypt cannot be scoped to a key", () => {
    expect(check({ webhook: { kmsCiphertext: CIPHERTEXT }, text: "hi" })).toEqual([
      {
        code: "INVALID_PARAM",
        severity: "warning",
        path: ["webhook"],
        message: expect.stringContaining("kms:Decrypt on every KMS key"),
      },
    ]);
  });

  it("reads schema-invalid params without throwing", () => {
    expect(check({ webhook: "x", text: 3 })).toEqual([]);
    expect(check({ webhook: [SLACK_URL] })).toEqual([
      { code: "PLAINTEXT_SECRET", path: ["webhook", 0], message: expect.any(String) },
    ]);
  });
});
