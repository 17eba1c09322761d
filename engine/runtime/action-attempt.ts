import type { ActionDefinition, ActionResult, RunInput } from "../action/types.js";
import { ActionFailure } from "../action/types.js";
import { asActionFailure } from "./retry.js";

/**
 * One call of an action's `run`, guarded the way the runtime needs: a synchronous throw or a
 * non-promise return becomes a rejection, an action that ignores its AbortSignal still cannot
 * hold the invocation past the deadline, and a malformed result is a failure, not a record.
 */
export function attemptRun(
  run: NonNullable<ActionDefinition["run"]>,
  input: RunInput,
  signal: AbortSignal,
): Promise<ActionResult> {
  const work = Promise.resolve().then(() => run(input));
  return raceDeadline(work, signal).then(checkResult);
}

/** The attempt is abandoned as a retryable failure; the event goes to a later delivery. */
function raceDeadline<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(deadlineFailure());
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(deadlineFailure());
    signal.addEventListener("abort", onAbort, { once: true });
    work.then(
      (v) => {
        signal.removeEventListener("abort", onAbort);
        resolve(v);
      },
      (e: unknown) => {
        signal.removeEventListener("abort", onAbort);
        reject(e);
      },
    );
  });
}

function deadlineFailure(): ActionFailure {
  return new ActionFailure("stopped at the invocation deadline before the action finished", {
    retryable: true,
  });
}

/**
 * A plug-in returning something other than an ActionResult has a bug; it fails (not retryable,
 * as a TypeError) with a message that says so, instead of corrupting the idempotency record.
 */
function checkResult(value: unknown): ActionResult {
  const v = value as Partial<ActionResult> | null | undefined;
  if (v === null || typeof v !== "object" || (v.status !== "changed" && v.status !== "unchanged")) {
    throw new TypeError("the action's run returned something other than an ActionResult {status, summary}");
  }
  return { ...v, status: v.status, summary: typeof v.summary === "string" ? v.summary : "" };
}

/**
 * The message reported for a failure. ActionFailure messages are written for users and kept
 * secret-free by the actions; anything else is a bug in the action (or an SDK error it did not
 * wrap), so its class name is kept to say what kind.
 */
export function failureMessage(err: unknown): string {
  const failure = asActionFailure(err);
  if (failure) return failure.message;
  return err instanceof Error ? `${err.name}: ${err.message}` : String(err);
}

export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
