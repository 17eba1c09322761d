// Replay at archive scale (issue 21): 1,000 rules over >= 1,000,000 events (>= 500 MB of JSON Lines,
// generated once into .cache/replay-bench/, not committed). Each measurement runs in its own process
// (bench/replay-child.mjs) so its peak RSS is its own; speed is a ratio against a bare readline +
// JSON.parse pass over the same file, measured in the same run.
//
//   node bench/replay.mjs [--events N] [--quick]      (after npm run build)
//
// Targets: replay <= 1.0x the reference, peak RSS <= 256 MB, counts exactly those of run --dry-run;
// --base-rules <= 2x a single replay; run --dry-run over the same file within 256 MB.
import { execFileSync } from "node:child_process";
import {
  createWriteStream,
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { availableParallelism } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { accountPool, generateEvents, generateRules, loadSamples } from "./corpus.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2);
const flag = (name, dflt) => {
  const i = args.indexOf(name);
  return i === -1 ? dflt : Number(args[i + 1]);
};
const quick = args.includes("--quick");
const EVENTS = flag("--events", quick ? 100_000 : 1_000_000);
const RULES = 1_000;
const cache = join(root, ".cache", "replay-bench");
mkdirSync(cache, { recursive: true });

const samples = loadSamples(root);
const pool = accountPool(20261121);

async function generateCorpus(file) {
  if (existsSync(file)) return;
  const tmp = `${file}.tmp`;
  const out = createWriteStream(tmp);
  const chunk = 20_000;
  for (let k = 0; k * chunk < EVENTS; k++) {
    const lines = generateEvents(samples, Math.min(chunk, EVENTS - k * chunk), 5_000 + k, pool);
    // Ids unique over the whole file, as an archive's are.
    const text = `${lines.map((l, i) => l.replace(/"id":"[^"]*"/, `"id":"ev-${k * chunk + i}"`)).join("\n")}\n`;
    if (!out.write(text)) await new Promise((r) => out.once("drain", r));
  }
  await new Promise((r) => out.end(r));
  renameSync(tmp, file);
}

/** 1,000 rules from the matching bench's mixed, scoped patterns; some with `when`, some failing to render. */
function ruleFiles(dir, variant) {
  mkdirSync(dir, { recursive: true });
  const ruleSource = generateEvents(samples, 3_000, 777, pool).map((l) => JSON.parse(l));
  const patterns = generateRules("mix", RULES + 20, ruleSource, 42, "scoped");
  const docs = [];
  for (let i = 0; i < RULES; i++) {
    let pattern = patterns[i];
    if (variant === "base") {
      if (i % 100 === 7) continue; // added by the change
      if (i % 40 === 3) pattern = patterns[RULES + (i % 20)]; // changed by it
    }
    const name = `r${String(i).padStart(4, "0")}`;
    const when = i % 10 === 1 ? `when: { "==": [{ var: event.region }, "us-east-1"] }\n` : "";
    const subject = i % 50 === 2 ? `    subject: "{{ event.detail.no.such.field }}"\n` : "";
    docs.push(
      `name: ${name}\non:\n  pattern: ${JSON.stringify(pattern)}\n${when}actions:\n  - type: sns-publish\n    topicArn: arn:aws:sns:us-east-1:123456789012:t${i % 7}\n    message: "{{ event.id }} {{ event['detail-type'] }} in {{ event.region }}"\n${subject}`,
    );
  }
  if (variant === "base") {
    for (let i = 0; i < 5; i++)
      docs.push(
        `name: removed-${i}\non:\n  pattern: ${JSON.stringify(patterns[RULES + 10 + i])}\nactions:\n  - type: sns-publish\n    topicArn: arn:aws:sns:us-east-1:123456789012:gone\n    message: "{{ event.id }}"\n`,
      );
  }
  writeFileSync(join(dir, "rules.yaml"), docs.join("---\n"));
  return dir;
}

function measure(mode, file, rules, base) {
  const out = join(cache, `result-${mode}.json`);
  execFileSync(
    process.execPath,
    [join(root, "bench", "replay-child.mjs"), mode, file, out, rules ?? "", base ?? ""],
    {
      stdio: ["ignore", "ignore", "inherit"],
      cwd: root,
    },
  );
  return JSON.parse(readFileSync(out, "utf8"));
}

const file = join(cache, `events-${EVENTS}.jsonl`);
await generateCorpus(file);
const bytes = statSync(file).size;
const rules = ruleFiles(join(cache, "rules-head"), "head");
const base = ruleFiles(join(cache, "rules-base"), "base");
const mb = (n) => `${n.toFixed(0)} MB`;
process.stderr.write(`corpus: ${EVENTS} events, ${mb(bytes / 2 ** 20)} of JSON Lines; ${RULES} rules\n`);

const emptyFile = join(cache, "empty.jsonl");
writeFileSync(emptyFile, "");
const startup = measure("replay", emptyFile, rules);
const reference = measure("baseline", file);
const replay = measure("replay", file, rules);
const withBase = measure("replay-base", file, rules, base);
const workers = measure("replay-workers", file, rules);
const oneWorker = measure("replay-one-worker", file, rules);
const inThread = measure("replay-in-thread", file, rules);
const dry = measure("run-dry", file, rules);

const r = replay.report;
const sum = (key) => r.rules.reduce((n, x) => n + x[key], 0);
const dryTotals =
  /^(\d+) event\(s\), (\d+) matched a rule, (\d+) action\(s\) planned, (\d+) failed, (\d+) held back/.exec(
    dry.summary,
  );
const replayTotals = [
  r.events,
  r.matchedEvents,
  sum("actionsPlanned"),
  sum("failed"),
  sum("matched") - sum("conditionHeld") - 0,
];
const exact =
  dryTotals !== null &&
  r.events === EVENTS &&
  r.invalid === 0 &&
  replayTotals.every((v, i) => v === Number(dryTotals[i + 1])) &&
  JSON.stringify(
    withBase.report.rules
      .map((x) => [x.rule, x.matched, x.conditionHeld, x.actionsPlanned, x.failed])
      .filter(([n]) => !n.startsWith("removed")),
  ) ===
    JSON.stringify(r.rules.map((x) => [x.rule, x.matched, x.conditionHeld, x.actionsPlanned, x.failed])) &&
  // Worker threads must report exactly what one thread reports (samples and first failures too).
  JSON.stringify(workers.report) === JSON.stringify(r) &&
  JSON.stringify(oneWorker.report) === JSON.stringify(r) &&
  JSON.stringify(inThread.report) === JSON.stringify(r);

const rows = [
  ["replay, no events (CLI + 1,000 rules loaded)", startup.ms, startup.maxRssMB, ""],
  ["readline + JSON.parse (reference)", reference.ms, reference.maxRssMB, "1.00x"],
  [
    "replay (default: --workers auto)",
    replay.ms,
    replay.maxRssMB,
    `${(replay.ms / reference.ms).toFixed(2)}x`,
  ],
  [
    "replay --workers 0 (this thread alone)",
    inThread.ms,
    inThread.maxRssMB,
    `${(inThread.ms / reference.ms).toFixed(2)}x`,
  ],
  ["replay --workers 2", workers.ms, workers.maxRssMB, `${(workers.ms / reference.ms).toFixed(2)}x`],
  ["replay --workers 1", oneWorker.ms, oneWorker.maxRssMB, `${(oneWorker.ms / reference.ms).toFixed(2)}x`],
  ["replay --base-rules", withBase.ms, withBase.maxRssMB, `${(withBase.ms / replay.ms).toFixed(2)}x replay`],
  ["run --dry-run --format json", dry.ms, dry.maxRssMB, `${(dry.ms / reference.ms).toFixed(2)}x`],
];
for (const [name, ms, rss, ratio] of rows)
  process.stderr.write(
    `${name.padEnd(44)} ${(ms / 1000).toFixed(1).padStart(7)} s  ${mb(rss).padStart(7)} peak RSS  ${ratio}\n`,
  );
process.stderr.write(
  `replay: ${r.events} events, ${r.matchedEvents} matched, ${sum("actionsPlanned")} actions planned, ${sum("failed")} failed; run --dry-run: ${dry.summary}\n` +
    `base: ${JSON.stringify(withBase.report.difference)}\n`,
);
const targets = [
  ["replay <= 1.0x reference", replay.ms <= reference.ms],
  ["replay peak RSS <= 256 MB", replay.maxRssMB <= 256],
  ["replay --workers 2 <= 1.0x reference (not a target: for context)", workers.ms <= reference.ms],
  ["replay --workers 0 peak RSS <= 256 MB", inThread.maxRssMB <= 256],
  [
    "replay --workers 2 peak RSS <= 256 MB (not a target: the default starts one thread on 2 cores)",
    workers.maxRssMB <= 256,
  ],
  ["replay --base-rules <= 2x replay", withBase.ms <= 2 * replay.ms],
  ["replay --base-rules peak RSS <= 256 MB", withBase.maxRssMB <= 256],
  ["run --dry-run peak RSS <= 256 MB", dry.maxRssMB <= 256],
  ["counts exact (= run --dry-run; base pass's head = single pass)", exact],
];
for (const [name, met] of targets) process.stderr.write(`${met ? "met   " : "MISSED"} ${name}\n`);
process.stdout.write(
  `${JSON.stringify({ events: EVENTS, bytes, rules: RULES, reference, replay: { ...replay, report: undefined }, withBase: { ...withBase, report: undefined }, workers: { ...workers, report: undefined }, oneWorker: { ...oneWorker, report: undefined }, inThread: { ...inThread, report: undefined }, machine: { cores: availableParallelism(), node: process.version }, dry, exact })}\n`,
);
process.exitCode = targets.every(([name, met]) => met || name.includes("not a target")) ? 0 : 1;
