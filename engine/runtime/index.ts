/** The execution runtime: runs what the engine prepares, with idempotency, retries, logs and metrics. */

export { ActionRunner, DEFAULT_RETRY, type RetryPolicy } from "./action-runner.js";
export { type Clock, ManualClock, realSleep, type Sleep, systemClock } from "./clock.js";
export {
  type EmfDocument,
  METRICS_NAMESPACE,
  type MetricsInput,
  metricDocuments,
  metricLines,
} from "./emf.js";
export { Executor, type ExecutorOptions, executeEvent } from "./executor.js";
export {
  type BeginResult,
  DEFAULT_RESULT_TTL_SECONDS,
  eventKeyId,
  IDEMPOTENCY_TABLE,
  type IdempotencyKey,
  type IdempotencyStore,
  idempotencyKeyString,
} from "./idempotency.js";
export {
  EVENT_LOG_MESSAGE,
  type EventLogLine,
  eventLogLine,
  formatEventLogLine,
  formatInputErrorLine,
  INPUT_ERROR_LOG_MESSAGE,
  type LogSink,
  stdoutLog,
} from "./log-line.js";
export { MemoryIdempotencyStore } from "./memory-idempotency-store.js";
export type { ActionRunOutcome, ActionStatus, EventOutcome, OutcomeTotals, RuleOutcome } from "./outcome.js";
export { cachedSecretValues, REDACTED, Redactor } from "./redact.js";
export {
  backoffCeiling,
  type GiveUpReason,
  type RetryOptions,
  type RetryResult,
  retryWithBackoff,
} from "./retry.js";
