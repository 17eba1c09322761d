import type { ActionStatus } from "../engine/runtime/outcome.js";

/*
 * What Lambda hands the function and expects back, and how the time it allows becomes the
 * executor's deadline.
 */

/**
 * The part of the Lambda context object the handler uses. Declared here rather than taken from
 * `@types/aws-lambda` (not a dependency): the runtime passes more, and nothing else is read.
 */
export interface LambdaContext {
  getRemainingTimeInMillis(): number;
  awsRequestId?: string;
  functionName?: string;
  functionVersion?: string;
  invokedFunctionArn?: string;
  memoryLimitInMB?: string;
}

/** Lambda's partial batch response for SQS event sources (needs `ReportBatchItemFailures`). */
export interface SqsBatchResponse {
  batchItemFailures: { itemIdentifier: string }[];
}

/** What a non-SQS invocation returns when nothing failed (it throws otherwise). */
export interface InvocationSummary {
  events: number;
  /** Rule matches across all events. */
  matched: number;
  actions: Record<ActionStatus, number>;
}

export type HandlerResult = SqsBatchResponse | InvocationSummary;

export type LambdaHandler = (input: unknown, context?: LambdaContext) => Promise<HandlerResult>;

/** Time kept back from the invocation for writing the log line, the metrics and the response. */
export const DEFAULT_SAFETY_MARGIN_MS = 3_000;

/** Used when there is no Lambda context (a local call): Lambda's own 15-minute ceiling. */
export const NO_CONTEXT_REMAINING_MS = 15 * 60 * 1000;

export interface InvocationTimes {
  /** Epoch ms: actions stop retrying and starting after this. */
  deadline: number;
  /** Epoch ms: Lambda ends the invocation; idempotency locks expire then. */
  endsAt: number;
}

/**
 * The deadline is the invocation's end minus a margin, so a retry loop gives up while there is
 * still time to report. The margin shrinks to a quarter of the time left for short functions
 * (Lambda's default timeout is 3 s): a fixed 3 s would leave such a function no time at all.
 */
export function invocationTimes(
  now: number,
  remainingMs: number,
  marginMs = DEFAULT_SAFETY_MARGIN_MS,
): InvocationTimes {
  const remaining = Math.max(0, remainingMs);
  const margin = Math.min(marginMs, remaining / 4);
  return { deadline: now + remaining - margin, endsAt: now + remaining };
}
