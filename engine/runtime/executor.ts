import type { ActionServices } from "../action/types.js";
import type { Engine, Preparation, PreparedAction } from "../engine.js";
import type { InputItem } from "../envelope.js";
import { errorMessage } from "./action-attempt.js";
import { ActionRunner, DEFAULT_RETRY, type RetryPolicy } from "./action-runner.js";
import { type Clock, type Sleep, systemClock } from "./clock.js";
import { eventKeyId, type IdempotencyStore } from "./idempotency.js";
import { formatEventLogLine, type LogSink, stdoutLog } from "./log-line.js";
import { type EventOutcome, outcomeFailed, type RuleOutcome, totalsOf } from "./outcome.js";
import { cachedSecretValues, Redactor, stringLeaves } from "./redact.js";

export interface ExecutorOptions {
  services: ActionServices;
  store: IdempotencyStore;
  /** Epoch ms: no attempt starts and no backoff wait ends after this (invocation end minus a margin). */
  deadline: number;
  /**
   * Epoch ms when the invocation ends for good (Lambda stops it); idempotency locks expire then,
   * so a redelivery after a crash finds the lock gone. Default: `deadline`.
   */
  invocationEndsAt?: number;
  clock?: Clock;
  sleep?: Sleep;
  random?: () => number;
  retry?: Partial<RetryPolicy>;
  /** How long a `done` record is kept; see DEFAULT_RESULT_TTL_SECONDS. */
  resultTtlSeconds?: number;
  /** Events executed at once by `executeAll` (actions of one event always run in order). Default 1. */
  concurrency?: number;
  /** Gets exactly one JSON line per executed event. Default: stdout. */
  log?: LogSink;
  /** Secret values to scrub from every outcome, beyond those the executor finds itself. */
  redactor?: Redactor;
}

/**
 * Runs what the engine prepares: for each rule decision whose condition held, each action in
 * order — one failing does not stop the rest — through the idempotency store and the retry loop,
 * then logs one line per event. An Executor serves one invocation (it holds its deadline).
 *
 * "In progress" semantics: when another invocation holds an action's lock, that invocation is
 * running it and owns its outcome; this one reports `skipped-in-progress` and does not fail. If
 * the holder dies, its own delivery fails and is redelivered after its lock has expired (locks
 * end with the holder's invocation), so the action still runs: at least once overall, at most
 * once per key while records live.
 */
export class Executor {
  readonly #engine: Engine;
  readonly #opts: ExecutorOptions;
  readonly #clock: Clock;
  readonly #runner: ActionRunner;
  readonly #log: LogSink;

  constructor(engine: Engine, opts: ExecutorOptions) {
    this.#engine = engine;
    this.#opts = opts;
    this.#clock = opts.clock ?? systemClock;
    this.#log = opts.log ?? stdoutLog;
    this.#runner = new ActionRunner({
      services: opts.services,
      store: opts.store,
      clock: this.#clock,
      deadline: opts.deadline,
      invocationEndsAt: opts.invocationEndsAt ?? opts.deadline,
      retry: { ...DEFAULT_RETRY, ...opts.retry },
      ...(opts.sleep ? { sleep: opts.sleep } : {}),
      ...(opts.random ? { random: opts.random } : {}),
      ...(opts.resultTtlSeconds !== undefined ? { resultTtlSeconds: opts.resultTtlSeconds } : {}),
    });
  }

  /** Executes one event and logs its one line; never throws on event content or action failure. */
  async execute(item: InputItem): Promise<EventOutcome> {
    const start = this.#clock.now();
    const controller = new AbortController();
    // Aborts in-flight calls at the deadline, so nothing outlives the time the invocation has left.
    const timer = setTimeout(() => controller.abort(), Math.max(0, this.#opts.deadline - start));
    timer.unref?.();
    const secrets: string[] = [];
    let outcome: EventOutcome;
    try {
      outcome = await this.#execute(item, controller.signal, secrets, start);
    } finally {
      clearTimeout(timer);
    }
    const redactor = (this.#opts.redactor ?? new Redactor())
      .withPatterns(this.#engine.secretPatterns)
      .with(secrets)
      .with(await cachedSecretValues(this.#opts.services.secrets));
    const redacted = redactor.value(outcome);
    this.#log(formatEventLogLine(redacted));
    return redacted;
  }

  /** Executes items `concurrency` at a time; outcomes come back in input order. */
  async executeAll(items: readonly InputItem[]): Promise<EventOutcome[]> {
    const out: EventOutcome[] = new Array(items.length);
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < items.length) {
        const i = next++;
        out[i] = await this.execute(items[i]!);
      }
    };
    const n = Math.max(1, Math.min(this.#opts.concurrency ?? 1, items.length));
    await Promise.all(Array.from({ length: n }, worker));
    return out;
  }

  async #execute(
    item: InputItem,
    signal: AbortSignal,
    secrets: string[],
    start: number,
  ): Promise<EventOutcome> {
    const base = {
      eventId: typeof item.event.id === "string" ? item.event.id : null,
      source: typeof item.event.source === "string" ? item.event.source : null,
      detailType: typeof item.event["detail-type"] === "string" ? item.event["detail-type"] : null,
      origin: item.origin,
      ...(item.rule !== undefined ? { rule: item.rule } : {}),
    };
    const since = (): number => Math.max(0, this.#clock.now() - start);
    let prep: Preparation;
    try {
      const named = item.rule !== undefined ? { rule: item.rule } : {};
      prep = this.#engine.prepare(item.event, { ...named, now: new Date(start) });
    } catch (err) {
      // The engine promises not to throw on event content; if it does, the event must not vanish.
      const error = errorMessage(err);
      return { ...base, decisions: [], totals: totalsOf([]), durationMs: since(), failed: true, error };
    }

    const eventKey = eventKeyId(item.event);
    const decisions: RuleOutcome[] = [];
    for (const decision of prep.decisions) {
      const ruleOutcome: RuleOutcome = {
        rule: decision.rule.name,
        file: decision.rule.file,
        condition: decision.condition,
        ...(decision.conditionError !== undefined ? { conditionError: decision.conditionError } : {}),
        actions: [],
      };
      for (const prepared of decision.actions) {
        secrets.push(...secretValues(prepared));
        ruleOutcome.actions.push(await this.#runner.run({ eventKey, decision, prepared, signal, secrets }));
      }
      decisions.push(ruleOutcome);
    }
    const totals = totalsOf(decisions);
    return {
      ...base,
      ...(prep.unknownRule !== undefined ? { unknownRule: prep.unknownRule } : {}),
      decisions,
      totals,
      durationMs: since(),
      failed: outcomeFailed(totals, prep.unknownRule),
    };
  }
}

/** Executes one event with a one-off Executor. */
export function executeEvent(engine: Engine, item: InputItem, opts: ExecutorOptions): Promise<EventOutcome> {
  return new Executor(engine, opts).execute(item);
}

/** Every string a param named in the action's `secretParams` holds (as rendered, when it was). */
function secretValues(prepared: PreparedAction): string[] {
  const params = "params" in prepared ? prepared.params : prepared.action.params;
  return (prepared.action.definition.secretParams ?? []).flatMap((name) => stringLeaves(params[name]));
}
