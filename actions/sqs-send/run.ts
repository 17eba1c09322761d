import { ActionFailure, type ActionResult, type RunInput } from "../../engine/action/types.js";
import { callAws } from "../shared/call-aws.js";
import { queueRef } from "./queue.js";
import { type SendMessageInput, sendMessageInput } from "./request.js";

/** One SendMessage, built by the same `sendMessageInput` the plan shows, in the queue's region. */
export async function runSqsSend({ params, context, services, signal }: RunInput): Promise<ActionResult> {
  let input: SendMessageInput;
  try {
    input = sendMessageInput(params, context);
  } catch (err) {
    throw new ActionFailure(`sqs:SendMessage not sent: ${(err as Error).message}`, { retryable: false });
  }
  const queue = queueRef(input.QueueUrl);
  // Loaded on first call: importing the action (replay, plans, check) must not load the SDK client.
  const { SendMessageCommand, SQSClient } = await import("./sdk.js");
  const sqs = services.aws.client(SQSClient, queue.region || services.aws.defaultRegion);
  const out = await callAws("sqs:SendMessage", signal, (opts) =>
    sqs.send(new SendMessageCommand(input), opts),
  );
  const detail: Record<string, unknown> = { queue: queue.arn, messageId: out.MessageId };
  if (out.SequenceNumber !== undefined) detail.sequenceNumber = out.SequenceNumber;
  if (input.MessageDeduplicationId !== undefined) detail.deduplicationId = input.MessageDeduplicationId;
  return {
    status: "changed",
    summary: `sent to ${queue.name} (MessageId ${out.MessageId ?? "unknown"})`,
    detail,
  };
}
