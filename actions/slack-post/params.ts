import type { JsonSchema } from "../../engine/action/types.js";
import { secretSourceSchema } from "../shared/secret-source.js";

export const SLACK_POST = "slack-post";

export const slackPostSchema: JsonSchema = {
  type: "object",
  description:
    "Post a message to Slack through an incoming webhook. The webhook URL is a secret: the rule says where to fetch it, never the URL itself.",
  properties: {
    webhook: {
      description:
        "Where the webhook URL comes from: exactly one of `kmsCiphertext` (+ `encryptionContext`, `keyArn`), `ssmParameter`, `secretsManager` (+ `jsonKey`) or `env`. A URL written here in clear text is an error.",
      oneOf: secretSourceSchema("the webhook URL", "SLACK_WEBHOOK_URL", "/slack/ops-webhook"),
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
