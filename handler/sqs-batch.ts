import type { InputError, InputItem } from "../engine/envelope.js";
import type { Executor } from "../engine/runtime/executor.js";
import type { EventOutcome } from "../engine/runtime/outcome.js";
import type { SqsBatchResponse } from "./lambda-contract.js";

/** One SQS record as the handler sees it: its messageId, its events, and why it is invalid (if so). */
export interface SqsRecordWork {
  messageId: string;
  items: InputItem[];
  errors: InputError[];
}

export interface SqsBatch {
  records: SqsRecordWork[];
  /**
   * FIFO queue (records carry a MessageGroupId): records must be handled in order, and after a
   * failure the rest of the batch must be reported failed unprocessed, or a later message of the
   * group could overtake the failed one on redelivery.
   */
  fifo: boolean;
  /** Items or errors that name no record (a record without messageId): they fail the whole batch. */
  unattributed: { items: InputItem[]; errors: InputError[] };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

/** An SQS event-source batch, as opposed to an SNS delivery, an event, or deploy's `{rule, event}`. */
export function isSqsBatch(input: unknown): input is { Records: unknown[] } {
  return (
    isObject(input) &&
    Array.isArray(input.Records) &&
    input.Records.length > 0 &&
    input.Records.every((r) => isObject(r) && r.eventSource === "aws:sqs")
  );
}

/**
 * Groups what `unwrapInput` made of an SQS batch by record, in record order: the batch response
 * speaks in messageIds, and a record with several events (none today, but an envelope could)
 * fails if any of them does.
 */
export function groupByRecord(
  input: { Records: unknown[] },
  items: readonly InputItem[],
  errors: readonly InputError[],
): SqsBatch {
  const records: SqsRecordWork[] = [];
  const byOrigin = new Map<string, SqsRecordWork>();
  let fifo = false;
  for (const record of input.Records) {
    if (!isObject(record) || typeof record.messageId !== "string") continue;
    if (isObject(record.attributes) && typeof record.attributes.MessageGroupId === "string") fifo = true;
    const origin = `sqs:${record.messageId}`;
    if (byOrigin.has(origin)) continue;
    const work: SqsRecordWork = { messageId: record.messageId, items: [], errors: [] };
    byOrigin.set(origin, work);
    records.push(work);
  }
  const unattributed: SqsBatch["unattributed"] = { items: [], errors: [] };
  for (const item of items) (byOrigin.get(item.origin)?.items ?? unattributed.items).push(item);
  for (const error of errors) (byOrigin.get(error.origin)?.errors ?? unattributed.errors).push(error);
  return { records, fifo, unattributed };
}

export interface SqsBatchRun {
  failures: SqsBatchResponse["batchItemFailures"];
  /** Every event executed, in record order. */
  outcomes: EventOutcome[];
  /** The outcomes of unattributed items (also in `outcomes`). */
  stray: EventOutcome[];
}

/**
 * Executes a batch and decides which records to report failed: those with an invalid body or
 * with an event that failed — never one whose actions all succeeded (or were skipped as done
 * or in progress elsewhere). Standard queues run records with the executor's concurrency; FIFO
 * queues run them in order and stop at the first failure, reporting the rest unprocessed.
 */
export async function runSqsBatch(
  executor: Executor,
  batch: SqsBatch,
  logErrors: (errors: readonly InputError[]) => void,
): Promise<SqsBatchRun> {
  const failures: SqsBatchRun["failures"] = [];
  const outcomes: EventOutcome[] = [];
  if (batch.fifo) {
    let stopped = false;
    for (const record of batch.records) {
      if (!stopped) {
        logErrors(record.errors);
        const done = await executor.executeAll(record.items);
        outcomes.push(...done);
        stopped = record.errors.length > 0 || done.some((o) => o.failed);
      }
      if (stopped) failures.push({ itemIdentifier: record.messageId });
    }
  } else {
    for (const record of batch.records) logErrors(record.errors);
    const done = await executor.executeAll(batch.records.flatMap((r) => r.items));
    outcomes.push(...done);
    const failedOrigins = new Set(done.filter((o) => o.failed).map((o) => o.origin));
    for (const record of batch.records) {
      if (record.errors.length > 0 || failedOrigins.has(`sqs:${record.messageId}`)) {
        failures.push({ itemIdentifier: record.messageId });
      }
    }
  }
  logErrors(batch.unattributed.errors);
  const stray = await executor.executeAll(batch.unattributed.items);
  outcomes.push(...stray);
  return { failures, outcomes, stray };
}
