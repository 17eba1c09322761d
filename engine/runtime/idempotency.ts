import { createHash } from "node:crypto";
import type { ActionResult } from "../action/types.js";

/**
 * Each action runs at most once per (event id, rule name, action index). The rule name is part
 * of the key because deploy gives every rule its own EventBridge target: one event matching two
 * rules arrives twice, once per rule, and each delivery must run only its own rule's actions.
 */
export interface IdempotencyKey {
  eventId: string;
  rule: string;
  actionIndex: number;
}

/** The key as one string, the store's primary key: `<event id>#<rule>#<action index>`. */
export function idempotencyKeyString(key: IdempotencyKey): string {
  return `${key.eventId}#${key.rule}#${key.actionIndex}`;
}

/**
 * The id that keys an event. EventBridge always sets `id`; an input without one still gets a
 * stable key from its content, so the same payload redelivered is still recognised.
 */
export function eventKeyId(event: Record<string, unknown>): string {
  if (typeof event.id === "string" && event.id !== "") return event.id;
  return `sha256:${createHash("sha256").update(JSON.stringify(event)).digest("hex")}`;
}

export type BeginResult =
  /** The caller now holds the lock and must `complete` or `abandon` it with `token`. */
  | { state: "started"; token: string }
  /** The action already ran for this key; `result` is what it reported (secrets already removed). */
  | { state: "done"; result: ActionResult }
  /**
   * Another invocation holds an unexpired lock: it is running the action right now. The
   * executor reports `skipped-in-progress`, not a failure — see Executor for why that is safe.
   */
  | { state: "in-progress" };

/**
 * Where "this action already ran for this event" is remembered: DynamoDB in AWS, memory locally.
 *
 * A lock (`in-progress`) expires after `lockSeconds`, so a crashed holder never blocks the key
 * for good; a `done` record expires after the `ttlSeconds` given to `complete`. Expired records
 * of either kind count as absent. `token` makes `complete`/`abandon` act only on the caller's own
 * lock: a holder that outlived its lock cannot clobber the record of whoever took over.
 */
export interface IdempotencyStore {
  begin(key: IdempotencyKey, lockSeconds: number): Promise<BeginResult>;
  /**
   * Records the result. `false` when the lock was no longer the caller's (it expired and another
   * invocation took over): the action ran, but the record is the other holder's to write.
   */
  complete(key: IdempotencyKey, token: string, result: ActionResult, ttlSeconds: number): Promise<boolean>;
  /** Releases the lock after a failure, so a retry or redelivery can run the action again. */
  abandon(key: IdempotencyKey, token: string): Promise<void>;
}

/**
 * How long a `done` record is kept: 14 days, SQS's longest message retention, so every
 * redelivery path (EventBridge retries for 24 h, Lambda async retries for 6 h, an SQS source or
 * DLQ redriven within its retention) still finds it. A replay from an EventBridge archive older
 * than this runs the actions again.
 */
export const DEFAULT_RESULT_TTL_SECONDS = 14 * 24 * 60 * 60;

/** The DynamoDB table layout the store expects (deploy creates the table from this). */
export const IDEMPOTENCY_TABLE = {
  partitionKey: "pk",
  /** Epoch seconds; enable DynamoDB TTL on this attribute. */
  ttlAttribute: "expiresAt",
} as const;
