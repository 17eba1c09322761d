// Replay's evaluation path alone (issue 21): what follows matching. Loads the rules, matches every
// event of the file once (not timed), then times rounds of evaluating and counting the matched
// events as replay does (Engine.decideInto into RuleTallies; Engine.decide where a build has no
// decideInto, to compare with an older build). CPU time per round, so a busy machine skews it less.
//
//   node bench/replay-eval.mjs [DIST] [--rounds N] [--fresh]   (after npm run build; DIST: ./dist)
//
// --fresh parses the matched events again before each round (not timed), as replay evaluates
// events just parsed rather than the same objects over and over.
//
// Uses .cache/replay-bench/events-100000.jsonl and rules-head (made by bench/replay.mjs --quick).
import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2);
const at = args.indexOf("--rounds");
const rounds = at === -1 ? 7 : Number(args[at + 1]);
const dist = resolve(
  args.find((a, i) => !a.startsWith("--") && args[i - 1] !== "--rounds") ?? join(root, "dist"),
);
const load = (path) => import(pathToFileURL(join(dist, path)).href);

const { registerBuiltins } = await load("actions/builtins.js");
const { ActionRegistry } = await load("engine/action/registry.js");
const { Engine } = await load("engine/engine.js");
const { loadRuleSet } = await load("engine/rule-set.js");
const { RuleTallies } = await load("cli/replay/rule-tally.js");

const cache = join(root, ".cache", "replay-bench");
const set = await loadRuleSet([join(cache, "rules-head")], registerBuiltins(new ActionRegistry()));
const engine = new Engine(set.rules);
const fresh = args.includes("--fresh");
const matched = [];
for (const line of readFileSync(join(cache, "events-100000.jsonl"), "utf8").split("\n")) {
  if (line === "") continue;
  const event = JSON.parse(line);
  const rules = engine.rulesToEvaluate(event);
  if (rules.length > 0) matched.push([event, rules, line]);
}
const now = new Date("2026-01-01T00:00:00Z").toISOString();
const counting = typeof engine.decideInto === "function";

function round() {
  const tallies = new RuleTallies(set.rules, 3);
  for (const [event, rules] of matched) {
    if (counting) {
      tallies.verdicts.reset();
      engine.decideInto(event, rules, now, tallies.verdicts);
      tallies.addDecisions(tallies.verdicts, event.id);
    } else {
      tallies.addDecisions(engine.decide(event, rules, now), event.id);
    }
  }
  return tallies;
}

// As ReplayPass.addBatch: no stack traces for the errors failed renders build.
Error.stackTraceLimit = 0;
const times = [];
let tallies;
for (let i = 0; i < rounds; i++) {
  if (fresh) for (const m of matched) m[0] = JSON.parse(m[2]);
  const start = process.cpuUsage();
  tallies = round();
  const used = process.cpuUsage(start);
  times.push((used.user + used.system) / 1000);
}
const planned = tallies.tallies.reduce((n, t) => n + t.actionsPlanned, 0);
const sorted = [...times].sort((a, b) => a - b);
console.log(
  JSON.stringify({
    dist,
    api: counting ? "decideInto" : "decide",
    fresh,
    events: matched.length,
    planned,
    failed: tallies.failed,
    cpuMs: times.map((t) => Math.round(t)),
    medianCpuMs: Math.round(sorted[Math.floor(sorted.length / 2)]),
  }),
);
