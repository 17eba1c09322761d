import type { ActionPlan, PlanInput, PlanStep } from "../../engine/action/types.js";
import { secretPlanSteps } from "../shared/secret-value.js";
import { SLACK_POST } from "./params.js";
import { slackBody } from "./request.js";
import { describeWebhookSource, readWebhookSource } from "./webhook-source.js";

/** Dry run: how the URL would be fetched, then the post with its exact body. The URL is never known here. */
export function planSlackPost({ params, context }: PlanInput): ActionPlan {
  const source = readWebhookSource(params.webhook);
  const body = slackBody(params, context);
  const from = describeWebhookSource(source);
  const steps: PlanStep[] = secretPlanSteps(source, "the webhook URL", "webhook");
  steps.push({
    call: `POST <slack webhook from ${from}>`,
    input: { ...body },
    note: "429 waits for Retry-After, 5xx is retried, any other 4xx fails at once",
  });
  return { type: SLACK_POST, summary: `post to Slack (webhook from ${from})`, steps };
}
