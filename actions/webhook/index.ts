import type { ActionDefinition } from "../../engine/action/types.js";
import { checkWebhook } from "./check.js";
import { webhookIam } from "./iam.js";
import { WEBHOOK, webhookDefaults, webhookSchema } from "./params.js";
import { planWebhook } from "./plan.js";
import { runWebhook } from "./run.js";
import { webhookSamples } from "./samples.js";
import { webhookTarget } from "./target.js";

export const webhookAction: ActionDefinition = {
  type: WEBHOOK,
  description:
    "POST or PUT the event, or a body rendered from it, to an HTTP endpoint (PagerDuty, Opsgenie, Microsoft Teams, Discord, your own), with secret URL, headers and body fields from KMS, SSM, Secrets Manager or env.",
  paramsSchema: webhookSchema,
  defaults: webhookDefaults,
  check: checkWebhook,
  iam: webhookIam,
  plan: planWebhook,
  run: runWebhook,
  target: webhookTarget,
  samples: webhookSamples,
};
