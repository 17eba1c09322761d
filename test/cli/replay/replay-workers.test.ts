import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { registerBuiltins } from "../../../actions/builtins.js";
import type { LineSplitter as LineSplitterType } from "../../../cli/inputs/line-batch.js";
import type { InputRecord, RecordError } from "../../../cli/inputs/read-inputs.js";
import { ReplayPass } from "../../../cli/replay/replay-pass.js";
import type { ReplayThreads as ReplayThreadsType } from "../../../cli/replay/replay-pool.js";
import { replayReport } from "../../../cli/replay/replay-report.js";
import type { ReplayRunOptions, replayBatches } from "../../../cli/replay/replay-run.js";
import { ReplayTotals } from "../../../cli/replay/replay-totals.js";
import { ActionRegistry } from "../../../engine/action/registry.js";
import type { ArtifactRule } from "../../../engine/compile/rule-artifact.js";
import { loadRuleSet } from "../../../engine/rule-set.js";

/**
 * `replay --workers N` splits the records over threads and merges what each counted. The merge
 * must give the report one thread gives: counts, samples and first failures in reading order,
 * the first invalid inputs with their places.
 */
const RULES = `
name: orders
on: { pattern: { source: [shop], detail-type: [Order] } }
when: { "==": [{ var: event.detail.region }, "eu"] }
actions:
  - type: sns-publish
    topicArn: arn:aws:sns:us-east-1:123456789012:orders
    message: "order {{ event.detail.id }} for {{ event.detail.customer.name }}"
---
name: all-shop
on: { pattern: { source: [shop] } }
actions:
  - type: sns-publish
    topicArn: arn:aws:sns:us-east-1:123456789012:all
    message: "{{ event.id }}"
---
name: refunds
on: { pattern: { source: [shop], detail-type: [Refund] } }
actions:
  - type: sns-publish
    topicArn: arn:aws:sns:us-east-1:123456789012:refunds
    message: "refund {{ event.detail.customer.name }}"
`;
const BASE = `
name: all-shop
on: { pattern: { source: [shop], detail-type: [Refund] } }
actions:
  - type: sns-publish
    topicArn: arn:aws:sns:us-east-1:123456789012:all
    message: "{{ event.id }}"
---
name: refunds
on: { pattern: { source: [shop], detail-type: [Refund] } }
actions:
  - type: sns-publish
    topicArn: arn:aws:sns:us-east-1:123456789012:refunds
    message: "refund {{ event.detail.customer.name }}"
`;

function line(i: number): string {
  if (i % 97 === 50) return `{"broken": ${i}`;
  return JSON.stringify({
    version: "0",
    id: `e${i}`,
    source: i % 5 === 0 ? "other" : "shop",
    "detail-type": i % 3 === 0 ? "Refund" : "Order",
    account: "123456789012",
    region: "us-east-1",
    time: "2026-01-01T00:00:00Z",
    resources: [],
    detail: { id: i, region: i % 2 ? "eu" : "us", ...(i % 4 !== 1 ? { customer: { name: `c${i}` } } : {}) },
  });
}
const N = 3_000;
const LINES = Array.from({ length: N }, (_, i) => line(i));
const records: (InputRecord | RecordError)[] = LINES.map((text, i) => ({ origin: `e.jsonl:${i + 1}`, text }));

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "rb-replay-workers-"));
  await mkdir(join(dir, "rules"));
  await mkdir(join(dir, "base"));
  await writeFile(join(dir, "rules/r.yaml"), RULES);
  await writeFile(join(dir, "base/r.yaml"), BASE);
  await writeFile(join(dir, "e.jsonl"), `${LINES.join("\n")}\n`);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("replay's deltas, merged in reading order", () => {
  it("give the report of a single pass, whichever pass counted which batch", async () => {
    const registry = registerBuiltins(new ActionRegistry());
    const head = await loadRuleSet([join(dir, "rules")], registry, dir);
    const base = await loadRuleSet([join(dir, "base")], registry, dir);
    const now = new Date("2026-02-01T00:00:00Z");
    const opts = { sample: 5, now, keepInvalid: 7 };
    const single = new ReplayPass(head.rules, base.rules, opts);
    for (const r of records) single.add(r);

    // Two "threads" taking batches of uneven sizes in turn, as the pool hands them out.
    const passes = [
      new ReplayPass(head.rules, base.rules, opts),
      new ReplayPass(head.rules, base.rules, opts),
    ];
    const totals = new ReplayTotals(head.rules, base.rules, 5, 7);
    let at = 0;
    for (let k = 0; at < records.length; k++) {
      const pass = passes[k % 2] as ReplayPass;
      const size = 37 + ((k * 53) % 200);
      for (const r of records.slice(at, at + size)) pass.add(r);
      at += size;
      totals.merge(pass.takeDelta());
    }
    const expected = replayReport(single);
    expect(expected.invalid).toBeGreaterThan(7);
    expect(expected.rules.some((r) => r.firstFailure)).toBe(true);
    expect(replayReport(totals)).toEqual(expected);
  });
});

describe("--base-rules: rules the base has unchanged", () => {
  it("take the head's decisions, and count what evaluating them again counts", async () => {
    const registry = registerBuiltins(new ActionRegistry());
    const head = await loadRuleSet([join(dir, "rules")], registry, dir);
    const base = await loadRuleSet([join(dir, "base")], registry, dir);
    const opts = { sample: 5, now: new Date("2026-02-01T00:00:00Z") };
    const reusing = new ReplayPass(head.rules, base.rules, opts);
    const again = new ReplayPass(head.rules, base.rules, { ...opts, reuseUnchanged: false });
    for (const r of records) {
      reusing.add(r);
      again.add(r);
    }
    const report = replayReport(reusing);
    const refunds = report.rules.find((r) => r.rule === "refunds");
    expect(refunds?.change).toBe("unchanged");
    expect(refunds?.base?.failed).toBeGreaterThan(0);
    expect(refunds?.base?.actionsPlanned).toBeGreaterThan(0);
    expect(report).toEqual(replayReport(again));
  });
});

const bin = resolve(import.meta.dirname, "../../../dist/cli/main.js");

describe("replay --workers (the built CLI: worker threads load dist/)", () => {
  // npm test builds dist/ first; without it these tests fail here rather than being skipped.
  it("has the built CLI to run", () => {
    expect(existsSync(bin), `${bin} is missing: run npm run build`).toBe(true);
  });

  const replay = (...args: string[]) => {
    try {
      return execFileSync(process.execPath, [bin, "replay", "e.jsonl", "--format", "json", ...args], {
        cwd: dir,
        encoding: "utf8",
      });
    } catch (err) {
      // Exit 1: invalid lines and failed renders, as expected here; the report is on stdout.
      return (err as { stdout: string }).stdout;
    }
  };
  const parsed = (json: string) => JSON.parse(json) as Record<string, unknown>;

  it("reports what one thread reports, with and without --base-rules", () => {
    const one = parsed(replay("--base-rules", "base", "--workers", "0"));
    expect(one.events).toBe(N - Math.ceil((N - 50) / 97));
    expect(parsed(replay("--base-rules", "base", "--workers", "1"))).toEqual(one);
    expect(parsed(replay("--base-rules", "base", "--workers", "2"))).toEqual(one);
    expect(parsed(replay("--workers", "3"))).toEqual(parsed(replay("--workers", "0")));
  });

  it("auto on a large file gives one thread's report", async () => {
    const big = Array.from({ length: 8 }, () => LINES.join("\n")).join("\n");
    await writeFile(join(dir, "big.jsonl"), `${Array.from({ length: 5 }, () => big).join("\n")}\n`);
    const run = (...args: string[]) => {
      try {
        return execFileSync(process.execPath, [bin, "replay", "big.jsonl", "--format", "json", ...args], {
          cwd: dir,
          encoding: "utf8",
          maxBuffer: 1 << 26,
        });
      } catch (err) {
        return (err as { stdout: string }).stdout;
      }
    };
    const one = parsed(run("--base-rules", "base", "--workers", "0"));
    expect(one.events).toBe(40 * (N - Math.ceil((N - 50) / 97)));
    expect(parsed(run("--base-rules", "base"))).toEqual(one);
  });

  /**
   * Replays the lines in batches of about 8 KB through the built replayBatches with `threads`
   * options; after `pauseAfter` batches the reader waits for the threads, so they take the rest.
   * The report must be one thread's, and the threads must have taken over early.
   */
  async function takeOver(
    pauseAfter: number,
    threadOpts: (dist: { ReplayThreads: typeof ReplayThreadsType }) => Partial<ReplayRunOptions>,
  ): Promise<void> {
    // The built modules: the worker script sits beside them.
    const built = (path: string) => import(resolve(import.meta.dirname, "../../../dist/cli", path));
    const run = (await built("replay/replay-run.js")) as { replayBatches: typeof replayBatches };
    const pool = (await built("replay/replay-pool.js")) as { ReplayThreads: typeof ReplayThreadsType };
    const { LineSplitter } = (await built("inputs/line-batch.js")) as {
      LineSplitter: typeof LineSplitterType;
    };
    // Made first: threads spawned here start before the rules are loaded, as the command starts them.
    const options = threadOpts(pool);
    const registry = registerBuiltins(new ActionRegistry());
    const head = await loadRuleSet([join(dir, "rules")], registry, dir);
    const base = await loadRuleSet([join(dir, "base")], registry, dir);
    const bytes = Buffer.from(`${LINES.join("\n")}\n`);
    let tookOver: () => void = () => {};
    const threadsReady = new Promise<void>((r) => {
      tookOver = r;
    });
    let before = -1;
    async function* batches() {
      const splitter = new LineSplitter("e.jsonl", 1 << 20, 8 << 10);
      let n = 0;
      for (let at = 0; at < bytes.length; at += 4096) {
        const batch = splitter.push(bytes.subarray(at, at + 4096));
        if (!batch) continue;
        yield batch;
        if (++n === pauseAfter) await Promise.race([threadsReady, new Promise((r) => setTimeout(r, 20_000))]);
      }
      const last = splitter.end();
      if (last) yield last;
    }
    const opts = { sample: 5, now: new Date("2026-02-01T00:00:00Z"), keepInvalid: 7, cwd: dir };
    const threads = await run.replayBatches(batches(), head.rules, base.rules, {
      ...opts,
      workers: 1,
      workersAfter: 0,
      ...options,
      onThreads: (events) => {
        before = events;
        tookOver();
      },
    });
    const single = new ReplayPass(head.rules, base.rules, opts);
    for (const r of records) single.add(r);
    expect(before).toBeGreaterThan(0);
    expect(before).toBeLessThan(N / 2);
    expect(replayReport(threads)).toEqual(replayReport(single));
  }

  it("threads taking over from this thread mid-input: one thread's report", async () => {
    await takeOver(5, () => ({ workers: 2, workersAfter: 1 }));
  });

  it("threads started before the rules are loaded take over once they have them: one thread's report", async () => {
    // workersAfter past the input's size: only the threads given start, and they are not waited for.
    await takeOver(3, ({ ReplayThreads }) => ({
      workers: 1,
      workersAfter: 1 << 30,
      threads: ReplayThreads.spawn(1, { cwd: dir }),
    }));
  });

  it("a thread that cannot compile the rules fails the start; threads never given rules stop", async () => {
    const { ReplayThreads } = (await import(
      resolve(import.meta.dirname, "../../../dist/cli/replay/replay-pool.js")
    )) as { ReplayThreads: typeof ReplayThreadsType };
    const totals = new ReplayTotals([], undefined, 0, 0);
    // Rules the thread cannot compile (not artifact rules): it stops, and start says so.
    const failing = ReplayThreads.spawn(1, { cwd: dir });
    const notRules = [{ name: "x" }] as unknown as ArtifactRule[];
    await expect(
      failing.start(
        { cwd: dir, rules: { head: notRules }, sample: 0, now: new Date().toISOString(), keepInvalid: 0 },
        totals,
      ),
    ).rejects.toThrow();
    // Stopping threads never started (the command refusing its rules) ends them.
    const idle = ReplayThreads.spawn(2, { cwd: dir });
    await idle.stop();
    await idle.stop();
  });

  it("refuses rules with errors, as one thread does", async () => {
    await writeFile(join(dir, "bad.yaml"), "name: bad\non: { pattern: { source: 3 } }\nactions: []\n");
    let code = 0;
    let stderr = "";
    try {
      execFileSync(process.execPath, [bin, "replay", "e.jsonl", "--rules", "bad.yaml", "--workers", "2"], {
        cwd: dir,
        encoding: "utf8",
        stdio: ["ignore", "pipe", "pipe"],
      });
    } catch (err) {
      code = (err as { status: number }).status;
      stderr = (err as { stderr: string }).stderr;
    }
    expect(code).toBe(2);
    expect(stderr).toContain("error(s) in rule files");
  });
});
