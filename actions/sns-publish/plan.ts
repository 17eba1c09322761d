import type { ActionPlan, PlanInput, PlanStep } from "../../engine/action/types.js";
import { SNS_PUBLISH } from "./params.js";
import { publishInputFor, topicOf } from "./request.js";
import { type TopicFacts, topicFacts } from "./topic.js";

/** Dry run: the exact Publish request. Rendered values breaking SNS's limits fail the plan. */
export function planSnsPublish({ params }: PlanInput): ActionPlan {
  return planWith(params, undefined);
}

/**
 * The plan of one action, made when its rule is compiled: a topicArn without template is checked
 * once here instead of on every event (see ActionDefinition.planner).
 */
export function snsPublishPlanner(
  fixed: Readonly<Record<string, unknown>>,
): (input: PlanInput) => ActionPlan {
  const known = typeof fixed.topicArn === "string" ? topicFacts(fixed.topicArn) : undefined;
  return ({ params }) => planWith(params, known);
}

function planWith(params: Record<string, unknown>, known: TopicFacts | undefined): ActionPlan {
  const topic = topicOf(params, known);
  const input = publishInputFor(params, topic);
  // The request is this plan's own (publishInputFor builds it afresh): no copy.
  const step: PlanStep = { call: "sns:Publish", input: input as unknown as Record<string, unknown> };
  if (topic.fifo && input.MessageDeduplicationId === undefined) {
    step.note =
      "no messageDeduplicationId: SNS derives one from the body if the topic has content-based deduplication, and refuses the publish otherwise";
  }
  const summary =
    input.Subject !== undefined ? `publish "${input.Subject}" to SNS topic ${topic.name}` : topic.summary;
  return { type: SNS_PUBLISH, summary, steps: [step] };
}
