import { ActionFailure, type ActionResult, type RunInput } from "../../engine/action/types.js";
import { callAws } from "../shared/call-aws.js";
import { busRegion } from "./bus.js";
import { type PutEventsEntry, putEventsEntry } from "./request.js";

/** Entry error codes that say "later", not "no". */
const RETRYABLE_ENTRY = new Set([
  "ThrottlingException",
  "InternalFailure",
  "InternalException",
  "ServiceUnavailable",
]);

/**
 * One PutEvents with one entry, in the bus ARN's region. PutEvents answers 200 even when the
 * entry failed; a failed entry is a failure carrying its error code.
 */
export async function runEventbridgePut({
  params,
  context,
  services,
  signal,
}: RunInput): Promise<ActionResult> {
  let entry: PutEventsEntry;
  try {
    entry = putEventsEntry(params, context);
  } catch (err) {
    throw new ActionFailure(`events:PutEvents not sent: ${(err as Error).message}`, { retryable: false });
  }
  // Loaded on first call: importing the action (replay, plans, check) must not load the SDK client.
  const { EventBridgeClient, PutEventsCommand } = await import("./sdk.js");
  const client = services.aws.client(
    EventBridgeClient,
    busRegion(entry.EventBusName) ?? services.aws.defaultRegion,
  );
  const out = await callAws("events:PutEvents", signal, (opts) =>
    client.send(new PutEventsCommand({ Entries: [entry] }), opts),
  );
  const result = out.Entries?.[0];
  if ((out.FailedEntryCount ?? 0) > 0 || result?.ErrorCode || !result?.EventId) {
    const code = result?.ErrorCode ?? "UnknownError";
    throw new ActionFailure(
      `events:PutEvents failed for the entry: ${code}${result?.ErrorMessage ? `: ${result.ErrorMessage}` : ""}`,
      {
        retryable: RETRYABLE_ENTRY.has(code),
      },
    );
  }
  return {
    status: "changed",
    summary: `put "${entry.DetailType}" on ${entry.EventBusName} (EventId ${result.EventId})`,
    detail: { bus: entry.EventBusName, eventId: result.EventId },
  };
}
