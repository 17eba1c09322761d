#!/usr/bin/env node
// Cold start of the deployed engine, measured against a bare Node.js start on the same machine in
// the same run: bundle size, and the time to load the bundle + compile the rules + handle a first
// event, as a ratio to `node -e 0`. Run after `npm run build`:  node bench/cold-start.mjs [--runs N] [--json]
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { gzipSync } from "node:zlib";

const root = resolve(import.meta.dirname, "..");
const args = process.argv.slice(2);
const runs = Number(args[args.indexOf("--runs") + 1]) || 15;
const json = args.includes("--json");

const { bundleEngine } = await import(join(root, "dist/deploy/bundle.js"));
const rulesDir = join(root, "rules");
const ruleFiles = readdirSync(rulesDir).filter((f) => /\.ya?ml$/.test(f) && !/\.test\.ya?ml$/.test(f));
const bundleDir = join(tmpdir(), `rulebridge-bench-bundle-${process.pid}`);
bundleEngine({ outDir: bundleDir, rulesDir, ruleFiles });
const bundlePath = join(bundleDir, "index.mjs");
const bundleBytes = statSync(bundlePath).size;
const gzipBytes = gzipSync(readFileSync(bundlePath)).length;

// The first event: the seed ECS failure, as deploy's target input names its rule. The handler's
// idempotency store is in memory and the action's SNS call goes nowhere (unroutable endpoint,
// no retries left), so the measure is load + compile + evaluate + one failed action attempt.
const event = JSON.parse(
  readFileSync(join(root, "examples/events/ecs-task-state-change-fargate-running.json"), "utf8"),
);
const input = JSON.stringify({ rule: "ecs-events-to-opensearch", event });
const script = join(bundleDir, "first-event.mjs");
writeFileSync(
  script,
  `const t0 = performance.now();
const { handler } = await import(${JSON.stringify(bundlePath)});
const t1 = performance.now();
try { await handler(${input}, { getRemainingTimeInMillis: () => 200 }); } catch {}
const t2 = performance.now();
process.stderr.write(JSON.stringify({ load: t1 - t0, first: t2 - t1 }) + "\\n");
`,
);

const env = {
  ...process.env,
  RULEBRIDGE_RULES_DIR: join(bundleDir, "rules"),
  AWS_REGION: "us-east-1",
  AWS_ACCESS_KEY_ID: "bench",
  AWS_SECRET_ACCESS_KEY: "bench",
  AWS_EC2_METADATA_DISABLED: "true",
};
function time(argv) {
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, argv, { env, cwd: bundleDir, encoding: "utf8" });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status !== 0) throw new Error(`${argv.join(" ")} failed: ${r.stderr}`);
  const inner = r.stderr.trim().split("\n").at(-1);
  return { ms, inner: inner?.startsWith("{") ? JSON.parse(inner) : undefined };
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

// Interleave so machine noise hits both alike.
const bare = [];
const engine = [];
const inner = [];
for (let i = 0; i < runs; i++) {
  bare.push(time(["-e", "0"]).ms);
  const e = time([script]);
  engine.push(e.ms);
  inner.push(e.inner);
}
const report = {
  runs,
  bundleBytes,
  gzipBytes,
  nodeBareMs: median(bare),
  engineColdMs: median(engine),
  ratio: median(engine) / median(bare),
  loadBundleAndRulesMs: median(inner.map((x) => x.load)),
  firstEventMs: median(inner.map((x) => x.first)),
};
if (json) {
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
} else {
  const kb = (n) => `${(n / 1024).toFixed(1)} KiB`;
  process.stdout.write(
    `${[
      `bundle: ${kb(bundleBytes)} (${kb(gzipBytes)} gzipped), ${ruleFiles.length} rule files`,
      `node -e 0:                          ${report.nodeBareMs.toFixed(1)} ms (median of ${runs})`,
      `engine cold start + first event:    ${report.engineColdMs.toFixed(1)} ms  = ${report.ratio.toFixed(2)}x bare node`,
      `  of which load bundle + compile rules: ${report.loadBundleAndRulesMs.toFixed(1)} ms, first event: ${report.firstEventMs.toFixed(1)} ms`,
    ].join("\n")}\n`,
  );
}
