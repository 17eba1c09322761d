import { describe, expect, it } from "vitest";
import { slackPostAction } from "../../../actions/slack-post/index.js";
import { compileParams, SLACK_URL } from "../fixtures.js";
import { CIPHERTEXT, seedParams } from "./seed.js";

const validate = compileParams(slackPostAction);

describe("slack-post params schema", () => {
  it.each([
    ["seed 001", seedParams],
    ["kms without context or key", { webhook: { kmsCiphertext: CIPHERTEXT }, text: "hi" }],
    ["ssm parameter", { webhook: { ssmParameter: "/slack/ops-webhook" }, text: "hi" }],
    ["env", { webhook: { env: "SLACK_WEBHOOK_URL" }, text: "hi" }],
    ["secrets manager", { webhook: { secretsManager: "slack/ops", jsonKey: "url" }, text: "hi" }],
    [
      "blocks",
      {
        webhook: { env: "SLACK_WEBHOOK_URL" },
        text: "fallback",
        blocks: [{ type: "section", text: { type: "mrkdwn", text: "*{{ alarm.name }}*" } }],
      },
    ],
    // Alarm rules post a default message; `check` refuses it for other rules (alarm-message.test.ts).
    ["no text", { webhook: { env: "X" } }],
  ])("accepts %s", (_name, params) => {
    expect(validate(params), JSON.stringify(validate.errors)).toBe(true);
  });

  it.each([
    ["two sources", { webhook: { kmsCiphertext: CIPHERTEXT, env: "X" }, text: "hi" }],
    ["no source", { webhook: {}, text: "hi" }],
    ["a url source", { webhook: { url: SLACK_URL }, text: "hi" }],
    ["the URL as the webhook", { webhook: SLACK_URL, text: "hi" }],
    ["a key with the ssm source", { webhook: { ssmParameter: "/x", keyArn: "k" }, text: "hi" }],
    ["empty text", { webhook: { env: "X" }, text: "" }],
    ["blocks as a string", { webhook: { env: "X" }, text: "hi", blocks: "[]" }],
    ["a block without type", { webhook: { env: "X" }, text: "hi", blocks: [{ text: "x" }] }],
    [
      "a non-string encryption context",
      { webhook: { kmsCiphertext: CIPHERTEXT, encryptionContext: { n: 1 } }, text: "hi" },
    ],
    ["an unknown param", { webhook: { env: "X" }, text: "hi", username: "bot" }],
  ])("rejects %s", (_name, params) => {
    expect(validate(params)).toBe(false);
  });
});
