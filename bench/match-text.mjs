#!/usr/bin/env node
// Matcher-only benchmark on the replay bench's corpus: PatternIndex.matchText (and matchBytes, where
// the build has it) over the lines of a JSON Lines file, against a bare JSON.parse of the same lines
// in the same run (the floor the replay target is judged by), so figures from a loaded machine are
// read as ratios.
//
// Rules are loaded as cli/replay does (loadRuleSet with the built-in actions; a PatternIndex fed
// `rule.pattern, rule.matcher` for each enabled rule plus the replay's event-shape marker). Lines
// are read first (as strings for matchText and JSON.parse, and as one Buffer with line offsets for
// matchBytes, as the replay's byte reader gives them); only the matching is timed. Each mode runs
// `--rounds` times, interleaved, and the best round counts (wall time, and CPU time, which a busy
// machine disturbs less). Every mode's answers are checked
// against matchText's (exit 1 on a difference).
//
// Run after `npm run build`:
//   node bench/match-text.mjs [--rules .cache/replay-bench/rules-head] [--events FILE] [--lines N]
//     [--rounds 5] [--only text|bytes|parse] [--baseline DIST]
// --baseline DIST: also times the PatternIndex of another build's dist/ (a copy of an earlier
// commit's, say) in the same run, interleaved ("base-text", "base-bytes"), for before/after ratios
// on a shared machine.
// Defaults: the replay bench's rules-head (1,000 rules) and events-100000.jsonl.
// Profile: node --cpu-prof --cpu-prof-dir=/tmp/prof bench/match-text.mjs --only bytes
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { performance } from "node:perf_hooks";

const root = resolve(import.meta.dirname, "..");
const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const rulesPath = resolve(root, opt("rules", ".cache/replay-bench/rules-head"));
const eventsPath = resolve(root, opt("events", ".cache/replay-bench/events-100000.jsonl"));
const maxLines = Number(opt("lines", "Infinity"));
const rounds = Number(opt("rounds", "5"));
const only = opt("only", undefined);
const baselineDist = opt("baseline", undefined);

const { loadRuleSet } = await import(resolve(root, "dist/engine/rule-set.js"));
const { ActionRegistry, registerBuiltins } = await import(resolve(root, "dist/actions/index.js"));
const { PatternIndex } = await import(resolve(root, "dist/engine/pattern/index.js"));

const set = await loadRuleSet([rulesPath], registerBuiltins(new ActionRegistry()), root);
const index = new PatternIndex();
index.add(-1, { source: [{ prefix: "" }], "detail-type": [{ prefix: "" }] });
let enabled = 0;
set.rules.forEach((rule, i) => {
  if (!rule.enabled) return;
  index.add(i, rule.pattern, rule.matcher);
  enabled++;
});

// The file as one Buffer, lines as [start, end) offsets into it (newline and a CR before it left out).
const buffer = readFileSync(eventsPath);
const starts = [];
const ends = [];
for (let at = 0; at < buffer.length && starts.length < maxLines; ) {
  let nl = buffer.indexOf(0x0a, at);
  if (nl < 0) nl = buffer.length;
  let end = nl;
  if (end > at && buffer[end - 1] === 0x0d) end--;
  if (end > at) {
    starts.push(at);
    ends.push(end);
  }
  at = nl + 1;
}
const lines = starts.map((s, i) => buffer.toString("utf8", s, ends[i]));
const n = lines.length;
const bytes = ends.reduce((sum, e, i) => sum + e - starts[i], 0);
const hasBytes = typeof index.matchBytes === "function";

let base;
if (baselineDist !== undefined) {
  const { PatternIndex: BaseIndex } = await import(resolve(baselineDist, "engine/pattern/index.js"));
  base = new BaseIndex();
  base.add(-1, { source: [{ prefix: "" }], "detail-type": [{ prefix: "" }] });
  set.rules.forEach((rule, i) => {
    if (rule.enabled) base.add(i, rule.pattern);
  });
}

const modes = {
  parse: () => {
    let c = 0;
    for (let i = 0; i < n; i++) if (JSON.parse(lines[i]).source !== undefined) c++;
    return c;
  },
  text: () => {
    let c = 0;
    for (let i = 0; i < n; i++) c += index.matchText(lines[i]).length;
    return c;
  },
  bytes: () => {
    let c = 0;
    for (let i = 0; i < n; i++) {
      const keys = index.matchBytes(buffer, starts[i], ends[i]) ?? index.matchText(lines[i]);
      c += keys.length;
    }
    return c;
  },
};
if (base !== undefined) {
  modes["base-text"] = () => {
    let c = 0;
    for (let i = 0; i < n; i++) c += base.matchText(lines[i]).length;
    return c;
  };
  if (typeof base.matchBytes === "function")
    modes["base-bytes"] = () => {
      let c = 0;
      for (let i = 0; i < n; i++)
        c += (base.matchBytes(buffer, starts[i], ends[i]) ?? base.matchText(lines[i])).length;
      return c;
    };
}
const run = Object.keys(modes).filter((m) => (only ? m === only : m !== "bytes" || hasBytes));

// Check answers first (also warms every path up).
let declined = 0;
for (let i = 0; i < n; i++) {
  const want = index.matchText(lines[i]).join(",");
  if (hasBytes) {
    const got = index.matchBytes(buffer, starts[i], ends[i]);
    if (got === undefined) declined++;
    else if (got.join(",") !== want) {
      console.error(`line ${i + 1}: matchBytes ${got.join(",")} but matchText ${want}`);
      process.exit(1);
    }
  }
}

// Wall time and this process's CPU time (user + system): on a shared machine a round waits for a
// core, which the CPU time leaves out; the best round of each counts.
const best = {};
const bestCpu = {};
const found = {};
for (let r = 0; r < rounds; r++)
  for (const m of run) {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    found[m] = modes[m]();
    const cpu = process.cpuUsage(c0);
    const us = ((performance.now() - t0) * 1000) / n;
    best[m] = Math.min(best[m] ?? Infinity, us);
    bestCpu[m] = Math.min(bestCpu[m] ?? Infinity, (cpu.user + cpu.system) / n);
  }

console.log(
  `${enabled} rules, ${n} events (${(bytes / n).toFixed(0)} bytes/event), best of ${rounds}` +
    (hasBytes ? `, matchBytes declined ${declined}` : ""),
);
for (const m of run)
  console.log(
    `${m.padEnd(10)} ${best[m].toFixed(2)} µs/event` +
      (best.parse && m !== "parse" ? ` (${(best[m] / best.parse).toFixed(2)}x JSON.parse)` : "") +
      `, cpu ${bestCpu[m].toFixed(2)} µs/event` +
      (bestCpu.parse && m !== "parse" ? ` (${(bestCpu[m] / bestCpu.parse).toFixed(2)}x)` : "") +
      (m !== "parse" ? `  keys ${found[m]}` : ""),
  );
