import { artifactRules } from "../../engine/compile/rule-artifact-writer.js";
import type { CompiledRule } from "../../engine/compile/rule-compiler.js";
import type { LineBuffers } from "../inputs/line-batch.js";
import type { InputRecord, LineBatch, RecordError } from "../inputs/read-inputs.js";
import { ReplayPass } from "./replay-pass.js";
import { type ReplayPool, ReplayThreads, type ReplayWorkerInit } from "./replay-pool.js";
import { type ReplayCounts, ReplayTotals } from "./replay-totals.js";
import type { RuleRef } from "./rule-tally.js";

export type ReplayBatch = readonly (InputRecord | RecordError)[] | LineBatch;

export interface ReplayRunOptions {
  sample: number;
  now: Date;
  keepInvalid: number;
  /** Worker threads to hand the rest of the input to; 0: this thread replays it all. */
  workers: number;
  /** Input this thread replays before starting them (bytes; 0: start them at once). */
  workersAfter: number;
  /** What the threads need besides the rules (see ReplayWorkerInit). */
  cwd: string;
  settings?: string | undefined;
  onProgress?: (events: number) => void;
  /** Called when threads are ready to take over (from the next batch), with the events replayed before. */
  onThreads?: (eventsBefore: number) => void;
  /** Where the batches' buffers go back once replayed (see LineBuffers). */
  buffers?: LineBuffers;
  /**
   * `workers` threads already started (ReplayThreads.spawn, before the rules were loaded): given
   * the rules at once, and taking over when ready, whatever `workersAfter` says.
   */
  threads?: ReplayThreads;
}

/**
 * Replays the batches through the rule sets. With workers and `workersAfter` > 0, this thread
 * begins, starts them once it has read that many bytes (each compiles the rules this thread
 * loaded), goes on replaying until they are ready, then shares the batches with them (see
 * ReplayPool): a short input never pays for the threads, and no time is lost waiting for them.
 * Threads started already (`threads`) are sent the rules at once and take over the same way.
 * With `workersAfter` 0 they are started and awaited first. Exact: the counts this thread made
 * first come first, then every batch's in reading order.
 */
export async function replayBatches(
  batches: AsyncIterable<ReplayBatch>,
  head: readonly CompiledRule[],
  base: readonly CompiledRule[] | undefined,
  opts: ReplayRunOptions,
): Promise<ReplayCounts> {
  const pass = new ReplayPass(head, base, opts);
  const progress = opts.onProgress ?? (() => {});
  const start = (): Promise<ReplayPool | undefined> => {
    const init = workerInit(head, base, opts);
    return (opts.threads ?? ReplayThreads.spawn(opts.workers, init))
      .start(init, totalsFor(head, base, opts), opts.buffers)
      .catch(
        // Threads that cannot start leave the replay to this thread, which goes on as it was.
        () => undefined,
      );
  };
  let starting: Promise<ReplayPool | undefined> | undefined;
  let ready: ReplayPool | undefined;
  let pool: ReplayPool | undefined;
  const takeOver = (): Promise<ReplayPool | undefined> =>
    start().then((p) => {
      ready = p;
      // No batch is replayed between this and the threads taking over (the next batch).
      if (p) opts.onThreads?.(pass.events);
      return p;
    });
  if (opts.workers > 0 && opts.workersAfter === 0) {
    // Threads asked for by number: they replay from the first batch.
    ready = await start();
    starting = Promise.resolve(ready);
  } else if (opts.threads !== undefined) starting = takeOver();
  let read = 0;
  try {
    for await (const batch of batches) {
      if (pool === undefined && ready !== undefined) {
        pool = ready;
        pool.totals.merge(pass.takeDelta());
        pool.replayHereToo(pass);
      }
      if (pool !== undefined) {
        await pool.add(batch);
        progress(pool.totals.events);
        continue;
      }
      pass.addBatch(batch);
      if ("kind" in batch) opts.buffers?.give(batch.bytes);
      progress(pass.events);
      read += batchBytes(batch);
      if (starting === undefined && opts.workers > 0 && read >= opts.workersAfter) starting = takeOver();
    }
  } catch (err) {
    // Threads still starting are waited for, so that none is left running.
    await (pool ?? ready ?? (await starting))?.stop();
    throw err;
  }
  if (pool !== undefined) return pool.finish();
  // The input ended before the threads were ready: this thread's counts are the whole replay.
  await (await starting)?.stop();
  return pass;
}

function workerInit(
  head: readonly CompiledRule[],
  base: readonly CompiledRule[] | undefined,
  opts: ReplayRunOptions,
): ReplayWorkerInit {
  return {
    cwd: opts.cwd,
    settings: opts.settings,
    rules: { head: artifactRules(head), ...(base ? { base: artifactRules(base) } : {}) },
    sample: opts.sample,
    now: opts.now.toISOString(),
    keepInvalid: opts.keepInvalid,
  };
}

function totalsFor(
  head: readonly CompiledRule[],
  base: readonly CompiledRule[] | undefined,
  opts: ReplayRunOptions,
): ReplayTotals {
  const refs = (rules: readonly CompiledRule[]): RuleRef[] =>
    rules.map((r) => ({ name: r.name, file: r.file, enabled: r.enabled }));
  return new ReplayTotals(refs(head), base ? refs(base) : undefined, opts.sample, opts.keepInvalid);
}

/** A batch's size in bytes (text records by their length: an estimate is enough here). */
function batchBytes(batch: ReplayBatch): number {
  if ("kind" in batch) return batch.bytes.byteLength;
  let n = 0;
  for (const r of batch) if ("text" in r && r.text !== undefined) n += r.text.length;
  return n;
}
