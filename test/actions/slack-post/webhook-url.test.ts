import { describe, expect, it } from "vitest";
import { normaliseWebhookUrl } from "../../../actions/slack-post/webhook-url.js";
import { ActionFailure } from "../../../engine/action/types.js";

describe("normaliseWebhookUrl", () => {
  it.each([
    [
      "the Lambda blueprint's scheme-less form",
      "hooks.slack.com/services/T000/B000/XXXX",
      "https://hooks.slack.com/services/T000/B000/XXXX",
    ],
    [
      "a full https URL",
      "https://hooks.slack.com/services/T000/B000/XXXX",
      "https://hooks.slack.com/services/T000/B000/XXXX",
    ],
    [
      "surrounding whitespace (a pasted newline)",
      "  https://hooks.slack.com/services/T/B/X\n",
      "https://hooks.slack.com/services/T/B/X",
    ],
    [
      "plain http to loopback (local receivers)",
      "http://127.0.0.1:8080/services/T/B/X",
      "http://127.0.0.1:8080/services/T/B/X",
    ],
    ["plain http to localhost", "http://localhost:8080/hook", "http://localhost:8080/hook"],
  ])("accepts %s", (_name, value, expected) => {
    expect(normaliseWebhookUrl(value, "env SLACK_WEBHOOK_URL")).toBe(expected);
  });

  it.each([
    ["plain http elsewhere", "http://hooks.slack.com/services/T/B/SECRETTOKEN"],
    ["another scheme", "ftp://hooks.slack.com/services/T/B/SECRETTOKEN"],
    ["something that is not a URL", "https://SECRETTOKEN:not a port/x"],
  ])("refuses %s without quoting the value", (_name, value) => {
    let thrown: unknown;
    try {
      normaliseWebhookUrl(value, "kms:Decrypt");
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(ActionFailure);
    const failure = thrown as ActionFailure;
    expect(failure.retryable).toBe(false);
    expect(failure.message).toContain("kms:Decrypt");
    expect(failure.message).not.toContain("SECRETTOKEN");
  });
});
