import type { ActionPlan, PlanInput, PlanStep } from "../../engine/action/types.js";
import { payloadView } from "../shared/json-payload.js";
import { EVENTBRIDGE_PUT } from "./params.js";
import { putEventsEntry } from "./request.js";

/** Dry run: the exact PutEvents entry. */
export function planEventbridgePut({ params, context }: PlanInput): ActionPlan {
  const entry = putEventsEntry(params, context);
  const step: PlanStep = {
    call: "events:PutEvents",
    input: { Entries: [{ ...entry, Detail: payloadView(entry.Detail) }] },
  };
  if (/^aws\./i.test(entry.Source)) {
    step.note = `EventBridge refuses source ${entry.Source} from PutEvents (NotAuthorizedForSourceException): aws. sources are reserved; set source`;
  }
  return {
    type: EVENTBRIDGE_PUT,
    summary: `put "${entry.DetailType}" from ${entry.Source} on bus ${entry.EventBusName}`,
    steps: [step],
  };
}
