import type { ActionDefinition } from "../../engine/action/types.js";
import { checkSqsSend } from "./check.js";
import { sqsSendIam } from "./iam.js";
import { SQS_SEND, sqsSendDefaults, sqsSendSchema } from "./params.js";
import { planSqsSend } from "./plan.js";
import { runSqsSend } from "./run.js";
import { sqsSendSamples } from "./samples.js";
import { sqsSendTarget } from "./target.js";

export const sqsSendAction: ActionDefinition = {
  type: SQS_SEND,
  description:
    "Send a message (by default the event as JSON) to an SQS queue, standard or FIFO; FIFO deduplicates replays by event id.",
  paramsSchema: sqsSendSchema,
  defaults: sqsSendDefaults,
  check: checkSqsSend,
  iam: sqsSendIam,
  plan: planSqsSend,
  run: runSqsSend,
  target: sqsSendTarget,
  samples: sqsSendSamples,
};
