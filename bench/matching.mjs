#!/usr/bin/env node
// Matching benchmark: rulebridge's PatternIndex against AWS's event-ruler (Java) on the same generated
// events and rule sets, per operator family and rule-set size; plus JSON Logic conditions, template
// rendering and `rulebridge check` over 1,000 rule files. Match counts must agree, or it exits 1.
//
// Two rule-set variants (bench/corpus.mjs): "scoped" (each rule also pins an account and a region, as on
// an organisation-wide bus) and "dense" (source/detail-type plus one leaf: hundreds of matches per event
// at 10,000 rules).
//
// Run via `npm run bench` (builds, provisions the oracle jars) or, after that:
//   node bench/matching.mjs [--quick] [--json] [--events N] [--sizes 10,10000] [--variants scoped,dense]
// Default (full): 100,000 events; scoped at 10/100/1,000/10,000 rules, dense at 10/100/1,000 (and 10,000
// for mix only: event-ruler goes through dense sets at 10,000 at a few hundred to a few thousand events/s,
// hours for every family).
// --quick: fewer events and sets (QUICK below), under a minute on 2 cores.
// --events N / --sizes a,b / --variants v: other corpus size / rule-set sizes (every family, each
// variant run) / variants, for spot checks.
// --json: prints [{variant, family, rules, rulebridge_eps, eventruler_eps, ratio, rulebridge_object_eps,
// object_ratio, matches}] on stdout (the table and the rest go to stderr). rulebridge_eps is
// PatternIndex.matchText on each JSON line (the matcher reading the JSON text; the figure the targets
// judge); rulebridge_object_eps is match(JSON.parse(line)), the way the engine matches an event it is
// given parsed (a Lambda handler's event; `rulebridge run` parses files to unwrap envelopes first).
// Writes bench/results/matching[-quick|-custom].{json,svg,png}.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, join, resolve } from "node:path";
import {
  accountPool,
  FAMILY_NAMES,
  generateEvents,
  generateRules,
  loadSamples,
  VARIANTS,
} from "./corpus.mjs";

const root = resolve(import.meta.dirname, "..");
const args = process.argv.slice(2);
const quick = args.includes("--quick");
const json = args.includes("--json");
const eventsArg = args.indexOf("--events");
const sizesArg = args.indexOf("--sizes");
const variantsArg = args.indexOf("--variants");
const custom = eventsArg >= 0 || sizesArg >= 0 || variantsArg >= 0;
const QUICK = { events: 1_500, scoped: [10, 100, 1_000], dense: [1_000] };
const FULL = { events: 100_000, scoped: [10, 100, 1_000, 10_000], dense: [10, 100, 1_000] };
const EVENT_COUNT = eventsArg >= 0 ? Number(args[eventsArg + 1]) : quick ? QUICK.events : FULL.events;
const RUN_VARIANTS = variantsArg >= 0 ? args[variantsArg + 1].split(",") : VARIANTS;
for (const v of RUN_VARIANTS) if (!VARIANTS.includes(v)) throw new Error(`--variants: unknown variant ${v}`);
/** Rule-set sizes run for a (variant, family). */
function sizesOf(variant, family) {
  if (sizesArg >= 0) return args[sizesArg + 1].split(",").map(Number);
  if (quick) return QUICK[variant];
  // Dense at 10,000 only for the mix (the issue's target there); for every family it would take hours.
  return variant === "dense" && family === "mix" ? [...FULL.dense, 10_000] : FULL[variant];
}
// Untimed matches before timing each set (cycling over the events): one pass in quick mode.
const WARMUP_EVENTS = Math.min(EVENT_COUNT, 20_000);
// Timed passes repeat until this much time has passed (at least one pass); the fastest pass is reported
// (the least disturbed by other load on the machine), for both matchers alike.
const MIN_MS = quick ? 200 : 1_500;
const CHECK_FILES = quick ? 200 : 1_000;

const out = json ? process.stderr : process.stdout;
const log = (line = "") => out.write(`${line}\n`);
const fail = (message) => {
  process.stderr.write(`[bench] FAILED: ${message}\n`);
  process.exit(1);
};

const dist = (p) => join(root, "dist", p);
if (!existsSync(dist("engine/pattern/index.js"))) fail("dist/ is missing: run `npm run build` first");
const { PatternIndex } = await import(dist("engine/pattern/index.js"));
const { compileCondition } = await import(dist("engine/condition/index.js"));
const { compileTemplate, isTemplate } = await import(dist("engine/template/index.js"));
const { alarmViewFromEvent } = await import(dist("engine/alarm/index.js"));
const { loadRuleSet } = await import(dist("engine/rule-set.js"));
const { registerBuiltins } = await import(dist("actions/builtins.js"));
const { ActionRegistry } = await import(dist("engine/action/registry.js"));

const work = join(tmpdir(), `rulebridge-bench-matching-${process.pid}`);
mkdirSync(work, { recursive: true });
process.on("exit", () => rmSync(work, { recursive: true, force: true }));

// --- corpus -------------------------------------------------------------------------------------
const t0 = performance.now();
const samples = loadSamples(root);
const lines = generateEvents(samples, EVENT_COUNT, 20261121);
const eventsFile = join(work, "events.jsonl");
writeFileSync(eventsFile, `${lines.join("\n")}\n`);
const bytes = lines.reduce((n, l) => n + Buffer.byteLength(l), 0);
// Rules are built from a separate sample of the same distribution (another seed), so they match a
// realistic share of the corpus rather than being tied to particular events in it.
// Same organisation: the rule source draws its accounts from the corpus's pool.
const ruleSource = generateEvents(samples, 3_000, 777, accountPool(20261121)).map((l) => JSON.parse(l));
log(
  `corpus: ${EVENT_COUNT.toLocaleString("en-US")} events from ${samples.length} samples, ` +
    `${Math.round(bytes / EVENT_COUNT)} B average (${((performance.now() - t0) / 1000).toFixed(1)} s to generate)`,
);
const sizesText = (variant) =>
  [...new Set(FAMILY_NAMES.map((f) => sizesOf(variant, f).join("/")))]
    .map((s) => {
      const fams = FAMILY_NAMES.filter((f) => sizesOf(variant, f).join("/") === s);
      return `${s.replaceAll("/", ", ").replace(/\d{4,}/g, (n) => Number(n).toLocaleString("en-US"))} rules${fams.length === FAMILY_NAMES.length ? "" : ` (${fams.join(", ")})`}`;
    })
    .join("; ");
log(`mode: ${custom ? "custom" : quick ? "quick" : "full"}`);
for (const v of RUN_VARIANTS) log(`  ${v}: ${sizesText(v)}`);
if (!custom)
  log(
    `  (dense at 10,000 rules is run for the mix only${quick ? " in full mode" : ""}: dense sets at 10,000 rules go ` +
      "through event-ruler at a few hundred to a few thousand events/s: hours for every family on a small machine)",
  );

/** Rules of a set that rulebridge compiles (a pattern it rejects is replaced; none are expected). */
function ruleSet(variant, family, size, seed) {
  const candidates = generateRules(family, Math.ceil(size * 1.05) + 5, ruleSource, seed, variant);
  const probe = new PatternIndex();
  const patterns = [];
  for (const pattern of candidates) {
    if (patterns.length === size) break;
    try {
      probe.add(`r${patterns.length}`, pattern);
      patterns.push(pattern);
    } catch {
      // dropped
    }
  }
  if (patterns.length < size)
    fail(`${variant}/${family}/${size}: rulebridge rejected too many generated patterns`);
  return patterns;
}

/** rulebridge's index of a set (rule ids r0, r1, ... as in the event-ruler rules file). Built when the set
 * is timed, so only one large index is alive at a time (85 of them at once weigh on the garbage collector;
 * the 10-rule scoped ones are kept for the paired scaling timing). */
function buildIndex(s) {
  const index = new PatternIndex();
  for (const [i, p] of s.patterns.entries()) index.add(`r${i}`, p);
  return index;
}

const sets = [];
for (const variant of RUN_VARIANTS) {
  for (const [f, family] of FAMILY_NAMES.entries()) {
    for (const size of sizesOf(variant, family)) {
      // Same seed for both variants: scoped pattern i is dense pattern i plus its account and region.
      const patterns = ruleSet(variant, family, size, 1000 * (f + 1) + size);
      const file = join(work, `${variant}-${family}-${size}.rules`);
      writeFileSync(file, `${patterns.map((p, i) => `r${i}\t${JSON.stringify(p)}`).join("\n")}\n`);
      sets.push({ variant, family, size, file, patterns });
    }
  }
}
const label = (s) => `${s.variant}/${s.family}/${s.size}`;

// --- event-ruler ---------------------------------------------------------------------------------
const manifestPath = join(root, ".cache", "oracle", "oracle.json");
if (!existsSync(manifestPath)) fail("the event-ruler jars are missing: run `node scripts/setup-oracle.mjs`");
const manifest = JSON.parse(readFileSync(manifestPath, "utf8"));
const benchSrc = join(root, "test", "oracle", "bench", "EventRulerBench.java");
const classes = join(root, ".cache", "oracle", "bench-classes");
const classFile = join(classes, "EventRulerBench.class");
const javac = process.env.JAVA_HOME ? join(process.env.JAVA_HOME, "bin", "javac") : "javac";
if (!existsSync(classFile) || statSync(classFile).mtimeMs < statSync(benchSrc).mtimeMs) {
  mkdirSync(classes, { recursive: true });
  const r = spawnSync(
    javac,
    ["--release", "17", "-cp", manifest.classpath.join(delimiter), "-d", classes, benchSrc],
    {
      encoding: "utf8",
    },
  );
  if (r.status !== 0) fail(`javac failed: ${r.error ?? r.stderr}`);
}
log(`rule sets generated (${((performance.now() - t0) / 1000).toFixed(1)} s since start)`);
// Both matchers first go WARM_ROUNDS times through a mix set (1,000 rules, or the largest run), unreported:
// a JIT warm-up, so the first sets timed are not measured while the JIT is still compiling (quick mode
// warms each set with a single short pass; full mode's first sets came out slow without it).
const WARM_ROUNDS = quick ? 8 : 2;
const mixSets = sets.filter((s) => s.family === "mix");
const warmSet =
  mixSets.find((s) => s.size === 1_000) ?? mixSets.reduce((a, b) => (b.size > a.size ? b : a), mixSets[0]);
const tJava = performance.now();
log(`event-ruler ${manifest.eventRulerVersion}: ${sets.length} rule sets...`);
const java = spawnSync(
  manifest.java,
  [
    "-cp",
    [classes, ...manifest.classpath].join(delimiter),
    "EventRulerBench",
    eventsFile,
    String(WARMUP_EVENTS),
    String(MIN_MS),
    ...(warmSet ? Array(WARM_ROUNDS).fill(warmSet.file) : []),
    ...sets.map((s) => s.file),
  ],
  { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 },
);
if (java.status !== 0) fail(`event-ruler harness failed: ${java.error ?? java.stderr}`);

const erResults = java.stdout
  .trim()
  .split("\n")
  .map((l) => JSON.parse(l))
  .slice(warmSet ? WARM_ROUNDS : 0);
for (const [i, s] of sets.entries()) {
  const er = erResults[i];
  if (!er || er.file !== s.file || er.rules !== s.size) fail(`event-ruler output is off at ${label(s)}`);
  s.er = er;
}

// --- rulebridge ----------------------------------------------------------------------------------
log(`  ${((performance.now() - tJava) / 1000).toFixed(1)} s`);
const tRb = performance.now();
log(`rulebridge: ${sets.length} rule sets...`);
if (warmSet) {
  const index = buildIndex(warmSet);
  for (let round = 0; round < WARM_ROUNDS; round++)
    for (let i = 0; i < WARMUP_EVENTS + lines.length; i++) {
      index.matchText(lines[i % lines.length]);
      index.match(JSON.parse(lines[i % lines.length]));
    }
}
/**
 * Events/s of `one` (line => matches) over the corpus: the fastest of passes repeated for MIN_MS, after
 * WARMUP_EVENTS untimed matches. Match counts must be the same in every pass.
 */
function timeMatches(s, one, minMs = MIN_MS) {
  for (let i = 0; i < WARMUP_EVENTS; i++) one(lines[i % lines.length]);
  let matches = -1;
  let best = Number.POSITIVE_INFINITY;
  const started = performance.now();
  do {
    let n = 0;
    const t = process.hrtime.bigint();
    for (const line of lines) n += one(line).length;
    best = Math.min(best, Number(process.hrtime.bigint() - t) / 1e9);
    if (matches >= 0 && n !== matches) fail(`${label(s)}: rulebridge match count changed between passes`);
    matches = n;
  } while (performance.now() - started < minMs);
  return { eps: lines.length / best, matches };
}

/** Events per chunk of the paired growth timing (see pairedGrowth). */
const PAIR_CHUNK = 5_000;

/**
 * rulebridge's cost growth from `small` to `large` (indexes of two sets: cost per event through
 * matchText): the same chunk of events is timed through both, one right after the other (the order
 * alternating), chunk after chunk over the corpus until it has been gone through at least once and
 * 2 × MIN_MS have passed; the growth is the large set's total time over the small one's. This
 * machine's speed changes by phases of seconds: passes of one set over the same events alternate
 * between two speeds about 1.6-1.7× apart (for 10 and for 10,000 rules alike), so the fastest
 * whole pass of each (as timed before) could pair a fast phase with a slow one: runs of the same
 * build differed by 16% and 22% on the same growth. Adjacent chunks share the machine's phase.
 */
function pairedGrowth(small, large) {
  const sides = [small, large].map(({ s, index }) => ({ s, index, total: 0, matches: 0 }));
  const chunk = Math.min(PAIR_CHUNK, lines.length);
  const started = performance.now();
  let from = 0;
  let pair = 0;
  do {
    const end = Math.min(from + chunk, lines.length);
    for (const side of pair % 2 === 0 ? sides : [sides[1], sides[0]]) {
      let n = 0;
      const t = process.hrtime.bigint();
      for (let i = from; i < end; i++) n += side.index.matchText(lines[i]).length;
      side.total += Number(process.hrtime.bigint() - t);
      side.matches += n;
    }
    pair++;
    from = end === lines.length ? 0 : end;
    // Each full cycle over the corpus must find what the set's own timing found.
    if (from === 0)
      for (const side of sides) {
        if (side.matches !== side.s.rb.matches)
          fail(`${label(side.s)}: rulebridge match count changed between passes`);
        side.matches = 0;
      }
  } while (from !== 0 || performance.now() - started < 2 * MIN_MS);
  return sides[1].total / sides[0].total;
}

// The judged growth (scoped, 10 -> 10,000 rules, every family but wildcard) is timed again in pairs, when
// the 10,000-rule set has been timed: the 10-rule indexes (small) are kept until then.
const judgedSmall = new Map();
for (const s of sets) {
  const b0 = performance.now();
  const index = buildIndex(s);
  // The automaton is built on the first match after its rules are added: part of building.
  index.matchText(lines[0]);
  const buildMs = performance.now() - b0;
  // Two ways in: the JSON text (matchText; the figure the
  // targets judge) and JSON.parse then the object (what a Lambda handler gets, already parsed).
  const text = timeMatches(s, (line) => index.matchText(line));
  // Quick mode gives the object way (shown, not judged) half the time, to stay under a minute.
  const object = timeMatches(s, (line) => index.match(JSON.parse(line)), quick ? MIN_MS / 2 : MIN_MS);
  if (object.matches !== text.matches)
    fail(`${label(s)}: matchText found ${text.matches} matches, match(JSON.parse) ${object.matches}`);
  s.rb = { eps: text.eps, objectEps: object.eps, matches: text.matches, buildMs };
  if (s.variant === "scoped" && s.family !== "wildcard") {
    if (s.size === 10) judgedSmall.set(s.family, { s, index });
    const small = judgedSmall.get(s.family);
    if (s.size === 10_000 && small) s.rb.pairedGrowth = pairedGrowth(small, { s, index });
  }
}

log(`  ${((performance.now() - tRb) / 1000).toFixed(1)} s`);

// --- report --------------------------------------------------------------------------------------
const rows = sets.map((s) => ({
  variant: s.variant,
  family: s.family,
  rules: s.size,
  rulebridge_eps: Math.round(s.rb.eps),
  eventruler_eps: Math.round(s.er.eps),
  ratio: Math.round((s.rb.eps / s.er.eps) * 100) / 100,
  rulebridge_object_eps: Math.round(s.rb.objectEps),
  object_ratio: Math.round((s.rb.objectEps / s.er.eps) * 100) / 100,
  matches: s.rb.matches,
  eventruler_matches: s.er.matches,
  paired_growth: s.rb.pairedGrowth,
}));
const fmt = (n) => n.toLocaleString("en-US");
const pad = (v, w, left = false) => (left ? String(v).padEnd(w) : String(v).padStart(w));
const disagreements = [];
for (const variant of RUN_VARIANTS) {
  log();
  log(
    `${pad(variant, 8, true)}${pad("family", 20, true)}${pad("rules", 7)}${pad("rulebridge ev/s", 17)}` +
      `${pad("event-ruler ev/s", 18)}${pad("ratio", 8)}${pad("object ev/s", 13)}${pad("ratio", 8)}` +
      `${pad("matches", 12)}${pad("match/event", 13)}`,
  );
  for (const r of rows.filter((x) => x.variant === variant)) {
    const agree = r.matches === r.eventruler_matches;
    if (!agree)
      disagreements.push(
        `${r.variant}/${r.family}/${r.rules} (rulebridge ${r.matches}, event-ruler ${r.eventruler_matches})`,
      );
    log(
      `${pad(r.variant, 8, true)}${pad(r.family, 20, true)}${pad(fmt(r.rules), 7)}${pad(fmt(r.rulebridge_eps), 17)}` +
        `${pad(fmt(r.eventruler_eps), 18)}${pad(`${r.ratio.toFixed(2)}x`, 8)}` +
        `${pad(fmt(r.rulebridge_object_eps), 13)}${pad(`${r.object_ratio.toFixed(2)}x`, 8)}${pad(fmt(r.matches), 12)}` +
        `${pad((r.matches / EVENT_COUNT).toFixed(3), 13)}` +
        (agree ? "" : `  MISMATCH: event-ruler ${fmt(r.eventruler_matches)}`),
    );
  }
}

// Targets. Speed: rulebridge >= 1.0x event-ruler at 1,000 rules for every family, and for the mix at
// 10,000, judged for each variant where that size was run. Scaling: rulebridge's cost per event at 10,000
// rules <= 3x its cost at 10, every family but wildcard, judged on the scoped variant only; for dense (and
// wherever 10 and 10,000 were not both run) the growth of both matchers is shown without a verdict.
const round2 = (x) => Math.round(x * 100) / 100;
const targets = [];
for (const variant of RUN_VARIANTS) {
  for (const family of FAMILY_NAMES) {
    const own = rows.filter((r) => r.variant === variant && r.family === family);
    if (own.length === 0) continue;
    const at = (n) => own.find((r) => r.rules === n);
    const lo = own[0];
    const hi = own.at(-1);
    const k = at(1_000);
    const tenK = family === "mix" ? at(10_000) : undefined;
    const judged = variant === "scoped" && family !== "wildcard" && lo.rules === 10 && hi.rules === 10_000;
    const separate = round2(lo.rulebridge_eps / hi.rulebridge_eps);
    // Judged on the paired timing (see pairedGrowth); the table's separately timed figure is kept too.
    const growth = judged ? round2(hi.paired_growth) : separate;
    targets.push({
      variant,
      family,
      ratio_at_1000: k ? k.ratio : null,
      speed_target_met: k ? k.ratio >= 1 : null,
      ...(family === "mix"
        ? { ratio_at_10000: tenK ? tenK.ratio : null, speed_target_10000_met: tenK ? tenK.ratio >= 1 : null }
        : {}),
      cost_growth: growth,
      ...(judged ? { cost_growth_separately_timed: separate } : {}),
      object_cost_growth: round2(lo.rulebridge_object_eps / hi.rulebridge_object_eps),
      eventruler_cost_growth: round2(lo.eventruler_eps / hi.eventruler_eps),
      cost_growth_between: [lo.rules, hi.rules],
      scaling_target_met: judged ? growth <= 3 : null,
    });
  }
}
log();
log(
  "targets: speed = rulebridge/event-ruler >= 1.0x at 1,000 rules (and for mix at 10,000), each variant; " +
    "scaling = rulebridge cost per event at 10,000 rules <= 3x its cost at 10, scoped variant, every family " +
    "but wildcard. Cost growth = events/s at the smallest size run / events/s at the largest, for both matchers; " +
    "where judged, rulebridge's is timed again with the two sets in alternating passes (the table's separately " +
    "timed figure in brackets).",
);
const verdict = (met) => (met === null ? "" : met ? " met" : " MISSED");
for (const variant of RUN_VARIANTS) {
  const ts = targets.filter((t) => t.variant === variant);
  log(
    `  ${variant}${variant === "dense" ? " (cost growth for context: no scaling target on this variant)" : ""}`,
  );
  for (const t of ts) {
    const speed =
      t.ratio_at_1000 === null
        ? pad("n/a", 14, true)
        : pad(`${t.ratio_at_1000.toFixed(2)}x${verdict(t.speed_target_met)}`, 14, true);
    const tenK =
      t.ratio_at_10000 === undefined || t.ratio_at_10000 === null
        ? ""
        : `  at 10,000: ${t.ratio_at_10000.toFixed(2)}x${verdict(t.speed_target_10000_met)}`;
    const [a, b] = t.cost_growth_between;
    const scaling =
      variant === "scoped" && t.family === "wildcard"
        ? " (no target)"
        : variant === "scoped" && t.scaling_target_met === null && b !== 10_000
          ? " (not judged: 10,000 not run)"
          : verdict(t.scaling_target_met);
    const growth =
      a === b
        ? "cost growth n/a (one size run)"
        : `cost growth ${fmt(a)} -> ${fmt(b)}: rulebridge x${t.cost_growth.toFixed(2)}${scaling}` +
          `${t.cost_growth_separately_timed === undefined ? "" : ` [x${t.cost_growth_separately_timed.toFixed(2)}]`} ` +
          `(object x${t.object_cost_growth.toFixed(2)}), event-ruler x${t.eventruler_cost_growth.toFixed(2)}`;
    log(`    ${pad(t.family, 20, true)}speed ${speed}  ${growth}${tenK}`);
  }
}
const tally = (key) => {
  const judged = targets.filter((t) => t[key] !== null && t[key] !== undefined);
  return `${judged.filter((t) => t[key]).length} of ${judged.length}`;
};
log(
  `  met: speed at 1,000 rules ${tally("speed_target_met")}; mix at 10,000 ${tally("speed_target_10000_met")}; ` +
    `scaling (scoped) ${tally("scaling_target_met")}; match-count disagreements: ${disagreements.length}`,
);

// --- conditions and templates of the seed rules ------------------------------------------------
// The seed rules (rules/) are loaded for their patterns (an alarm rule's pattern is derived), and
// their `when` conditions and action templates compiled with compileCondition / compileTemplate.
const seedDir = join(root, "rules");
const seedSet = await loadRuleSet([seedDir], registerBuiltins(new ActionRegistry()), root);
const ROOTS = new Set(["event", "rule", "now", "alarm"]);
function templatesIn(node, acc) {
  if (typeof node === "string" && isTemplate(node)) acc.push(node);
  else if (Array.isArray(node)) for (const x of node) templatesIn(x, acc);
  else if (node && typeof node === "object") for (const x of Object.values(node)) templatesIn(x, acc);
  return acc;
}
const seedIndex = new PatternIndex();
const seedRules = seedSet.rules.map((compiled, i) => {
  seedIndex.add(i, compiled.pattern);
  return {
    name: compiled.name,
    alarmContext: compiled.alarmContext,
    condition: compiled.rule.when === undefined ? null : compileCondition(compiled.rule.when),
    // Templates reading only what the engine puts in every context (enrichments like `instance` aside).
    templates: templatesIn(compiled.rule.actions ?? [], [])
      .map((t) => compileTemplate(t))
      .filter((t) => t.variables.every((v) => ROOTS.has(String(v[0])))),
  };
});
const contextOf = (event, rule) => {
  const alarm = rule.alarmContext ? (alarmViewFromEvent(event) ?? undefined) : undefined;
  return {
    event,
    rule: { name: rule.name, description: "" },
    now: "2026-11-21T00:00:00Z",
    ...(alarm ? { alarm } : {}),
  };
};
const parsed = lines.map((l) => JSON.parse(l));
// Conditions: every seed condition on every event (the engine only evaluates a matched rule's, but
// the condition's cost does not depend on that). Templates: on the events their rule matches.
const condWork = [];
const renderWork = [];
for (const event of parsed) {
  for (const rule of seedRules) if (rule.condition) condWork.push({ rule, context: contextOf(event, rule) });
  for (const i of seedIndex.match(event))
    renderWork.push({ rule: seedRules[i], context: contextOf(event, seedRules[i]) });
}
function timeLoop(fn) {
  fn();
  const start = process.hrtime.bigint();
  const n = fn();
  return { n, seconds: Number(process.hrtime.bigint() - start) / 1e9 };
}
const cond = timeLoop(() => {
  let n = 0;
  for (const { rule, context } of condWork) {
    try {
      rule.condition.evaluate(context);
    } catch {
      // a condition that cannot be evaluated is an outcome too
    }
    n++;
  }
  return n;
});
let renderErrors = 0;
const tmpl = timeLoop(() => {
  let n = 0;
  renderErrors = 0;
  for (const { rule, context } of renderWork) {
    for (const t of rule.templates) {
      try {
        t.render(context);
      } catch {
        renderErrors++;
      }
      n++;
    }
  }
  return n;
});
const templateCount = seedRules.reduce((n, r) => n + r.templates.length, 0);
const extras = {
  condition: {
    evaluations: cond.n,
    per_second: Math.round(cond.n / cond.seconds),
    us_each: (cond.seconds / cond.n) * 1e6,
  },
  template: {
    renders: tmpl.n,
    templates: templateCount,
    render_errors: renderErrors,
    per_second: Math.round(tmpl.n / tmpl.seconds),
    us_each: (tmpl.seconds / tmpl.n) * 1e6,
  },
};
log();
log(
  `conditions: ${fmt(cond.n)} JSON Logic evaluations of ${seedRules.filter((r) => r.condition).length} seed conditions ` +
    `(each on every event): ${fmt(extras.condition.per_second)}/s (${extras.condition.us_each.toFixed(2)} µs each)`,
);
log(
  `templates:  ${fmt(tmpl.n)} renders of ${templateCount} seed templates on the events their rules match (${renderErrors} render errors): ` +
    `${fmt(extras.template.per_second)}/s (${extras.template.us_each.toFixed(2)} µs each)`,
);

// --- rulebridge check over 1,000 rule files -------------------------------------------------------
const checkDir = join(work, "rules");
mkdirSync(checkDir);
const seedFiles = readdirSync(seedDir)
  .filter((f) => /\.ya?ml$/.test(f) && !/\.test\.ya?ml$/.test(f))
  .sort()
  .map((f) => join(seedDir, f));
const seedTexts = seedFiles.map((f) => readFileSync(f, "utf8").replace(/^# yaml-language-server:.*\n/, ""));
for (let i = 0; i < CHECK_FILES; i++) {
  const text = seedTexts[i % seedTexts.length].replace(/^name: (\S+)$/m, (_, n) => `name: ${n}-${i}`);
  writeFileSync(join(checkDir, `rule-${String(i).padStart(4, "0")}.yaml`), text);
}
const registry = registerBuiltins(new ActionRegistry());
await loadRuleSet([checkDir], registry, work); // warm-up
const c0 = performance.now();
const checked = await loadRuleSet([checkDir], registry, work);
const checkMs = performance.now() - c0;
extras.check = {
  files: checked.files.length,
  rules: checked.rules.length,
  problems: checked.problems.length,
  ms: Math.round(checkMs),
  files_per_second: Math.round((checked.files.length / checkMs) * 1000),
};
log(
  `check:      ${fmt(checked.files.length)} rule files (${fmt(checked.rules.length)} rules, ` +
    `${checked.problems.length} problems) loaded + validated + compiled in ${Math.round(checkMs)} ms ` +
    `(${fmt(extras.check.files_per_second)} files/s)`,
);
if (checked.problems.length > 0) log(`  first problem: ${JSON.stringify(checked.problems[0])}`);

// --- hostile input: growth with the event's size (issue 19) -----------------------------------------
const { arrayGrowth, logArrayGrowth, logOrGrowth, orGrowth } = await import("./hostile-growth.mjs");
const { checkPattern } = await import(dist("engine/pattern/index.js"));
extras.arrays = arrayGrowth(PatternIndex, { quick });
extras.or = orGrowth(checkPattern, PatternIndex, { quick });
log();
logArrayGrowth(extras.arrays, log);
logOrGrowth(extras.or, log);

// --- results files and chart -------------------------------------------------------------------------
const resultsDir = join(root, "bench", "results");
mkdirSync(resultsDir, { recursive: true });
const base = join(resultsDir, custom ? "matching-custom" : quick ? "matching-quick" : "matching");
const report = rows.map(({ eventruler_matches, paired_growth, ...r }) => r);
writeFileSync(
  `${base}.json`,
  `${JSON.stringify(
    {
      mode: custom ? "custom" : quick ? "quick" : "full",
      events: EVENT_COUNT,
      sizes: Object.fromEntries(
        RUN_VARIANTS.map((v) => [v, Object.fromEntries(FAMILY_NAMES.map((f) => [f, sizesOf(v, f)]))]),
      ),
      average_event_bytes: Math.round(bytes / EVENT_COUNT),
      node: process.version,
      eventRuler: manifest.eventRulerVersion,
      results: report,
      targets,
      ...extras,
    },
    null,
    2,
  )}\n`,
);
// In the repo's own format, so `npm run lint` stays clean with the results checked in.
const biome = join(root, "node_modules", ".bin", "biome");
if (existsSync(biome))
  spawnSync(biome, ["format", "--write", `${base}.json`], { cwd: root, encoding: "utf8" });
writeFileSync(`${base}.svg`, chart(rows));
const png = spawnSync("rsvg-convert", ["-o", `${base}.png`, `${base}.svg`], { encoding: "utf8" });
if (png.status === 0) log(`\nwrote ${base}.{json,svg,png}`);
else log(`\nwrote ${base}.{json,svg} (no PNG: rsvg-convert missing — apt-get install librsvg2-bin)`);

if (json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
if (disagreements.length > 0) fail(`match counts disagree with event-ruler: ${disagreements.join("; ")}`);

/** Grouped bar chart: events/s per family (log scale), rulebridge vs event-ruler, one panel per (variant, size). */
function chart(data) {
  const panels = [];
  for (const variant of RUN_VARIANTS)
    for (const size of [...new Set(data.filter((r) => r.variant === variant).map((r) => r.rules))])
      panels.push({ variant, size });
  const families = [...new Set(data.map((r) => r.family))];
  const panelH = 200;
  const gap = 56;
  const left = 70;
  const groupW = 74;
  const width = left + families.length * groupW + 30;
  const height = 70 + panels.length * (panelH + gap) + 20;
  const max = Math.max(...data.flatMap((r) => [r.rulebridge_eps, r.eventruler_eps]));
  const min = Math.max(1, Math.min(...data.flatMap((r) => [r.rulebridge_eps, r.eventruler_eps])));
  const lo = 10 ** Math.floor(Math.log10(min));
  const hi = 10 ** Math.ceil(Math.log10(max));
  const y = (v, top) =>
    top +
    panelH -
    ((Math.log10(Math.max(v, lo)) - Math.log10(lo)) / (Math.log10(hi) - Math.log10(lo))) * panelH;
  const esc = (s) => String(s).replace(/&/g, "&amp;").replace(/</g, "&lt;");
  const about = {
    scoped: "each rule also pins an account and a region",
    dense: "source/detail-type + one leaf: many matches per event",
  };
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif" font-size="11" role="img" aria-label="rulebridge vs event-ruler events per second by operator family">`,
    `<title>rulebridge vs event-ruler: events/s by operator family, rule-set variant and rule count</title>`,
    `<rect width="100%" height="100%" fill="#fff"/>`,
    `<text x="${left}" y="22" font-size="15" font-weight="bold">Events/s by operator family (log scale), ${fmt(EVENT_COUNT)} events${quick ? " (quick)" : ""}</text>`,
    `<rect x="${left}" y="32" width="12" height="12" fill="#2b7bba"/><text x="${left + 16}" y="42">rulebridge (JSON text)</text>`,
    `<rect x="${left + 150}" y="32" width="12" height="12" fill="#f28e2b"/><text x="${left + 166}" y="42">event-ruler ${esc(manifest.eventRulerVersion)}</text>`,
    `<text x="${left + 310}" y="42" fill="#555">ratio = rulebridge / event-ruler</text>`,
  ];
  for (const [p, { variant, size }] of panels.entries()) {
    const top = 80 + p * (panelH + gap);
    parts.push(
      `<text x="${left}" y="${top - 12}"><tspan font-weight="bold">${esc(variant)}, ${fmt(size)} rules</tspan>` +
        `<tspan fill="#555">&#160; (${esc(about[variant])})</tspan></text>`,
    );
    for (let d = lo; d <= hi; d *= 10) {
      const yy = y(d, top).toFixed(1);
      parts.push(`<line x1="${left}" x2="${width - 20}" y1="${yy}" y2="${yy}" stroke="#ddd"/>`);
      parts.push(
        `<text x="${left - 6}" y="${yy}" text-anchor="end" dy="4">${d >= 1e6 ? `${d / 1e6}M` : d >= 1e3 ? `${d / 1e3}k` : d}</text>`,
      );
    }
    for (const [g, family] of families.entries()) {
      const r = data.find((x) => x.variant === variant && x.family === family && x.rules === size);
      if (!r) continue;
      const x0 = left + g * groupW + 14;
      for (const [k, [v, color]] of [
        [r.rulebridge_eps, "#2b7bba"],
        [r.eventruler_eps, "#f28e2b"],
      ].entries()) {
        const yy = y(v, top);
        parts.push(
          `<rect x="${x0 + k * 22}" y="${yy.toFixed(1)}" width="20" height="${(top + panelH - yy).toFixed(1)}" fill="${color}"/>`,
        );
      }
      parts.push(
        `<text x="${x0 + 21}" y="${top + panelH + 13}" text-anchor="middle" font-size="9">${esc(family)}</text>`,
      );
      parts.push(
        `<text x="${x0 + 21}" y="${top + panelH + 25}" text-anchor="middle" font-size="9" fill="${r.ratio >= 1 ? "#1a7f37" : "#b42318"}">${r.ratio.toFixed(2)}x</text>`,
      );
    }
  }
  parts.push("</svg>");
  return `${parts.join("\n")}\n`;
}
