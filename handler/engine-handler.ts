import type { ActionServices } from "../engine/action/types.js";
import { type Engine, splitUnreadable } from "../engine/engine.js";
import { type InputError, unwrapInput } from "../engine/envelope.js";
import type { RetryPolicy } from "../engine/runtime/action-runner.js";
import { type Clock, type Sleep, systemClock } from "../engine/runtime/clock.js";
import { metricLines } from "../engine/runtime/emf.js";
import { Executor } from "../engine/runtime/executor.js";
import type { IdempotencyStore } from "../engine/runtime/idempotency.js";
import { formatInputErrorLine, type LogSink, stdoutLog } from "../engine/runtime/log-line.js";
import { MemoryIdempotencyStore } from "../engine/runtime/memory-idempotency-store.js";
import { type EventOutcome, emptyActionCounts } from "../engine/runtime/outcome.js";
import { Redactor } from "../engine/runtime/redact.js";
import { type EvaluationPart, evaluationLoader } from "./evaluation-loader.js";
import {
  type InvocationSummary,
  invocationTimes,
  type LambdaContext,
  type LambdaHandler,
  NO_CONTEXT_REMAINING_MS,
} from "./lambda-contract.js";
import { defaultServices } from "./services.js";
import { groupByRecord, isSqsBatch, runSqsBatch } from "./sqs-batch.js";

/** How an engine becomes a Lambda handler; `createHandler` adds where the engine comes from. */
export interface EngineHandlerOptions {
  /** Default: SDK clients in the environment's region, global fetch, process.env. */
  services?: ActionServices;
  /** Default: memory (dedupes only within one warm container). */
  store?: IdempotencyStore;
  /** Gets the per-event lines, invalid-input lines and EMF documents. Default: stdout. */
  log?: LogSink;
  clock?: Clock;
  sleep?: Sleep;
  random?: () => number;
  retry?: Partial<RetryPolicy>;
  /** Events of one SQS batch run at once (not for FIFO queues, which run in order). Default 1. */
  concurrency?: number;
  /** Kept back from the invocation's remaining time for reporting; see invocationTimes. */
  safetyMarginMs?: number;
  resultTtlSeconds?: number;
  /** More that evaluating an event may need, loaded before the first event that needs it (the bundle's actions). */
  evaluationParts?: readonly EvaluationPart[];
}

/** The invocation failed and must be retried (or go to the DLQ); the message says why. */
export class InvocationError extends Error {
  override readonly name = "InvocationError";

  constructor(
    message: string,
    readonly outcomes: readonly EventOutcome[],
    readonly inputErrors: readonly InputError[],
  ) {
    super(message);
  }
}

/**
 * The Lambda handler: a thin adapter from Lambda's inputs to the executor. SQS batches get a
 * partial batch response (a record fails when its body is invalid or one of its actions finally
 * failed); every other input throws when anything failed, so Lambda's retries and the function's
 * DLQ / on-failure destination keep the event. Invalid input is logged naming the field and
 * thrown: it must land in the DLQ, not vanish.
 */
export function createEngineHandler(
  engineReady: Promise<Engine>,
  opts: EngineHandlerOptions = {},
): LambdaHandler {
  const services = opts.services ?? defaultServices();
  const store = opts.store ?? new MemoryIdempotencyStore(opts.clock ? { clock: opts.clock } : {});
  const log = opts.log ?? stdoutLog;
  const clock = opts.clock ?? systemClock;
  const redactor = new Redactor();
  const loadEvaluationFor = evaluationLoader(opts.evaluationParts);

  return async (input: unknown, context?: LambdaContext) => {
    const engine = await engineReady;
    const now = clock.now();
    const times = invocationTimes(
      now,
      context?.getRemainingTimeInMillis() ?? NO_CONTEXT_REMAINING_MS,
      opts.safetyMarginMs,
    );
    const executor = new Executor(engine, {
      services,
      store,
      clock,
      log,
      deadline: times.deadline,
      invocationEndsAt: times.endsAt,
      ...pick(opts, ["sleep", "random", "retry", "concurrency", "resultTtlSeconds"]),
    });
    const origin = context?.awsRequestId ? `invoke:${context.awsRequestId}` : "invoke";
    const unwrapped = unwrapInput(input, origin);
    // An event EventBridge could not read is invalid input (never "no match"): its record fails.
    const { items, errors: unreadable } = splitUnreadable(unwrapped.items);
    const errors = [...unwrapped.errors, ...unreadable];
    await loadEvaluationFor(engine, items);
    const logErrors = (errs: readonly InputError[]): void => {
      for (const e of errs) log(redactor.string(formatInputErrorLine(e)));
    };

    if (isSqsBatch(input)) {
      const batch = groupByRecord(input, items, errors);
      const { failures, outcomes, stray } = await runSqsBatch(executor, batch, logErrors);
      emitMetrics(log, outcomes, errors.length, clock);
      if (batch.unattributed.errors.length > 0 || stray.some((o) => o.failed)) {
        // A record without a messageId cannot be named in a partial response: fail the batch.
        throw new InvocationError(describeFailure(stray, batch.unattributed.errors), outcomes, errors);
      }
      return { batchItemFailures: failures };
    }

    logErrors(errors);
    const outcomes = await executor.executeAll(items);
    emitMetrics(log, outcomes, errors.length, clock);
    if (errors.length > 0 || outcomes.some((o) => o.failed)) {
      throw new InvocationError(describeFailure(outcomes, errors), outcomes, errors);
    }
    return summarize(outcomes);
  };
}

function emitMetrics(
  log: LogSink,
  outcomes: readonly EventOutcome[],
  invalidInputs: number,
  clock: Clock,
): void {
  for (const line of metricLines({ outcomes, invalidInputs, timestamp: clock.now() })) log(line);
}

/** The thrown message: what failed, briefly (the log lines have the detail). Outcomes are redacted. */
function describeFailure(outcomes: readonly EventOutcome[], errors: readonly InputError[]): string {
  const parts: string[] = errors.map((e) => `invalid input at ${e.field}: ${e.message}`);
  for (const o of outcomes) {
    if (!o.failed) continue;
    const id = o.eventId ?? o.origin;
    if (o.error !== undefined) parts.push(`event ${id}: ${o.error}`);
    if (o.unknownRule !== undefined)
      parts.push(`event ${id}: rule "${o.unknownRule}" is not loaded or is disabled`);
    for (const d of o.decisions) {
      if (d.condition === "error")
        parts.push(`event ${id}: ${d.rule} condition: ${d.conditionError ?? "failed"}`);
      for (const a of d.actions) {
        if (a.status === "failed" || a.status === "render-error") {
          parts.push(`event ${id}: ${d.rule}[${a.index}] ${a.type} ${a.status}: ${a.error}`);
        }
      }
    }
  }
  const shown = parts.slice(0, 5).join("; ");
  return `rulebridge: ${parts.length} failure(s): ${shown}${parts.length > 5 ? "; …" : ""}`;
}

function summarize(outcomes: readonly EventOutcome[]): InvocationSummary {
  const actions = emptyActionCounts();
  let matched = 0;
  for (const o of outcomes) {
    matched += o.totals.matched;
    for (const [status, n] of Object.entries(o.totals.actions)) actions[status as keyof typeof actions] += n;
  }
  return { events: outcomes.length, matched, actions };
}

function pick<T extends object, K extends keyof T>(o: T, keys: readonly K[]): Partial<Pick<T, K>> {
  const out: Partial<Pick<T, K>> = {};
  for (const k of keys) if (o[k] !== undefined) out[k] = o[k];
  return out;
}
