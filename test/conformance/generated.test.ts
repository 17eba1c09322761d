import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PatternIndex } from "../../engine/pattern/index.js";
import { type ExplainedVerdict, type Oracle, startOracle } from "../support/event-ruler-oracle.js";
import {
  type Case,
  compareVerdicts,
  type Disagreement,
  describeDisagreement,
  expectAgreement,
} from "./support/differential.js";
import { FEATURES, type Feature, featuresOf } from "./support/features.js";
import { samplePairs } from "./support/generators.js";
import { type Json, type JsonObject, show } from "./support/json.js";
import { explainKnownDifferences, unrecognisedDifferences } from "./support/parity.js";

/**
 * Property-based differential test: >= 10,000 generated pattern/event pairs (fixed seed), judged by
 * event-ruler in one JVM and by rulebridge; then PatternIndex with many patterns at once.
 *
 * Explore other seeds locally: CONFORMANCE_SEED=123 CONFORMANCE_PAIRS=50000 npx vitest run test/conformance
 */

function envInt(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < 0)
    throw new Error(`${name} must be a non-negative integer, got ${raw}`);
  return value;
}

const SEED = envInt("CONFORMANCE_SEED", 20_260_721);
const PAIRS = Math.max(10_000, envInt("CONFORMANCE_PAIRS", 12_000));
const INDEX_GROUPS = 40;
const INDEX_GROUP_SIZE = 20;

const pairs = samplePairs(SEED, PAIRS);

let oracle: Oracle;
let verdicts: ExplainedVerdict[];
beforeAll(async () => {
  oracle = await startOracle({ explain: true });
  verdicts = await oracle.judge(pairs);
});
afterAll(async () => {
  await oracle?.close();
});

describe(`generated pairs (seed ${SEED}, ${PAIRS} pairs)`, () => {
  it("are not trivial: many match, many are rejected, every operator is accepted and matched", () => {
    const accepted = new Map<Feature, number>();
    const matched = new Map<Feature, number>();
    let matches = 0;
    let rejects = 0;
    let acFinderMismatches = 0;
    pairs.forEach((pair, i) => {
      const v = verdicts[i];
      if (!v) throw new Error(`no verdict for pair ${i}`);
      if ("error" in v) {
        rejects++;
        return;
      }
      if (v.acFinder !== undefined) acFinderMismatches++;
      if (v.result) matches++;
      for (const f of featuresOf(pair.pattern, pair.event)) {
        accepted.set(f, (accepted.get(f) ?? 0) + 1);
        if (v.result) matched.set(f, (matched.get(f) ?? 0) + 1);
      }
    });
    const share = (n: number): number => n / pairs.length;
    const lines = FEATURES.map(
      (f) => `  ${f.padEnd(34)} accepted ${accepted.get(f) ?? 0}, matched ${matched.get(f) ?? 0}`,
    );
    process.stdout.write(
      `generated (seed ${SEED}): ${pairs.length} pairs, oracle match ${(100 * share(matches)).toFixed(1)}%, ` +
        `no match ${(100 * share(pairs.length - matches - rejects)).toFixed(1)}%, rejected ${(100 * share(rejects)).toFixed(1)}%\n` +
        `${lines.join("\n")}\n`,
    );
    expect(share(matches)).toBeGreaterThanOrEqual(0.2);
    expect(share(rejects)).toBeGreaterThanOrEqual(0.1);
    expect(share(pairs.length - matches - rejects)).toBeGreaterThanOrEqual(0.2);
    for (const f of FEATURES) {
      expect(accepted.get(f) ?? 0, `feature "${f}" accepted`).toBeGreaterThanOrEqual(20);
      expect(matched.get(f) ?? 0, `feature "${f}" matched`).toBeGreaterThanOrEqual(5);
    }
    // event-ruler's two array-consistent finders disagree on a few events (a literal dotted key that
    // collides with a path through an array; see event-ruler-quirks.test.ts). The oracle is the default
    // (StructuredFinder); the count is printed so a jump is noticed.
    process.stdout.write(
      `event-ruler StructuredFinder vs ACFinder disagreements (informational): ${acFinderMismatches}\n`,
    );
  });

  it("rulebridge's matcher agrees with event-ruler on every pair (match and accept/reject)", async () => {
    const unrecognised = unrecognisedDifferences();
    if (unrecognised.length > 0) {
      process.stdout.write(
        `documented parity differences with no recogniser in support/parity.ts: ${unrecognised.join(", ")}\n`,
      );
    }
    const cases: Case[] = pairs.map((p, i) => ({ ...p, label: `seed ${SEED} pair #${i}` }));
    const c = compareVerdicts(cases, verdicts);
    await expectAgreement(oracle, `generated (seed ${SEED})`, c);
  });

  it("PatternIndex with many patterns at once agrees with event-ruler pattern by pattern", async () => {
    const problems: string[] = [];
    const mismatches: Disagreement[] = [];
    let checkedEvents = 0;
    let matchedKeys = 0;
    for (let g = 0; g < INDEX_GROUPS; g++) {
      const group = pairs.slice(g * INDEX_GROUP_SIZE, (g + 1) * INDEX_GROUP_SIZE);
      const events: JsonObject[] = group.map((p) => p.event);
      // One oracle verdict per (pattern, event): EventBridge evaluates every rule independently.
      const cross = await oracle.judge(
        group.flatMap((p) => events.map((event) => ({ pattern: p.pattern, event }))),
      );
      const index = new PatternIndex<number>();
      const added: { key: number; pattern: Json }[] = [];
      group.forEach((p, k) => {
        const firstVerdict = cross[k * events.length];
        const oracleAccepts = firstVerdict !== undefined && "result" in firstVerdict;
        let threw: unknown = null;
        try {
          index.add(k, p.pattern);
        } catch (error) {
          threw = error;
        }
        if (oracleAccepts && threw !== null) {
          problems.push(
            `group ${g}: add(${k}, ${show(p.pattern)}) threw ${String(threw)} but event-ruler accepts it`,
          );
        } else if (!oracleAccepts && threw === null) {
          problems.push(`group ${g}: add(${k}, ${show(p.pattern)}) accepted a pattern event-ruler rejects`);
        }
        if (threw === null) added.push({ key: k, pattern: p.pattern });
      });
      events.forEach((event, e) => {
        const expected = added
          .filter(({ key }) => {
            const v = cross[key * events.length + e];
            return v !== undefined && "result" in v && v.result;
          })
          .map(({ key }) => key)
          .sort((a, b) => a - b);
        let got: number[];
        try {
          got = index.match(event);
        } catch (error) {
          problems.push(`group ${g}: match(${show(event)}) threw ${String(error)}`);
          return;
        }
        checkedEvents++;
        matchedKeys += expected.length;
        const sorted = [...got].sort((a, b) => a - b);
        if (new Set(sorted).size !== sorted.length) {
          problems.push(`group ${g}: match(${show(event)}) returned duplicate keys ${show(sorted)}`);
        }
        const unique = new Set(sorted);
        // Each key the index gets wrong is one disagreement on that key's pattern and this event.
        for (const { key, pattern } of added) {
          const oracleVerdict = cross[key * events.length + e];
          if (oracleVerdict === undefined || !("result" in oracleVerdict)) continue;
          if (unique.has(key) === oracleVerdict.result) continue;
          mismatches.push({
            kind: "match",
            label: `PatternIndex group ${g}, key ${key}`,
            pattern,
            event,
            ours: { result: unique.has(key) },
            oracle: oracleVerdict,
          });
        }
      });
    }
    await explainKnownDifferences(oracle, mismatches);
    const documented = mismatches.filter((d) => d.knownDifference !== undefined).length;
    for (const d of mismatches.filter((m) => m.knownDifference === undefined)) {
      problems.push(
        `${describeDisagreement(d)}\n    (the index says ${"result" in d.ours && d.ours.result ? "match" : "no match"})`,
      );
    }
    process.stdout.write(
      `PatternIndex: ${INDEX_GROUPS} indexes of ${INDEX_GROUP_SIZE} patterns, ${checkedEvents} events, ` +
        `${matchedKeys} expected matches, ${documented} differences excused as documented\n`,
    );
    expect(matchedKeys).toBeGreaterThan(INDEX_GROUPS * INDEX_GROUP_SIZE);
    expect(
      problems.slice(0, 20),
      `${problems.length} PatternIndex disagreements:\n${problems.slice(0, 20).join("\n")}`,
    ).toEqual([]);
  });
});
