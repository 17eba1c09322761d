import type { ActionServices, RunInput } from "../action/types.js";
import type { PreparedAction, PreparedDecision } from "../engine.js";
import { attemptRun, errorMessage, failureMessage } from "./action-attempt.js";
import { type Clock, realSleep, type Sleep } from "./clock.js";
import { DEFAULT_RESULT_TTL_SECONDS, type IdempotencyKey, type IdempotencyStore } from "./idempotency.js";
import type { ActionRunOutcome } from "./outcome.js";
import { cachedSecretValues, Redactor } from "./redact.js";
import { retryWithBackoff } from "./retry.js";

export interface RetryPolicy {
  baseMs: number;
  maxMs: number;
  /** Attempts in all per action (the deadline bounds them too). */
  maxAttempts: number;
}

/** 200 ms doubling to 5 s: a few quick retries for throttling, and no hammering of a sick service. */
export const DEFAULT_RETRY: RetryPolicy = { baseMs: 200, maxMs: 5_000, maxAttempts: 8 };

export interface ActionRunnerOptions {
  services: ActionServices;
  store: IdempotencyStore;
  clock: Clock;
  deadline: number;
  /** When locks expire: the end of the invocation. */
  invocationEndsAt: number;
  retry: RetryPolicy;
  sleep?: Sleep;
  random?: () => number;
  resultTtlSeconds?: number;
}

/** Where one action runs: its event's key, its rule's context, the invocation's abort signal. */
export interface ActionSite {
  eventKey: string;
  decision: PreparedDecision;
  prepared: PreparedAction;
  signal: AbortSignal;
  /** Secret values known so far for this event: scrubbed from the result before it is stored. */
  secrets: readonly string[];
}

/**
 * Runs one prepared action: at most once per key (idempotency store), retried with backoff
 * inside the deadline, always reported as an outcome — never thrown.
 */
export class ActionRunner {
  constructor(private readonly opts: ActionRunnerOptions) {}

  async run(site: ActionSite): Promise<ActionRunOutcome> {
    const { clock, store } = this.opts;
    const start = clock.now();
    const since = (): number => Math.max(0, clock.now() - start);
    const { prepared, decision } = site;
    const { action } = prepared;
    const head = { index: action.index, type: action.type };
    const failed = (error: string, retryable: boolean, attempts = 0) =>
      ({ ...head, status: "failed", error, retryable, attempts, durationMs: since() }) as const;

    if ("error" in prepared) {
      return { ...head, status: "render-error", error: prepared.error, attempts: 0, durationMs: 0 };
    }
    const definition = action.definition;
    if (!definition.run) {
      return failed(`action type "${action.type}" has no run: it can only be planned (dry run)`, false);
    }
    if (clock.now() >= this.opts.deadline) {
      // Taking the lock now would only block a redelivery that has the time this one lacks.
      return failed("no time left in the invocation to start the action", true);
    }

    const key: IdempotencyKey = {
      eventId: site.eventKey,
      rule: decision.rule.name,
      actionIndex: action.index,
    };
    let token: string;
    try {
      const begun = await store.begin(key, this.#lockSeconds());
      if (begun.state === "done") {
        const previous = { status: begun.result.status, summary: begun.result.summary };
        return { ...head, status: "skipped-duplicate", previous, attempts: 0, durationMs: since() };
      }
      if (begun.state === "in-progress") {
        return { ...head, status: "skipped-in-progress", attempts: 0, durationMs: since() };
      }
      token = begun.token;
    } catch (err) {
      // Running without the guard could run it twice; failing lets a redelivery try again.
      return failed(`idempotency store unavailable, action not run: ${errorMessage(err)}`, true);
    }

    const run = definition.run.bind(definition);
    const input: RunInput = {
      params: prepared.params,
      context: decision.context,
      services: this.opts.services,
      signal: site.signal,
    };
    const result = await retryWithBackoff(() => attemptRun(run, input, site.signal), {
      deadline: this.opts.deadline,
      ...this.opts.retry,
      clock,
      sleep: this.opts.sleep ?? realSleep,
      ...(this.opts.random ? { random: this.opts.random } : {}),
      signal: site.signal,
    });

    if (!result.ok) {
      const outcome: ActionRunOutcome = failed(
        failureMessage(result.error),
        result.retryable,
        result.attempts,
      );
      if (result.reason !== "not-retryable") outcome.gaveUp = result.reason;
      await store.abandon(key, token).catch((err: unknown) => {
        outcome.warning = `lock not released (it expires with the invocation): ${errorMessage(err)}`;
      });
      outcome.durationMs = since();
      return outcome;
    }

    // Stored results outlive this process: scrub them before they are written.
    const redactor = new Redactor(site.secrets, definition.secretPatterns).with(
      await cachedSecretValues(this.opts.services.secrets),
    );
    const recorded = redactor.value(result.value);
    const outcome: ActionRunOutcome = {
      ...head,
      status: recorded.status,
      summary: recorded.summary,
      ...(recorded.detail !== undefined ? { detail: recorded.detail } : {}),
      attempts: result.attempts,
      durationMs: 0,
    };
    try {
      const ttl = this.opts.resultTtlSeconds ?? DEFAULT_RESULT_TTL_SECONDS;
      if (!(await store.complete(key, token, recorded, ttl))) {
        outcome.warning = "lock had expired and was taken over: another invocation may run it again";
      }
    } catch (err) {
      outcome.warning = `result not recorded (a redelivery may run it again): ${errorMessage(err)}`;
    }
    outcome.durationMs = since();
    return outcome;
  }

  /** Locks last until the invocation is certainly over (plus a second for clock skew), no longer. */
  #lockSeconds(): number {
    return Math.max(1, Math.ceil((this.opts.invocationEndsAt - this.opts.clock.now()) / 1000) + 1);
  }
}
