import type { JsonSchema } from "../types.js";

export const SLACK_POST = "slack-post";

const kmsSource: JsonSchema = {
  type: "object",
  title: "KMS-encrypted webhook URL",
  properties: {
    kmsCiphertext: {
      type: "string",
      minLength: 1,
      description:
        "Base64 KMS ciphertext of the webhook URL, e.g. from `rulebridge encrypt --key K URL` or the Lambda console's encryption helper.",
    },
    encryptionContext: {
      type: "object",
      description:
        "The encryption context the URL was encrypted with; decryption must present the same one. The Lambda console uses `{LambdaFunctionName: <function name>}`. Also scopes the IAM grant (`kms:EncryptionContext:<key>`).",
      additionalProperties: { type: "string" },
      examples: [{ LambdaFunctionName: "alb-health-to-slack" }],
    },
    keyArn: {
      type: "string",
      minLength: 1,
      description:
        "ARN of the KMS key (or alias ARN) that encrypted the URL. Optional, but without it IAM must grant kms:Decrypt on every key; with it the grant names one key and decryption is pinned to it.",
      examples: [
        "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab",
        "arn:aws:kms:us-east-1:123456789012:alias/slack-webhooks",
      ],
    },
  },
  required: ["kmsCiphertext"],
  additionalProperties: false,
};

const ssmSource: JsonSchema = {
  type: "object",
  title: "Webhook URL in SSM Parameter Store",
  properties: {
    ssmParameter: {
      type: "string",
      minLength: 1,
      description: "Name (`/slack/ops-webhook`) or ARN of a SecureString parameter holding the webhook URL.",
      examples: ["/slack/ops-webhook"],
    },
  },
  required: ["ssmParameter"],
  additionalProperties: false,
};

const envSource: JsonSchema = {
  type: "object",
  title: "Webhook URL from an environment variable",
  properties: {
    env: {
      type: "string",
      minLength: 1,
      description: "Name of an environment variable holding the webhook URL; meant for local runs.",
      examples: ["SLACK_WEBHOOK_URL"],
    },
  },
  required: ["env"],
  additionalProperties: false,
};

export const slackPostSchema: JsonSchema = {
  type: "object",
  description:
    "Post a message to Slack through an incoming webhook. The webhook URL is a secret: the rule says where to fetch it, never the URL itself.",
  properties: {
    webhook: {
      description:
        "Where the webhook URL comes from: exactly one of `kmsCiphertext` (+ `encryptionContext`, `keyArn`), `ssmParameter` or `env`. A URL written here in clear text is an error.",
      oneOf: [kmsSource, ssmSource, envSource],
    },
    text: {
      type: "string",
      minLength: 1,
      description:
        "Message text (template, Slack mrkdwn). With `blocks` it is the fallback shown in notifications. Optional for alarm rules: without it they post a readable Block Kit message built from the alarm (state change, metric, value, threshold, reason, dimensions).",
      examples: [":rotating_light: *{{ alarm.name }}* is {{ alarm.state }}: {{ alarm.reason }}"],
    },
    blocks: {
      type: "array",
      description: "Block Kit blocks; every string inside is a template. Slack accepts at most 50.",
      minItems: 1,
      maxItems: 50,
      items: { type: "object", required: ["type"], properties: { type: { type: "string" } } },
    },
    channel: {
      type: "string",
      minLength: 1,
      description:
        "Channel override (`#ops`). Only legacy webhooks honour it; a Slack app's webhook always posts to the channel it was created for.",
    },
  },
  required: ["webhook"],
  additionalProperties: false,
};

/** The whole `webhook` param points to the secret: redact it from logs and results. */
export const slackPostSecrets: readonly string[] = ["webhook"];
