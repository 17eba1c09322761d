import { afterEach, describe, expect, it } from "vitest";
import { slackPostAction } from "../../../actions/slack-post/index.js";
import { albAlarmContext, expectNoSecret, SLACK_URL } from "../fixtures.js";
import { CIPHERTEXT, KEY_ARN, RENDERED_TEXT, seedPlanParams } from "./seed.js";

const plan = (params: Record<string, unknown>) =>
  slackPostAction.plan({ params, context: albAlarmContext() });

describe("slack-post plan", () => {
  afterEach(() => {
    delete process.env.RULEBRIDGE_TEST_SLACK_URL;
  });

  it("seed 001: decrypt the ciphertext, then post the rendered alarm text", () => {
    expect(plan(seedPlanParams)).toEqual({
      type: "slack-post",
      summary: "post to Slack (webhook from kms ciphertext (184 bytes))",
      steps: [
        {
          call: "kms:Decrypt",
          input: {
            CiphertextBlob: "<184 bytes of ciphertext>",
            EncryptionContext: { LambdaFunctionName: "rulebridge-engine" },
            KeyId: KEY_ARN,
          },
          note: expect.stringContaining("never shown"),
        },
        {
          call: "POST <slack webhook from kms ciphertext (184 bytes)>",
          input: { text: RENDERED_TEXT, channel: "#ops-alerts" },
          note: expect.stringContaining("Retry-After"),
        },
      ],
    });
  });

  it("ssm: GetParameter with decryption, then the post", () => {
    const result = plan({ webhook: { ssmParameter: "/slack/ops-webhook" }, text: "hi" });
    expect(result.steps.map((s) => [s.call, s.input])).toEqual([
      ["ssm:GetParameter", { Name: "/slack/ops-webhook", WithDecryption: true }],
      ["POST <slack webhook from ssm parameter /slack/ops-webhook>", { text: "hi" }],
    ]);
  });

  it("env: the post names the variable, and the plan never reads it", () => {
    process.env.RULEBRIDGE_TEST_SLACK_URL = SLACK_URL;
    const result = plan({ webhook: { env: "RULEBRIDGE_TEST_SLACK_URL" }, text: "hi" });
    expect(result.steps.map((s) => s.call)).toEqual([
      "POST <slack webhook from env RULEBRIDGE_TEST_SLACK_URL>",
    ]);
    expectNoSecret(result);
  });

  it("sends rendered blocks as they are", () => {
    const blocks = [{ type: "section", text: { type: "mrkdwn", text: "*ALBNoHealthyHosts*" } }];
    const result = plan({ webhook: { env: "X" }, text: "fallback", blocks });
    expect(result.steps[0]?.input).toEqual({ text: "fallback", blocks });
  });

  it.each([
    [
      "ciphertext that is not base64",
      { webhook: { kmsCiphertext: "not base64!" }, text: "hi" },
      /^webhook\.kmsCiphertext: not base64/,
    ],
    ["text rendered blank", { webhook: { env: "X" }, text: "  " }, /^text: rendered to an empty message/],
    ["two sources", { webhook: { env: "X", ssmParameter: "/x" }, text: "hi" }, /^webhook: give exactly one/],
  ])("fails naming the param: %s", (_name, params, error) => {
    expect(() => plan(params)).toThrow(error);
  });

  it("no plan holds a webhook URL", () => {
    for (const webhook of [
      { kmsCiphertext: CIPHERTEXT },
      { ssmParameter: "/slack/x" },
      { env: "SLACK_WEBHOOK_URL" },
    ]) {
      expectNoSecret(plan({ webhook, text: "hi" }));
    }
  });
});
