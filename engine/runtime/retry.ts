import { ActionFailure } from "../action/types.js";
import { type Clock, realSleep, type Sleep, systemClock } from "./clock.js";

export interface RetryOptions {
  /** Epoch milliseconds: no attempt starts, and no wait ends, after this (invocation end minus a margin). */
  deadline: number;
  /** First backoff ceiling; doubles per attempt (exponential backoff). */
  baseMs: number;
  /** Cap on the backoff ceiling (a server's Retry-After may ask for more, and is honoured). */
  maxMs: number;
  /** Attempts in all, the first included; default unbounded (the deadline bounds them). */
  maxAttempts?: number;
  /** Uniform in [0, 1); injectable so tests pick the jitter. */
  random?: () => number;
  sleep?: Sleep;
  clock?: Clock;
  /** Aborts a wait (the invocation is ending); the loop then gives up with the last cause. */
  signal?: AbortSignal;
}

/** Why the loop stopped without a success. */
export type GiveUpReason =
  /** The failure was not retryable (or not an ActionFailure): retrying cannot help. */
  | "not-retryable"
  /** The next wait would end past the deadline (or no time was left for a first attempt). */
  | "deadline"
  /** The server asked for a wait (Retry-After) longer than the time left. */
  | "retry-after-exceeds-deadline"
  | "max-attempts";

export type RetryResult<T> =
  | { ok: true; value: T; attempts: number }
  | {
      ok: false;
      /** The last attempt's error: the cause reported to the user. */
      error: unknown;
      attempts: number;
      /** Whether a later delivery of the event could succeed (the cause itself was retryable). */
      retryable: boolean;
      reason: GiveUpReason;
    };

/**
 * The backoff ceiling for the wait after `attempt` failed (1-based), before jitter:
 * `min(maxMs, baseMs * 2^(attempt-1))`.
 */
export function backoffCeiling(attempt: number, baseMs: number, maxMs: number): number {
  return Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
}

/**
 * ActionFailure by shape rather than `instanceof`: a user's plug-in may bundle its own copy of
 * the class, and its retryable failures must still be retried.
 */
export function asActionFailure(err: unknown): ActionFailure | undefined {
  if (err instanceof ActionFailure) return err;
  if (
    err instanceof Error &&
    err.name === "ActionFailure" &&
    typeof (err as { retryable?: unknown }).retryable === "boolean"
  ) {
    return err as ActionFailure;
  }
  return undefined;
}

/**
 * Calls `fn` until it succeeds, retrying only retryable ActionFailures. Waits use "full jitter"
 * (a uniform draw in [0, ceiling)), which spreads retries of many concurrent invocations best;
 * a server's `retryAfterMs` is a floor on the wait. Nothing waits past the deadline: when the
 * wait would, the loop gives up at once with the last cause, leaving the invocation time to
 * report it (and the event to a later delivery or the DLQ).
 */
export async function retryWithBackoff<T>(
  fn: (attempt: number) => Promise<T>,
  opts: RetryOptions,
): Promise<RetryResult<T>> {
  const clock = opts.clock ?? systemClock;
  const sleep = opts.sleep ?? realSleep;
  const random = opts.random ?? Math.random;
  const maxAttempts = opts.maxAttempts ?? Number.POSITIVE_INFINITY;

  if (clock.now() >= opts.deadline) {
    return {
      ok: false,
      error: new ActionFailure("no time left in the invocation to start the action", { retryable: true }),
      attempts: 0,
      retryable: true,
      reason: "deadline",
    };
  }

  let attempt = 0;
  for (;;) {
    attempt++;
    let error: unknown;
    try {
      return { ok: true, value: await fn(attempt), attempts: attempt };
    } catch (err) {
      error = err;
    }
    const failure = asActionFailure(error);
    if (!failure?.retryable) {
      return { ok: false, error, attempts: attempt, retryable: false, reason: "not-retryable" };
    }
    const gaveUp = (reason: GiveUpReason): RetryResult<T> => ({
      ok: false,
      error,
      attempts: attempt,
      retryable: true,
      reason,
    });
    if (attempt >= maxAttempts) return gaveUp("max-attempts");

    const remaining = opts.deadline - clock.now();
    const retryAfter = failure.retryAfterMs;
    if (retryAfter !== undefined && retryAfter > remaining) return gaveUp("retry-after-exceeds-deadline");
    const jitter = Math.floor(random() * backoffCeiling(attempt, opts.baseMs, opts.maxMs));
    const wait = Math.max(retryAfter ?? 0, jitter);
    if (wait >= remaining) return gaveUp("deadline");

    await sleep(wait, opts.signal);
    if (opts.signal?.aborted || clock.now() >= opts.deadline) return gaveUp("deadline");
  }
}
