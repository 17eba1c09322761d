#!/usr/bin/env node
// Growth on hostile input (issue 19): time per event against the event's size for arrays of many
// objects, and `check`'s time against the branch count of nested `$or`. Each figure is a ratio to a
// reference timed in the same run: reading + parsing the event file for arrays, one branch's
// compile for `$or`. Run alone (`node bench/hostile-growth.mjs`, after `npm run build`) or as part of
// `npm run bench` (bench/matching.mjs calls hostileGrowth).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

/** Median of `rounds` paired ratios, each of `reps` calls of `f` against `reps` calls of `ref`. */
function pairedRatio(f, ref, reps, rounds) {
  const ratios = [];
  const times = [];
  for (let r = 0; r < rounds; r++) {
    let t = performance.now();
    for (let i = 0; i < reps; i++) ref();
    const tr = performance.now() - t;
    t = performance.now();
    for (let i = 0; i < reps; i++) f();
    const tf = performance.now() - t;
    ratios.push(tf / tr);
    times.push(tf / reps);
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  return { ratio: median(ratios), ms: median(times) };
}

/** A container list of `n` elements, each holding one of the two values the rule wants (~60 bytes each). */
function containersEvent(n) {
  const containers = [];
  for (let i = 0; i < n; i++)
    containers.push(
      i % 2
        ? { name: "app", exitCode: 0, image: "registry.example/app:1.2" }
        : { name: "other", exitCode: 1, image: "registry.example/app:1.2" },
    );
  return { source: "aws.ecs", "detail-type": "ECS Task State Change", detail: { containers } };
}

/**
 * Arrays of objects: a rule with two fields from one element against events of growing length;
 * time per event (matchText on the file's text, and match on the parsed event) over the time of
 * reading and parsing the event file. Target: at most 3x at 4,000 elements (~240 KB).
 */
export function arrayGrowth(PatternIndex, { quick = false } = {}) {
  const index = new PatternIndex();
  index.add("failed", { detail: { containers: { name: ["app"], exitCode: [1] } } });
  index.add("ok", { source: ["aws.ecs"], detail: { containers: { name: ["app"], exitCode: [0] } } });
  const dir = mkdtempSync(join(tmpdir(), "rulebridge-bench-arrays-"));
  const rows = [];
  try {
    for (const n of quick ? [500, 4_000] : [500, 1_000, 2_000, 4_000, 8_000]) {
      const file = join(dir, `event-${n}.json`);
      writeFileSync(file, JSON.stringify(containersEvent(n)));
      const text = readFileSync(file, "utf8");
      const event = JSON.parse(text);
      const matches = index.matchText(text);
      if (JSON.stringify(matches) !== JSON.stringify(index.match(event)) || matches.join() !== "ok")
        throw new Error(`arrays: wrong answer at ${n} elements: ${JSON.stringify(matches)}`);
      const reps = Math.max(2, Math.round(40_000 / n));
      const read = () => JSON.parse(readFileSync(file, "utf8"));
      const fromText = pairedRatio(
        () => index.matchText(readFileSync(file, "utf8")),
        read,
        reps,
        quick ? 5 : 9,
      );
      const fromObject = pairedRatio(() => index.match(event), read, reps, quick ? 5 : 9);
      rows.push({
        elements: n,
        bytes: Buffer.byteLength(text),
        // Matching from the file (read + matchText) and from the parsed event, over read + JSON.parse.
        text_ratio: Math.round(fromText.ratio * 100) / 100,
        object_ratio: Math.round(fromObject.ratio * 100) / 100,
        text_ms: Math.round(fromText.ms * 1000) / 1000,
        object_ms: Math.round(fromObject.ms * 1000) / 1000,
      });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const at4000 = rows.find((r) => r.elements === 4_000);
  return { rows, target_met: at4000 !== undefined && at4000.text_ratio <= 3 && at4000.object_ratio <= 3 };
}

/** `depth` nested two-way `$or`, each object holding the next: 2^depth branches of depth + 1 fields. */
function orChain(depth) {
  let node = {};
  for (let k = depth - 1; k >= 0; k--) {
    const level = { $or: [{ [`a${k}`]: ["x"] }, { [`b${k}`]: ["y"] }] };
    if (k < depth - 1) level[`n${k}`] = node;
    node = level;
  }
  return depth === 0 ? { source: ["aws.test"] } : { source: ["aws.test"], detail: node };
}

/**
 * Nested `$or`: what `check` does per pattern (checkPattern, then PatternIndex.add and a first match,
 * which builds the automaton) against the branch count, over the same for a one-branch pattern.
 * Past 1,024 branches the pattern is refused, at about the cost of 1,024.
 */
export function orGrowth(checkPattern, PatternIndex, { quick = false } = {}) {
  const event = { source: "aws.test", detail: { a0: "x" } };
  const once = (pattern) => {
    if (checkPattern(pattern) !== null) return false;
    const index = new PatternIndex();
    index.add(1, pattern);
    index.match(event);
    return true;
  };
  const rows = [];
  const base = orChain(0);
  for (const depth of quick ? [4, 10, 16] : [2, 4, 6, 8, 10, 11, 16]) {
    const pattern = orChain(depth);
    const accepted = once(pattern);
    const reps = Math.max(2, Math.round(2_000 / 2 ** Math.min(depth, 11)));
    const { ratio, ms } = pairedRatio(
      () => once(pattern),
      () => once(base),
      reps,
      quick ? 3 : 5,
    );
    rows.push({ branches: 2 ** depth, accepted, ratio: Math.round(ratio), ms: Math.round(ms * 100) / 100 });
  }
  return { rows };
}

export function logOrGrowth(result, log) {
  log("nested $or: check's work per pattern over a one-branch pattern's (refused past 1,024 branches)");
  for (const r of result.rows)
    log(
      `  ${String(r.branches).padStart(6)} branches: ${r.accepted ? "accepted" : "refused "} ${String(r.ratio).padStart(5)}x (${r.ms} ms)`,
    );
}

/** Prints arrayGrowth's (and orGrowth's) rows. */
export function logArrayGrowth(result, log) {
  log("arrays of objects: time per event over reading + parsing its file (target: <= 3x at 4,000 elements)");
  for (const r of result.rows)
    log(
      `  ${String(r.elements).padStart(5)} elements ${String(Math.round(r.bytes / 1024)).padStart(4)} KB: ` +
        `from text ${r.text_ratio.toFixed(2)}x (${r.text_ms} ms), from object ${r.object_ratio.toFixed(2)}x (${r.object_ms} ms)`,
    );
  log(`  target ${result.target_met ? "met" : "MISSED"}`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const root = resolve(import.meta.dirname, "..");
  const { checkPattern, PatternIndex } = await import(
    pathToFileURL(join(root, "dist", "engine", "pattern", "index.js")).href
  );
  const quick = process.argv.includes("--quick");
  logArrayGrowth(arrayGrowth(PatternIndex, { quick }), console.log);
  logOrGrowth(orGrowth(checkPattern, PatternIndex, { quick }), console.log);
}
