import type { ActionResult } from "../action/types.js";
import { type Clock, systemClock } from "./clock.js";
import {
  type BeginResult,
  type IdempotencyKey,
  type IdempotencyStore,
  idempotencyKeyString,
} from "./idempotency.js";

interface MemoryRecord {
  status: "in-progress" | "done";
  token: string;
  /** Epoch milliseconds. */
  expiresAt: number;
  result?: ActionResult;
}

/** Expired records are swept every this many `begin` calls. */
const SWEEP_EVERY = 1000;

/**
 * The store for local runs (CLI) and for a Lambda without a table: it remembers for the life of
 * the process only, so it dedupes redeliveries that reach the same warm container and no others.
 */
export class MemoryIdempotencyStore implements IdempotencyStore {
  readonly #records = new Map<string, MemoryRecord>();
  readonly #clock: Clock;
  #begins = 0;
  /** Tokens only need to differ within this process; a counter does not load node:crypto. */
  #tokens = 0;

  constructor(opts: { clock?: Clock } = {}) {
    this.#clock = opts.clock ?? systemClock;
  }

  async begin(key: IdempotencyKey, lockSeconds: number): Promise<BeginResult> {
    const id = idempotencyKeyString(key);
    const now = this.#clock.now();
    if (++this.#begins % SWEEP_EVERY === 0) this.#sweep(now);
    const existing = this.#records.get(id);
    if (existing && existing.expiresAt > now) {
      if (existing.status === "done" && existing.result) {
        return { state: "done", result: structuredClone(existing.result) };
      }
      return { state: "in-progress" };
    }
    const token = `t${++this.#tokens}`;
    this.#records.set(id, { status: "in-progress", token, expiresAt: now + lockSeconds * 1000 });
    return { state: "started", token };
  }

  async complete(
    key: IdempotencyKey,
    token: string,
    result: ActionResult,
    ttlSeconds: number,
  ): Promise<boolean> {
    const id = idempotencyKeyString(key);
    if (this.#records.get(id)?.token !== token) return false;
    // A copy, so later changes to the caller's object cannot rewrite history.
    this.#records.set(id, {
      status: "done",
      token,
      expiresAt: this.#clock.now() + ttlSeconds * 1000,
      result: structuredClone(result),
    });
    return true;
  }

  async abandon(key: IdempotencyKey, token: string): Promise<void> {
    const id = idempotencyKeyString(key);
    if (this.#records.get(id)?.token === token) this.#records.delete(id);
  }

  /** What DynamoDB's TTL does for the table: a warm container must not grow without bound. */
  #sweep(now: number): void {
    for (const [id, record] of this.#records) if (record.expiresAt <= now) this.#records.delete(id);
  }

  /** Records held, expired ones included until a sweep removes them. */
  get size(): number {
    return this.#records.size;
  }
}
