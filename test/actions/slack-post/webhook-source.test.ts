import { describe, expect, it } from "vitest";
import {
  ciphertextBytes,
  describeWebhookSource,
  readWebhookSource,
} from "../../../actions/slack-post/webhook-source.js";
import { CIPHERTEXT } from "./seed.js";

describe("ciphertextBytes", () => {
  it.each([
    ["184-byte blob", CIPHERTEXT, 184],
    ["padded", "AQID", 3],
    ["one pad", "AQIDBA==", 4],
    ["line-wrapped", "AQID\nBAUG", 6],
    ["length not a multiple of 4", "AQIDB", null],
    ["url-safe alphabet", "AQ-_", null],
    ["empty", "", null],
    ["a URL", "https://hooks.slack.com/services/x", null],
  ])("%s", (_name, text, bytes) => {
    expect(ciphertextBytes(text)).toBe(bytes);
  });
});

describe("describeWebhookSource", () => {
  it.each([
    [{ kmsCiphertext: CIPHERTEXT }, "kms ciphertext (184 bytes)"],
    [{ kmsCiphertext: "%%%" }, "kms ciphertext (not base64)"],
    [{ ssmParameter: "/slack/hook" }, "ssm parameter /slack/hook"],
    [{ env: "SLACK_WEBHOOK_URL" }, "env SLACK_WEBHOOK_URL"],
  ])("%j → %s", (webhook, text) => {
    expect(describeWebhookSource(readWebhookSource(webhook))).toBe(text);
  });
});
