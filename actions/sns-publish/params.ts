import type { JsonSchema } from "../../engine/action/types.js";

export const SNS_PUBLISH = "sns-publish";

/** The whole event as JSON: what a subscriber needs when the rule has nothing better to say. */
export const DEFAULT_MESSAGE = "{{ event | json }}";

export const snsPublishSchema: JsonSchema = {
  type: "object",
  description:
    "Publish a message to an SNS topic (email, SQS, HTTPS, … subscribers), in the topic's region. The endpoint follows `AWS_ENDPOINT_URL_SNS`, `AWS_ENDPOINT_URL`, `AWS_USE_FIPS_ENDPOINT` and `AWS_USE_DUALSTACK_ENDPOINT` as the AWS SDK's clients do.",
  properties: {
    topicArn: {
      type: "string",
      minLength: 1,
      description:
        "ARN of the topic (template). A FIFO topic's ARN ends in `.fifo` and needs `messageGroupId`.",
      examples: ["arn:aws:sns:us-east-1:123456789012:ECSTaskErrorNotification"],
    },
    subject: {
      type: "string",
      minLength: 1,
      description:
        "Subject for email subscribers, also in the JSON other subscribers get (template). SNS limits: one line, no control characters, at most 100 characters.",
      examples: ["ECS task failure: {{ event.detail.containers[0].name }}"],
    },
    message: {
      type: "string",
      minLength: 1,
      description:
        "Message body (template); defaults to the whole event as JSON (`{{ event | json }}`). At most 256 KiB including attributes.",
      examples: ["{{ event.detail | json }}"],
    },
    attributes: {
      type: "object",
      description:
        "Message attributes, name → value (template), sent as String attributes; subscription filter policies can match them.",
      propertyNames: { type: "string", minLength: 1, maxLength: 256, pattern: "^[A-Za-z0-9_.-]+$" },
      additionalProperties: { type: "string", minLength: 1 },
      examples: [{ cluster: "{{ event.detail.clusterArn }}" }],
    },
    messageGroupId: {
      type: "string",
      minLength: 1,
      description:
        "Message group (template). Required for FIFO topics (ordering is per group); on standard topics it only reaches SQS subscribers with fair queues.",
      examples: ["{{ event.detail.clusterArn }}"],
    },
    messageDeduplicationId: {
      type: "string",
      minLength: 1,
      description:
        "FIFO topics only (template): messages with the same id within 5 minutes are delivered once. `{{ event.id }}` makes replays harmless. Without it the topic needs content-based deduplication.",
      examples: ["{{ event.id }}"],
    },
  },
  required: ["topicArn"],
  additionalProperties: false,
};

export const snsPublishDefaults: Readonly<Record<string, unknown>> = { message: DEFAULT_MESSAGE };
