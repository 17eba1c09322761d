import type { ActionDefinition } from "../../engine/action/types.js";
import { checkLambdaInvoke } from "./check.js";
import { lambdaInvokeIam } from "./iam.js";
import { LAMBDA_INVOKE, lambdaInvokeDefaults, lambdaInvokeSchema } from "./params.js";
import { planLambdaInvoke } from "./plan.js";
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
  // Loaded on the first run, with what it calls (SDK client, HTTP), not with the registry.
  run: async (input) => (await import("./run.js")).runLambdaInvoke(input),
  target: lambdaInvokeTarget,
  samples: lambdaInvokeSamples,
};
