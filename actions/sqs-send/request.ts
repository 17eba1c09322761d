import { payloadText } from "../shared/json-payload.js";
import { isFifoQueue, queueRef } from "./queue.js";

/** The SendMessage request, field for field as the SDK takes it. */
export interface SendMessageInput {
  QueueUrl: string;
  MessageBody: string;
  MessageAttributes?: Record<string, { DataType: "String"; StringValue: string }>;
  DelaySeconds?: number;
  MessageGroupId?: string;
  MessageDeduplicationId?: string;
}

/**
 * Builds the request from rendered params. FIFO queues get the event id as group and
 * deduplication id when the rule gives none (a replay within 5 minutes is then not queued twice);
 * standard queues refuse a deduplication id, FIFO ones a per-message delay. Errors name the param.
 */
export function sendMessageInput(
  params: Record<string, unknown>,
  context: Record<string, unknown>,
): SendMessageInput {
  if (typeof params.queue !== "string") throw new Error("queue: expected a string");
  const queue = queueRef(params.queue);
  const body = payloadText(params.body, "body", false);
  if (body === "") throw new Error("body: rendered to an empty string, which SQS refuses");
  const input: SendMessageInput = { QueueUrl: queue.url, MessageBody: body };

  if (params.attributes !== undefined) {
    input.MessageAttributes = {};
    for (const [name, value] of Object.entries(params.attributes as Record<string, unknown>)) {
      if (typeof value !== "string" || value === "")
        throw new Error(`attributes.${name}: rendered to an empty or non-string value`);
      input.MessageAttributes[name] = { DataType: "String", StringValue: value };
    }
  }
  const fifo = isFifoQueue(queue.name);
  if (params.delaySeconds !== undefined) {
    if (fifo)
      throw new Error("delaySeconds: FIFO queues take no per-message delay (set the queue's DeliveryDelay)");
    input.DelaySeconds = params.delaySeconds as number;
  }
  const eventId = eventIdOf(context);
  const group = optional(params, "messageGroupId") ?? (fifo ? eventId : undefined);
  if (group !== undefined) input.MessageGroupId = group;
  const dedup = optional(params, "messageDeduplicationId") ?? (fifo ? eventId : undefined);
  if (dedup !== undefined) {
    if (!fifo) throw new Error("messageDeduplicationId: applies only to FIFO queues (.fifo)");
    input.MessageDeduplicationId = dedup;
  }
  if (fifo && input.MessageGroupId === undefined)
    throw new Error("messageGroupId: required for a FIFO queue, and the event has no id");
  return input;
}

function eventIdOf(context: Record<string, unknown>): string | undefined {
  const event = context.event as { id?: unknown } | undefined;
  return typeof event?.id === "string" && event.id !== "" ? event.id : undefined;
}

function optional(params: Record<string, unknown>, key: string): string | undefined {
  const v = params[key];
  if (v === undefined) return undefined;
  if (typeof v !== "string" || v === "") throw new Error(`${key}: rendered to an empty or non-string value`);
  return v;
}
