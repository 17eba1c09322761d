import type { ActionPlan, PlanInput, PlanStep } from "../../engine/action/types.js";
import { getParameterInput } from "../shared/ssm-secret.js";
import { describeAuth } from "./auth.js";
import { INDEX_DOCUMENT } from "./params.js";
import { indexRequest } from "./request.js";

/** Dry run: the password fetch when there is one, then the exact PUT with its document. */
export function planIndexDocument({ params, context }: PlanInput): ActionPlan {
  const request = indexRequest(params, context);
  const steps: PlanStep[] = [];
  if (request.auth.type === "basic" && request.auth.password.kind === "ssm") {
    steps.push({
      call: "ssm:GetParameter",
      input: getParameterInput(request.auth.password.parameter),
      note: "yields the basic-auth password, which is used and never shown",
    });
  }
  steps.push({
    call: `${request.method} ${request.url}`,
    input: request.document,
    note: `auth: ${describeAuth(request.auth)}; an existing document with this id is replaced, so a replay does not duplicate`,
  });
  return {
    type: INDEX_DOCUMENT,
    summary: `index document ${request.id} into ${request.index} at ${request.endpoint.host}`,
    steps,
  };
}
