import type { ActionDefinition } from "../../engine/action/types.js";
import { checkSnsPublish } from "./check.js";
import { snsPublishIam } from "./iam.js";
import { SNS_PUBLISH, snsPublishDefaults, snsPublishSchema } from "./params.js";
import { planSnsPublish, snsPublishPlanner } from "./plan.js";
import { runSnsPublish } from "./run.js";
import { snsPublishSamples } from "./samples.js";
import { snsPublishTarget } from "./target.js";

export const snsPublishAction: ActionDefinition = {
  type: SNS_PUBLISH,
  description: "Publish a message (by default the event as JSON) to an SNS topic, standard or FIFO.",
  paramsSchema: snsPublishSchema,
  defaults: snsPublishDefaults,
  check: checkSnsPublish,
  iam: snsPublishIam,
  plan: planSnsPublish,
  planner: snsPublishPlanner,
  run: runSnsPublish,
  target: snsPublishTarget,
  samples: snsPublishSamples,
};
