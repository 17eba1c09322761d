import type { ActionPlan, PlanInput, PlanStep } from "../../engine/action/types.js";
import { isFifoTopic } from "./limits.js";
import { SNS_PUBLISH } from "./params.js";
import { publishInput } from "./request.js";

/** Dry run: the exact Publish request. Rendered values breaking SNS's limits fail the plan. */
export function planSnsPublish({ params }: PlanInput): ActionPlan {
  const input = publishInput(params);
  const step: PlanStep = { call: "sns:Publish", input: { ...input } };
  if (isFifoTopic(input.TopicArn) && input.MessageDeduplicationId === undefined) {
    step.note =
      "no messageDeduplicationId: SNS derives one from the body if the topic has content-based deduplication, and refuses the publish otherwise";
  }
  const topic = input.TopicArn.split(":").slice(5).join(":");
  const about = input.Subject !== undefined ? ` "${input.Subject}"` : "";
  return { type: SNS_PUBLISH, summary: `publish${about} to SNS topic ${topic}`, steps: [step] };
}
