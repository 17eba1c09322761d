import { Worker } from "node:worker_threads";
import type { ArtifactRule } from "../../engine/compile/rule-artifact.js";
import type { LineBuffers } from "../inputs/line-batch.js";
import type { InputRecord, LineBatch, RecordError } from "../inputs/read-inputs.js";
import type { ReplayPass } from "./replay-pass.js";
import type { PassDelta, ReplayTotals } from "./replay-totals.js";

/** What a worker thread needs before the rules: where the project's actions load from. */
export interface ReplayWorkerEnv {
  cwd: string;
  /** The project's settings file, whose action modules the thread loads. */
  settings?: string | undefined;
}

/** What a worker thread needs to replay as the command's thread would. */
export interface ReplayWorkerInit extends ReplayWorkerEnv {
  /** The rule sets, as the command's thread compiled them. */
  rules: SharedRules;
  sample: number;
  /** The replay's time (ISO), the same for every thread. */
  now: string;
  keepInvalid: number;
}

/** Rule sets as plain data (artifact rules), which each thread compiles again. */
export interface SharedRules {
  head: ArtifactRule[];
  base?: ArtifactRule[];
}

export type FromWorker = { type: "ready" } | { type: "delta"; seq: number; delta: PassDelta };

/** The first message to a worker thread: the rest of what it needs, once the rules are loaded. */
export interface ToWorkerInit {
  type: "init";
  init: ReplayWorkerInit;
}

/** Every later message: a batch of records, numbered in reading order. */
export interface ToWorkerBatch {
  seq: number;
  records: (InputRecord | RecordError)[] | LineBatch;
}

/** The worker threads' script (built JavaScript: sources run by a test runner have none). */
export const REPLAY_WORKER = new URL("./replay-worker.js", import.meta.url);

/** Records sent to a worker at once: enough to make a message's cost small beside the work. */
const BATCH = 500;
/** Batches a worker may hold (one working, one waiting), so the reader stays just ahead. */
const IN_FLIGHT = 2;

/**
 * Worker threads' heap bounds. The young generation: replay allocates a few kilobytes per event, all
 * short-lived, and a small one means many more scavenges (a thread with 4 MB semi-spaces was about 7%
 * slower than with 16 MB: bench/README.md, Replay); V8 takes a third of the bound for each semi-space.
 * One thread gets what the command's thread has (16 MB semi-spaces); more share that budget, down to
 * 12 MB each, so memory does not grow with the thread count (two threads at 48 MB each peaked over
 * 256 MB). The old generation's bound is only a guard: a CloudTrail file of 50 MB (documents may have
 * up to 64 MB) is parsed whole in the thread, and one thread replays it as this one would.
 */
function resourceLimits(threads: number): {
  maxOldGenerationSizeMb: number;
  maxYoungGenerationSizeMb: number;
} {
  return { maxOldGenerationSizeMb: 1024, maxYoungGenerationSizeMb: Math.max(12, Math.floor(48 / threads)) };
}

interface Slot {
  worker: Worker;
  inFlight: number;
}

/**
 * `replay --workers N`: N threads each match and evaluate whole batches of records; this thread
 * reads the inputs, replays a batch itself when every thread has its fill (so on 2 cores one
 * thread and this one share the work, and only one extra copy of the rules is held), and merges
 * the counts in reading order. Exact: every record goes to one thread, and deltas are merged in
 * batch order whatever order they finish in.
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

  /** This thread's own pass, replaying batches the threads have no room for. */
  #local: ReplayPass | undefined;

  readonly #buffers: LineBuffers | undefined;
  /** The buffers of the LineBatches a thread is replaying, by batch: given back when it answers. */
  readonly #lent = new Map<number, Uint8Array>();

  private constructor(slots: Slot[], totals: ReplayTotals, buffers: LineBuffers | undefined) {
    this.#slots = slots;
    this.#totals = totals;
    this.#buffers = buffers;
    for (const slot of slots) {
      slot.worker.on("message", (msg: FromWorker) => {
        if (msg.type !== "delta") return;
        slot.inFlight--;
        const bytes = this.#lent.get(msg.seq);
        if (bytes) {
          this.#lent.delete(msg.seq);
          this.#buffers?.give(bytes);
        }
        this.#finished(msg.seq, msg.delta);
        this.#poke();
      });
      slot.worker.on("error", (err) => this.#fail(workerError(err)));
      slot.worker.on("exit", (code) => {
        if (code !== 0) this.#fail(new Error(`a replay worker thread stopped (exit ${code})`));
      });
    }
  }

  /** The pool of threads that have compiled the rules (see ReplayThreads.start). */
  static of(workers: Worker[], totals: ReplayTotals, buffers: LineBuffers | undefined): ReplayPool {
    return new ReplayPool(
      workers.map((worker) => ({ worker, inFlight: 0 })),
      totals,
      buffers,
    );
  }

  /**
   * Lets this thread replay batches too, with `pass` (whose counts so far must already be in the
   * totals): it takes a batch whenever every thread has its fill, instead of waiting.
   */
  replayHereToo(pass: ReplayPass): void {
    this.#local = pass;
  }

  /** Counts merged so far (for the progress line). */
  get totals(): ReplayTotals {
    return this.#totals;
  }

  /**
   * Queues records; sends a batch once enough are queued, waiting while every thread is busy. A
   * LineBatch goes as it is: its bytes are shared memory, which the thread reads where they are.
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
    if (slot.inFlight >= IN_FLIGHT && this.#local) {
      // The threads' answers are messages, handled only when the event loop turns; input served
      // from a stream's buffer does not turn it, so without this turn this thread would go on
      // replaying batch after batch while the threads sat waiting with their answers unread.
      await new Promise(setImmediate);
      slot = this.#idlest();
    }
    while (slot.inFlight >= IN_FLIGHT) {
      if (this.#local) {
        this.#replayHere(lines ?? this.#takeBuffer());
        return;
      }
      await this.#wait();
      slot = this.#idlest();
    }
    slot.inFlight++;
    if (lines) {
      this.#lent.set(this.#sent, lines.bytes);
      const batch: ToWorkerBatch = { seq: this.#sent++, records: lines };
      slot.worker.postMessage(batch);
      return;
    }
    const batch: ToWorkerBatch = { seq: this.#sent++, records: this.#takeBuffer() };
    slot.worker.postMessage(batch);
  }

  #takeBuffer(): (InputRecord | RecordError)[] {
    const records = this.#buffer;
    this.#buffer = [];
    return records;
  }

  #replayHere(batch: (InputRecord | RecordError)[] | LineBatch): void {
    const local = this.#local as ReplayPass;
    const seq = this.#sent++;
    local.addBatch(batch);
    if ("kind" in batch) this.#buffers?.give(batch.bytes);
    this.#finished(seq, local.takeDelta());
  }

  /** A batch's counts: merged with every one before it that is in, in reading order. */
  #finished(seq: number, delta: PassDelta): void {
    this.#done.set(seq, delta);
    for (let d = this.#done.get(this.#merged); d; d = this.#done.get(this.#merged)) {
      this.#done.delete(this.#merged++);
      this.#totals.merge(d);
    }
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

/**
 * Worker threads started before the command's thread has loaded the rules: loading the project's
 * modules is most of a thread's start, and it runs meanwhile on the other core. `start` sends the
 * rules; each thread compiles them (artifact rules: no YAML read again) and says it is ready.
 */
export class ReplayThreads {
  readonly #workers: Worker[];
  /** Each thread's first message ("ready" to the init), or why it stopped. */
  readonly #ready: Promise<FromWorker>[];

  private constructor(workers: Worker[]) {
    this.#workers = workers;
    this.#ready = workers.map(firstMessage);
    // A thread failing before `start` is told when `start` waits, not as an unhandled rejection.
    for (const ready of this.#ready) ready.catch(() => {});
  }

  static spawn(n: number, env: ReplayWorkerEnv): ReplayThreads {
    const workerData: ReplayWorkerEnv = { cwd: env.cwd, settings: env.settings };
    return new ReplayThreads(
      Array.from(
        { length: n },
        () => new Worker(REPLAY_WORKER, { workerData, resourceLimits: resourceLimits(n) }),
      ),
    );
  }

  /** Sends the rules and waits until every thread has compiled them; stops them all if one fails. */
  async start(init: ReplayWorkerInit, totals: ReplayTotals, buffers?: LineBuffers): Promise<ReplayPool> {
    const message: ToWorkerInit = { type: "init", init };
    try {
      for (const worker of this.#workers) worker.postMessage(message);
      await Promise.all(this.#ready);
    } catch (err) {
      await this.stop();
      throw err;
    }
    return ReplayPool.of(this.#workers, totals, buffers);
  }

  /** Stops the threads (unless a pool took them, which stops them itself). */
  async stop(): Promise<void> {
    await Promise.all(this.#workers.map((w) => w.terminate()));
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
