import type { ActionDefinition } from "../../engine/action/types.js";
import { checkEventbridgePut } from "./check.js";
import { eventbridgePutIam } from "./iam.js";
import { EVENTBRIDGE_PUT, eventbridgePutDefaults, eventbridgePutSchema } from "./params.js";
import { planEventbridgePut } from "./plan.js";
import { runEventbridgePut } from "./run.js";
import { eventbridgePutSamples } from "./samples.js";
import { eventbridgePutTarget } from "./target.js";

export const eventbridgePutAction: ActionDefinition = {
  type: EVENTBRIDGE_PUT,
  description:
    "Put an event on an EventBridge bus, in any account or region: by default the matched event, forwarded.",
  paramsSchema: eventbridgePutSchema,
  defaults: eventbridgePutDefaults,
  check: checkEventbridgePut,
  iam: eventbridgePutIam,
  plan: planEventbridgePut,
  run: runEventbridgePut,
  target: eventbridgePutTarget,
  samples: eventbridgePutSamples,
};
