import { ActionFailure } from "../../engine/action/types.js";
import { redact } from "./secrets.js";

/**
 * The failure with every secret removed from its message: the last line of defence of an action
 * that handled secrets, since results and errors end up in logs. Causes are dropped once a secret
 * is known (a library error deep in the chain may quote it, and loggers print causes); anything
 * that is not an ActionFailure becomes a final one, prefixed with `what` (`webhook failed`).
 */
export function scrubbedFailure(err: unknown, secrets: readonly string[], what: string): ActionFailure {
  if (err instanceof ActionFailure) {
    const message = redact(err.message, secrets);
    if (message === err.message && (secrets.length === 0 || err.cause === undefined)) return err;
    return new ActionFailure(message, {
      retryable: err.retryable,
      ...(err.retryAfterMs !== undefined ? { retryAfterMs: err.retryAfterMs } : {}),
    });
  }
  const message = err instanceof Error ? err.message : String(err);
  return new ActionFailure(`${what}: ${redact(message, secrets)}`, { retryable: false });
}
