import type { JsonSchema } from "../../engine/action/types.js";

export const SQS_SEND = "sqs-send";
export const DEFAULT_SQS_BODY = "{{ event | json }}";

export const sqsSendSchema: JsonSchema = {
  type: "object",
  description: "Send a message (by default the event as JSON) to an SQS queue, standard or FIFO.",
  properties: {
    queue: {
      type: "string",
      minLength: 1,
      description:
        "The queue's URL (`https://sqs.<region>.amazonaws.com/<account>/<name>`) or ARN (template). Another account's queue works when its policy allows this role. A FIFO queue's name ends in `.fifo`.",
      examples: ["https://sqs.us-east-1.amazonaws.com/123456789012/ecs-events"],
    },
    body: {
      description:
        "Message body: a string template, or a mapping (every string a template) sent as JSON. Default: the whole event as JSON.",
      oneOf: [{ type: "string", minLength: 1 }, { type: "object" }],
      examples: ["{{ event.detail | json }}"],
    },
    attributes: {
      type: "object",
      description: "Message attributes, name → value (template), sent as String attributes.",
      propertyNames: { type: "string", minLength: 1, maxLength: 256, pattern: "^[A-Za-z0-9_.-]+$" },
      additionalProperties: { type: "string", minLength: 1 },
      examples: [{ cluster: "{{ event.detail.clusterArn }}" }],
    },
    delaySeconds: {
      type: "integer",
      minimum: 0,
      maximum: 900,
      description: "Standard queues only: seconds before the message becomes visible (0-900).",
    },
    messageGroupId: {
      type: "string",
      minLength: 1,
      maxLength: 128,
      description:
        "FIFO queues: the message group (template); ordering holds within a group. Default: the event id, so events are not held behind each other.",
      examples: ["{{ event.detail.clusterArn }}"],
    },
    messageDeduplicationId: {
      type: "string",
      minLength: 1,
      maxLength: 128,
      description:
        "FIFO queues: messages with the same id within 5 minutes are queued once. Default: the event id, so a replay of the same event is not queued twice.",
      examples: ["{{ event.id }}"],
    },
  },
  required: ["queue"],
  additionalProperties: false,
};

export const sqsSendDefaults: Readonly<Record<string, unknown>> = { body: DEFAULT_SQS_BODY };
