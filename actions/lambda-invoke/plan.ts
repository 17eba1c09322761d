import type { ActionPlan, PlanInput } from "../../engine/action/types.js";
import { payloadView } from "../shared/json-payload.js";
import { LAMBDA_INVOKE } from "./params.js";
import { invokeRequest } from "./request.js";

/** Dry run: the exact Invoke request. */
export function planLambdaInvoke({ params }: PlanInput): ActionPlan {
  const req = invokeRequest(params);
  const how = req.InvocationType === "Event" ? "asynchronously" : "and wait for its answer";
  return {
    type: LAMBDA_INVOKE,
    summary: `invoke Lambda function ${req.FunctionName} ${how}`,
    steps: [{ call: "lambda:Invoke", input: { ...req, Payload: payloadView(req.Payload) } }],
  };
}
