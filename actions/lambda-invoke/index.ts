import type { ActionDefinition } from "../../engine/action/types.js";
import { checkLambdaInvoke } from "./check.js";
import { lambdaInvokeIam } from "./iam.js";
import { LAMBDA_INVOKE, lambdaInvokeDefaults, lambdaInvokeSchema } from "./params.js";
import { planLambdaInvoke } from "./plan.js";
import { runLambdaInvoke } from "./run.js";
import { lambdaInvokeSamples } from "./samples.js";
import { lambdaInvokeTarget } from "./target.js";

export const lambdaInvokeAction: ActionDefinition = {
  type: LAMBDA_INVOKE,
  description:
    "Invoke a Lambda function (name, alias or ARN) with the event or a rendered payload, async by default.",
  paramsSchema: lambdaInvokeSchema,
  defaults: lambdaInvokeDefaults,
  check: checkLambdaInvoke,
  iam: lambdaInvokeIam,
  plan: planLambdaInvoke,
  run: runLambdaInvoke,
  target: lambdaInvokeTarget,
  samples: lambdaInvokeSamples,
};
