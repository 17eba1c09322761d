import { Worker } from "node:worker_threads";
import type { ArtifactRule } from "../../engine/compile/rule-artifact.js";
import type { Problem } from "../../engine/problem.js";
import type { InputRecord, LineBatch, RecordError } from "../inputs/read-inputs.js";
import { type PassDelta, ReplayTotals } from "./replay-totals.js";
import type { RuleRef } from "./rule-tally.js";

/** What a worker thread needs to load the same project and rule sets as the command. */
export interface ReplayWorkerInit {
  cwd: string;
  settings?: string | undefined;
  /** Rule files and folders, resolved. */
  rules: string[];
  baseRules?: string[] | undefined;
  sample: number;
  /** The replay's time (ISO), the same for every thread. */
  now: string;
  keepInvalid: number;
  /** This thread loads the rule sets from their files; the others wait for them as SharedRules. */
  loads?: boolean;
  /** There are other threads: the loading one sends them the rule sets. */
  shares?: boolean;
}

/** The rule sets the loading thread compiled, as plain data the other threads compile again. */
export interface SharedRules {
  head: ArtifactRule[];
  base?: ArtifactRule[];
}

export type FromWorker =
  | { type: "rules"; problems: Problem[]; head: RuleRef[]; base?: RuleRef[]; shared?: SharedRules }
  | { type: "delta"; seq: number; delta: PassDelta };

/** The worker threads' script (built JavaScript: sources run by a test runner have none). */
export const REPLAY_WORKER = new URL("./replay-worker.js", import.meta.url);

/** Records sent to a worker at once: enough to make a message's cost small beside the work. */
const BATCH = 500;
/** Batches a worker may hold (one working, one waiting), so the reader stays just ahead. */
const IN_FLIGHT = 2;

/**
 * Worker threads' heap bounds. The young generation is kept small (its spaces are resident memory,
 * and a smaller one cost no measurable time); the old generation's bound is only a guard: a CloudTrail file of 50 MB (documents may
 * have up to 64 MB) is parsed whole in the thread, and one thread replays it as this one would.
 */
const RESOURCE_LIMITS = { maxOldGenerationSizeMb: 1024, maxYoungGenerationSizeMb: 24 };

interface Slot {
  worker: Worker;
  inFlight: number;
}

/**
 * `replay --workers N`: N threads each match and evaluate whole batches of records, and this
 * thread reads the inputs and merges their counts in reading order. Exact: every record goes to
 * one thread, and deltas are merged in batch order whatever order they finish in.
 */
export class ReplayPool {
  readonly #slots: Slot[];
  readonly #totals: ReplayTotals;
  readonly #done = new Map<number, PassDelta>();
  #buffer: (InputRecord | RecordError)[] = [];
  #sent = 0;
  #merged = 0;
  #failure: Error | undefined;
  #wake: (() => void) | undefined;

  private constructor(slots: Slot[], totals: ReplayTotals) {
    this.#slots = slots;
    this.#totals = totals;
    for (const slot of slots) {
      slot.worker.on("message", (msg: FromWorker) => {
        if (msg.type !== "delta") return;
        slot.inFlight--;
        this.#done.set(msg.seq, msg.delta);
        for (let d = this.#done.get(this.#merged); d; d = this.#done.get(this.#merged)) {
          this.#done.delete(this.#merged++);
          this.#totals.merge(d);
        }
        this.#poke();
      });
      slot.worker.on("error", (err) => this.#fail(workerError(err)));
      slot.worker.on("exit", (code) => {
        if (code !== 0) this.#fail(new Error(`a replay worker thread stopped (exit ${code})`));
      });
    }
  }

  /**
   * Starts the threads; the rule sets' errors instead when there are any. The first thread loads
   * the rule sets and hands them to the others (see replay-worker.ts), which meanwhile start up.
   */
  static async start(n: number, init: ReplayWorkerInit): Promise<ReplayPool | { problems: Problem[] }> {
    const workers = Array.from(
      { length: n },
      (_, i) =>
        new Worker(REPLAY_WORKER, {
          workerData: { ...init, loads: i === 0, shares: n > 1 },
          resourceLimits: RESOURCE_LIMITS,
        }),
    );
    const [loader, ...others] = workers as [Worker, ...Worker[]];
    // Listening from the start: a thread that fails while the first one loads is not missed.
    const othersReady = others.map(firstMessage);
    for (const ready of othersReady) ready.catch(() => {});
    let first: Extract<FromWorker, { type: "rules" }>;
    try {
      first = (await firstMessage(loader)) as Extract<FromWorker, { type: "rules" }>;
      if (first.problems.length === 0) {
        for (const w of others) w.postMessage({ rules: first.shared });
        await Promise.all(othersReady);
      }
    } catch (err) {
      await Promise.all(workers.map((w) => w.terminate()));
      throw err;
    }
    if (first.problems.length > 0) {
      await Promise.all(workers.map((w) => w.terminate()));
      return { problems: first.problems };
    }
    const totals = new ReplayTotals(first.head, first.base, init.sample, init.keepInvalid);
    return new ReplayPool(
      workers.map((worker) => ({ worker, inFlight: 0 })),
      totals,
    );
  }

  /** Counts merged so far (for the progress line). */
  get totals(): ReplayTotals {
    return this.#totals;
  }

  /**
   * Queues records; sends a batch once enough are queued, waiting while every thread is busy. A
   * LineBatch goes as it is, its buffers moved to the thread, not copied.
   */
  async add(records: readonly (InputRecord | RecordError)[] | LineBatch): Promise<void> {
    if ("kind" in records) {
      if (this.#buffer.length > 0) await this.#send();
      await this.#send(records);
      return;
    }
    for (const r of records) this.#buffer.push(r);
    if (this.#buffer.length >= BATCH) await this.#send();
  }

  /** Sends what is queued, waits for every answer, stops the threads; the merged counts. */
  async finish(): Promise<ReplayTotals> {
    try {
      if (this.#buffer.length > 0) await this.#send();
      while (this.#merged < this.#sent) await this.#wait();
    } finally {
      await this.stop();
    }
    return this.#totals;
  }

  /** Stops the threads (reading failed, or a thread did): nothing is left running. */
  async stop(): Promise<void> {
    await Promise.all(this.#slots.map((s) => s.worker.terminate()));
  }

  async #send(lines?: LineBatch): Promise<void> {
    let slot = this.#idlest();
    while (slot.inFlight >= IN_FLIGHT) {
      await this.#wait();
      slot = this.#idlest();
    }
    slot.inFlight++;
    if (lines) {
      const transfer = [lines.bytes.buffer, lines.lines.buffer] as ArrayBuffer[];
      slot.worker.postMessage({ seq: this.#sent++, records: lines }, transfer);
      return;
    }
    const records = this.#buffer;
    this.#buffer = [];
    slot.worker.postMessage({ seq: this.#sent++, records });
  }

  #idlest(): Slot {
    let best = this.#slots[0] as Slot;
    for (const s of this.#slots) if (s.inFlight < best.inFlight) best = s;
    return best;
  }

  #wait(): Promise<void> {
    if (this.#failure) return Promise.reject(this.#failure);
    return new Promise<void>((resolve) => {
      this.#wake = resolve;
    }).then(() => {
      if (this.#failure) throw this.#failure;
    });
  }

  #poke(): void {
    const wake = this.#wake;
    this.#wake = undefined;
    wake?.();
  }

  #fail(err: Error): void {
    this.#failure ??= err;
    this.#poke();
  }
}

/** A thread out of memory (an event or document too large for its bounded heap) says what to do. */
function workerError(err: Error): Error {
  if ((err as { code?: unknown }).code !== "ERR_WORKER_OUT_OF_MEMORY") return err;
  return new Error(
    `a replay worker thread ran out of memory (${err.message}); --workers 0 replays in one thread`,
  );
}

function firstMessage(worker: Worker): Promise<FromWorker> {
  return new Promise((resolve, reject) => {
    worker.once("message", resolve);
    worker.once("error", reject);
    worker.once("exit", (code) => reject(new Error(`a replay worker thread stopped (exit ${code})`)));
  });
}
