import { ActionFailure, type ActionResult, type RunInput } from "../../engine/action/types.js";
import { parseArn } from "../../engine/arn.js";
import { callAws } from "../shared/call-aws.js";
import { publishInput } from "./request.js";

/**
 * One Publish, built by the same `publishInput` the plan shows, so SNS's limits are enforced on
 * the rendered values before the call. Published in the topic's own region.
 */
export async function runSnsPublish({ params, services, signal }: RunInput): Promise<ActionResult> {
  let input: ReturnType<typeof publishInput>;
  try {
    input = publishInput(params);
  } catch (err) {
    // A rendered value SNS would refuse: it renders the same on every try.
    throw new ActionFailure(`sns:Publish not sent: ${(err as Error).message}`, {
      retryable: false,
      cause: err,
    });
  }
  const region = parseArn(input.TopicArn)?.region || services.aws.defaultRegion;
  // Loaded on first call: importing the action (replay, plans, check) must not load the client.
  const { SnsPublisher } = await import("./publish-client.js");
  const sns = services.aws.client(SnsPublisher, region);
  const out = await callAws("sns:Publish", signal, (opts) => sns.publish(input, opts.abortSignal));

  const detail: Record<string, unknown> = { topicArn: input.TopicArn, messageId: out.MessageId };
  if (out.SequenceNumber !== undefined) detail.sequenceNumber = out.SequenceNumber;
  if (input.MessageGroupId !== undefined) detail.messageGroupId = input.MessageGroupId;
  const topic = input.TopicArn.split(":").slice(5).join(":");
  const about = input.Subject !== undefined ? ` "${input.Subject}"` : "";
  return {
    status: "changed",
    summary: `published${about} to ${topic} (MessageId ${out.MessageId ?? "unknown"})`,
    detail,
  };
}
