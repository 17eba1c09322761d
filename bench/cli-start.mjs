#!/usr/bin/env node
// What a user pays at the terminal and in a script, against a bare Node.js start, in one run:
//  - `rulebridge --help` (the CLI as a process: the command table, no command loaded);
//  - `rulebridge check rules` (one command loaded on demand, the seed rules checked);
//  - `await import("rulebridge")` (the core entry, as a library caller loads it);
//  - `await import("rulebridge/cdk")` (the construct entry, for scale: it loads aws-cdk-lib).
// Each measure is a fresh `node` process interleaved with `node -e 0`, so machine noise hits both
// alike; ratios are medians of the pairwise ratios, for wall time and for CPU time (user + system
// of the child, which a loaded machine inflates less than wall time).
// Run: npm run bench:cli-start [-- --runs N] [--json]
import { spawnSync } from "node:child_process";
import { resolve } from "node:path";

const root = resolve(import.meta.dirname, "..");
const args = process.argv.slice(2);
const runs = Number(args[args.indexOf("--runs") + 1]) || 15;
const json = args.includes("--json");

// Issue 24's targets; the cdk entry has none.
const MEASURES = [
  { name: "rulebridge --help", argv: ["dist/cli/main.js", "--help"], target: 3.0 },
  { name: "rulebridge check rules", argv: ["dist/cli/main.js", "check", "rules"] },
  {
    name: 'import("rulebridge")',
    argv: ["--input-type=module", "-e", 'await import("rulebridge")'],
    target: 5.0,
  },
  { name: 'import("rulebridge/cdk")', argv: ["--input-type=module", "-e", 'await import("rulebridge/cdk")'] },
];
const BARE = ["-e", "0"];

// A clean environment: a shell's NODE_OPTIONS or NODE_EXTRA_CA_CERTS would weigh on every start.
const env = { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", NO_COLOR: "1" };

/** Wall milliseconds of one `node argv` process, run from the checkout (so "rulebridge" resolves to it). */
function time(argv) {
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, argv, { env, cwd: root, encoding: "utf8" });
  const wall = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status !== 0) throw new Error(`node ${argv.join(" ")} failed (${r.status}): ${r.stderr}`);
  return wall;
}

/** User + system CPU milliseconds of one `node argv` process (Node does not report a child's rusage; bash's `time` does). */
function cpu(argv) {
  const r = spawnSync(
    "bash",
    ["-c", 'TIMEFORMAT="%3U %3S"; { time "$@" >/dev/null 2>&1; } 2>&1', "bash", process.execPath, ...argv],
    { env, cwd: root, encoding: "utf8" },
  );
  const [user, sys] = r.stdout.trim().split(/\s+/).map(Number);
  if (!Number.isFinite(user) || !Number.isFinite(sys)) {
    throw new Error(`cannot time node ${argv.join(" ")}: ${r.stdout}${r.stderr}`);
  }
  return (user + sys) * 1000;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

for (const m of MEASURES) time(m.argv); // fail early, and warm the file cache
time(BARE);

const wall = Object.fromEntries(MEASURES.map((m) => [m.name, []]));
const cpuMs = Object.fromEntries(MEASURES.map((m) => [m.name, []]));
const bare = { wall: [], cpu: [] };
for (let i = 0; i < runs; i++) {
  for (const m of MEASURES) {
    const bw = time(BARE);
    const mw = time(m.argv);
    const bc = cpu(BARE);
    const mc = cpu(m.argv);
    bare.wall.push(bw);
    bare.cpu.push(bc);
    wall[m.name].push({ ms: mw, ratio: mw / bw });
    cpuMs[m.name].push({ ms: mc, ratio: mc / bc });
  }
}

const report = {
  runs,
  node: process.version,
  bare: { wallMs: median(bare.wall), cpuMs: median(bare.cpu) },
  measures: MEASURES.map((m) => ({
    name: m.name,
    wallMs: median(wall[m.name].map((s) => s.ms)),
    wallRatio: median(wall[m.name].map((s) => s.ratio)),
    cpuMs: median(cpuMs[m.name].map((s) => s.ms)),
    cpuRatio: median(cpuMs[m.name].map((s) => s.ratio)),
    target: m.target ?? null,
  })),
};

if (json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
const lines = [
  `${runs} interleaved rounds, ${process.version}; medians (ratios are medians of pairwise ratios to the node -e 0 just before)`,
  "",
  "| measure | wall | wall ratio | CPU | CPU ratio | target |",
  "|---|---:|---:|---:|---:|---|",
  `| \`node -e 0\` | ${report.bare.wallMs.toFixed(1)} ms | 1 | ${report.bare.cpuMs.toFixed(1)} ms | 1 | |`,
  ...report.measures.map(
    (m) =>
      `| \`${m.name}\` | ${m.wallMs.toFixed(1)} ms | ${m.wallRatio.toFixed(2)}× | ${m.cpuMs.toFixed(1)} ms | ${m.cpuRatio.toFixed(2)}× | ${
        m.target === null
          ? ""
          : `≤ ${m.target}× (${Math.max(m.wallRatio, m.cpuRatio) <= m.target ? "met" : "not met"})`
      } |`,
  ),
];
(json ? process.stderr : process.stdout).write(`${lines.join("\n")}\n`);
