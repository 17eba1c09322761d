import { describe, expect, it } from "vitest";
import { slackPostAction } from "../../../actions/slack-post/index.js";
import { expectNoSecret } from "../fixtures.js";
import { ALIAS_ARN, CIPHERTEXT, KEY_ARN, seedParams } from "./seed.js";

const iam = (webhook: Record<string, unknown>) => slackPostAction.iam({ webhook, text: "hi" });
const PARAMETER_ARN = "arn:aws:ssm:us-east-1:123456789012:parameter/slack/ops-webhook";

describe("slack-post iam", () => {
  it("seed 001: Decrypt on the named key, only with the Lambda console's encryption context", () => {
    expect(slackPostAction.iam(seedParams)).toEqual([
      {
        actions: ["kms:Decrypt"],
        resources: [KEY_ARN],
        conditions: { StringEquals: { "kms:EncryptionContext:LambdaFunctionName": "rulebridge-engine" } },
      },
    ]);
  });

  it("an alias ARN: the account's keys, filtered to the one the alias names", () => {
    expect(iam({ kmsCiphertext: CIPHERTEXT, keyArn: ALIAS_ARN })).toEqual([
      {
        actions: ["kms:Decrypt"],
        resources: ["arn:aws:kms:us-east-1:123456789012:key/*"],
        conditions: { "ForAnyValue:StringEquals": { "kms:ResourceAliases": "alias/rulebridge" } },
        why: expect.stringContaining("not alias ARNs"),
      },
    ]);
  });

  it("no key: every key, narrowed by the encryption context, and says why ViaService does not help", () => {
    const [statement] = iam({ kmsCiphertext: CIPHERTEXT, encryptionContext: { LambdaFunctionName: "fn" } });
    expect(statement).toEqual({
      actions: ["kms:Decrypt"],
      resources: ["*"],
      conditions: { StringEquals: { "kms:EncryptionContext:LambdaFunctionName": "fn" } },
      why: expect.stringMatching(/webhook\.keyArn.*kms:ViaService cannot narrow it.*encryption ?context/i),
    });
  });

  it("no key and no context says the grant is unconditioned", () => {
    const [statement] = iam({ kmsCiphertext: CIPHERTEXT });
    expect(statement?.conditions).toBeUndefined();
    expect(statement?.why).toContain("No encryptionContext either");
  });

  it("a templated context value becomes a StringLike pattern", () => {
    const [statement] = iam({
      kmsCiphertext: CIPHERTEXT,
      keyArn: KEY_ARN,
      encryptionContext: { LambdaFunctionName: "fn", stage: "{{ rule.name }}-x" },
    });
    expect(statement?.conditions).toEqual({
      StringEquals: { "kms:EncryptionContext:LambdaFunctionName": "fn" },
      StringLike: { "kms:EncryptionContext:stage": "*-x" },
    });
  });

  it.each([
    ["a name", "/slack/ops-webhook", "arn:aws:ssm:*:*:parameter/slack/ops-webhook", "ssm.*.amazonaws.com*"],
    ["a flat name", "slack-webhook", "arn:aws:ssm:*:*:parameter/slack-webhook", "ssm.*.amazonaws.com*"],
    ["an ARN", PARAMETER_ARN, PARAMETER_ARN, "ssm.us-east-1.amazonaws.com*"],
  ])(
    "ssm parameter by %s: GetParameter on it, Decrypt only through SSM for it",
    (_name, parameter, arn, via) => {
      expect(iam({ ssmParameter: parameter })).toEqual([
        { actions: ["ssm:GetParameter"], resources: [arn] },
        {
          actions: ["kms:Decrypt"],
          resources: ["*"],
          conditions: { StringLike: { "kms:ViaService": via, "kms:EncryptionContext:PARAMETER_ARN": arn } },
          why: expect.stringContaining("aws/ssm"),
        },
      ]);
    },
  );

  it("env: no AWS permission at all", () => {
    expect(iam({ env: "SLACK_WEBHOOK_URL" })).toEqual([]);
  });

  it("never puts a URL in IAM output", () => {
    for (const webhook of [seedParams.webhook, { ssmParameter: "/slack/x" }, { env: "SLACK_WEBHOOK_URL" }]) {
      expectNoSecret(iam(webhook));
    }
  });
});
