import { PARITY_DIFFERENCES } from "../../../engine/pattern/index.js";
import type { Oracle } from "../../support/event-ruler-oracle.js";
import type { Disagreement } from "./differential.js";
import { isOrGroup } from "./generators.js";
import { isJsonObject, type Json, objectOf } from "./json.js";

/**
 * Recognisers for deliberate EventBridge-vs-event-ruler differences that engine/pattern documents
 * in PARITY_DIFFERENCES. A disagreement with the oracle is excused only when the engine declares the
 * difference AND a recogniser here proves the disagreement is an instance of it; every other
 * disagreement fails the conformance suite. A newly documented difference therefore needs a
 * recogniser here before its disagreements stop failing (on purpose: someone must look at it).
 *
 * The recognisers for event-ruler's own bugs do not guess from the pattern's shape alone: they ask
 * the oracle again in a form the bug cannot affect — every sub-rule of the pattern as a pattern of
 * its own (no sharing between sub-rules), one matcher per field at a time — and excuse the
 * disagreement only when that answer (the pattern's meaning) is rulebridge's.
 */

function startsWithStarWildcard(m: Json): boolean {
  if (!isJsonObject(m)) return false;
  if (typeof m.wildcard === "string") return m.wildcard.startsWith("*");
  const but = m["anything-but"];
  if (isJsonObject(but)) {
    const w = but.wildcard;
    return (typeof w === "string" ? [w] : Array.isArray(w) ? w : []).some(
      (x) => typeof x === "string" && x.startsWith("*"),
    );
  }
  return false;
}

/** Matchers that a preceding *-leading wildcard corrupts (see hasWildcardInterference). */
function isWildcardVictim(m: Json): boolean {
  if (!isJsonObject(m)) return false;
  if ("equals-ignore-case" in m || "suffix" in m) return true;
  if (isJsonObject(m.prefix) && "equals-ignore-case" in m.prefix) return true;
  const but = m["anything-but"];
  return isJsonObject(but) && ("equals-ignore-case" in but || "suffix" in but || "wildcard" in but);
}

/**
 * event-ruler (1.8.1 through 2.1.0) bug: when a field first gets a wildcard (or anything-but wildcard)
 * starting with "*", a later equals-ignore-case / suffix matcher on the same field (also their
 * prefix/suffix/anything-but forms; also across "$or" sub-rules, which share the field's machine, so
 * a field outside an "$or" that every sub-rule copies counts too) is corrupted in the byte machine.
 * E.g. {"a":[{"wildcard":"*b"},{"equals-ignore-case":"x"}]} matches {"a":"q"}, and
 * {"a":[{"wildcard":"*x"},{"suffix":"é"}]} matches {"a":"è"}. The other order behaves.
 */
export function hasWildcardInterference(pattern: Json): boolean {
  // The order event-ruler adds matchers to a field's byte machine: sub-rule by sub-rule, fields in
  // sorted order within a sub-rule, matchers in list order within a field.
  const rules = subRules(pattern);
  if (rules === null) return false;
  const seenStar = new Set<string>();
  for (const rule of rules) {
    for (const path of [...rule.keys()].sort()) {
      for (const m of rule.get(path) ?? []) {
        if (isWildcardVictim(m) && seenStar.has(path)) return true;
        if (startsWithStarWildcard(m)) seenStar.add(path);
      }
    }
  }
  return false;
}

/**
 * The sub-rules event-ruler's JsonRuleCompiler makes of a pattern: each "$or" forks the rules built
 * so far, one copy per branch; a path set twice in one sub-rule keeps the last value. Each sub-rule
 * maps a flattened field path to its matchers. Null when the expansion is implausibly large.
 */
export function subRules(pattern: Json, limit = 4096): Map<string, Json[]>[] | null {
  let rules: Map<string, Json[]>[] = [];
  let tooMany = false;
  const walk = (node: Json, prefix: string, into: Map<string, Json[]>[]): Map<string, Json[]>[] => {
    let current = into;
    if (!isJsonObject(node)) return current;
    for (const [key, value] of Object.entries(node)) {
      if (key === "$or" && isOrGroup(value)) {
        const base = current.length > 0 ? current : [new Map<string, Json[]>()];
        const next: Map<string, Json[]>[] = [];
        for (const branch of value) {
          next.push(
            ...walk(
              branch,
              prefix,
              base.map((rule) => new Map(rule)),
            ),
          );
          if (next.length > limit) tooMany = true;
        }
        current = next;
      } else if (Array.isArray(value)) {
        if (current.length === 0) current = [new Map<string, Json[]>()];
        for (const rule of current) rule.set(prefix + key, value);
      } else if (isJsonObject(value)) {
        current = walk(value, `${prefix}${key}.`, current);
      }
      if (tooMany) return current;
    }
    return current;
  };
  rules = walk(pattern, "", rules);
  return tooMany ? null : rules;
}

/** Every way to keep one matcher per field of a sub-rule, as flat patterns; null past `limit`. */
function singleMatcherPatterns(rule: Map<string, Json[]>, limit: number): Json[] | null {
  let combos: [string, Json][][] = [[]];
  for (const [path, matchers] of rule) {
    if (combos.length * matchers.length > limit) return null;
    combos = combos.flatMap((combo) => matchers.map((m): [string, Json][] => [...combo, [path, [m]]]));
  }
  return combos.map((combo) => objectOf(combo));
}

/** A matcher's identity for comparing value lists (object keys sorted). */
function canonical(m: Json): string {
  if (Array.isArray(m)) return `[${m.map(canonical).join(",")}]`;
  if (isJsonObject(m)) {
    return `{${Object.keys(m)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(m[k] ?? null)}`)
      .join(",")}}`;
  }
  return JSON.stringify(m);
}

/**
 * Two sub-rules of the pattern give some field overlapping value lists (at least one matcher in
 * common): the shape of event-ruler's sub-rule interference (see SUB_RULE_INTERFERENCE).
 */
export function hasSubRuleOverlap(pattern: Json): boolean {
  const rules = subRules(pattern);
  if (rules === null) return false;
  const seen = new Map<string, Set<string>[]>();
  for (const rule of rules) {
    for (const [path, matchers] of rule) {
      const mine = new Set(matchers.map(canonical));
      const earlier = seen.get(path) ?? [];
      if (earlier.some((list) => list !== mine && [...mine].some((m) => list.has(m)))) return true;
      earlier.push(mine);
      seen.set(path, earlier);
    }
  }
  return false;
}

/** The event's leaf values by dotted path (arrays are transparent), as event-ruler flattens it. */
function leafValues(event: Json, prefix = "", into = new Map<string, Json[]>()): Map<string, Json[]> {
  if (Array.isArray(event)) {
    for (const item of event) leafValues(item, prefix, into);
  } else if (isJsonObject(event)) {
    for (const [key, value] of Object.entries(event))
      leafValues(value, prefix === "" ? key : `${prefix}.${key}`, into);
  } else {
    const list = into.get(prefix) ?? [];
    list.push(event);
    into.set(prefix, list);
  }
  return into;
}

/**
 * The event's value at some field of the pattern equals a plain string listed for that field, and
 * that field has a numeric matcher somewhere in the pattern (see STRING_BESIDE_NUMERIC_RANGE).
 */
export function hasStringBesideNumericRange(pattern: Json, event: Json): boolean {
  const rules = subRules(pattern);
  if (rules === null) return false;
  const numericPaths = new Set<string>();
  for (const rule of rules) {
    for (const [path, matchers] of rule) {
      if (matchers.some((m) => isJsonObject(m) && "numeric" in m)) numericPaths.add(path);
    }
  }
  const values = leafValues(event);
  return rules.some((rule) =>
    [...rule].some(
      ([path, matchers]) =>
        numericPaths.has(path) &&
        matchers.some((m) => typeof m === "string" && (values.get(path) ?? []).includes(m)),
    ),
  );
}

/**
 * What event-ruler answers when none of its known interference bugs can play: the pattern is
 * expanded into its sub-rules, each sub-rule into every choice of one matcher per field, and the
 * answer is the OR of event-ruler's answers on those single-matcher patterns — which is what the
 * pattern means, since fields AND and a field's matchers OR. Null when the pattern cannot be
 * expanded within `limit` probes, or a probe is rejected.
 */
export async function isolatedVerdicts(
  oracle: Oracle,
  items: readonly { pattern: Json; event: Json }[],
  limit = 512,
): Promise<(boolean | null)[]> {
  const expanded = items.map(({ pattern }): Json[] | null => {
    const rules = subRules(pattern);
    if (rules === null || rules.length === 0) return null;
    const out: Json[] = [];
    for (const rule of rules) {
      const singles = singleMatcherPatterns(rule, limit - out.length);
      if (singles === null) return null;
      out.push(...singles);
    }
    return out;
  });
  const probes = items.flatMap(({ event }, i) => (expanded[i] ?? []).map((pattern) => ({ pattern, event })));
  const verdicts = await oracle.judge(probes);
  let next = 0;
  return expanded.map((patterns) => {
    if (patterns === null) return null;
    const mine = verdicts.slice(next, next + patterns.length);
    next += patterns.length;
    if (mine.some((v) => !("result" in v))) return null;
    return mine.some((v) => "result" in v && v.result);
  });
}

/**
 * event-ruler (1.8.1 through 2.1.0) bug: when two sub-rules of a pattern (two "$or" branches, or a
 * field outside an "$or", which every branch copies) give the same field overlapping matchers, a value
 * the field should match is missed for a varying share of identical requests (identity hash codes).
 * E.g. {"$or":[{"c":["q"]},{"c":["ab","q"]}]} vs {"c":"ab"}: a match about half of the time. When
 * every value of the later sub-rule leads to the state of an earlier one, the later sub-rule is
 * dropped as a duplicate every time: {"$or":[{"a":["x"]},{"a":["x","y"]}]} never matches {"a":"y"}.
 * Excused (when declared) where event-ruler misses and rulebridge gives the pattern's meaning.
 */
export const SUB_RULE_INTERFERENCE = "event-ruler-sub-rule-interference";
/** See hasWildcardInterference. */
export const WILDCARD_INTERFERENCE = "event-ruler-wildcard-interference";
/**
 * event-ruler (2.1.0) bug: in a single rule, a field listing a literal, then a numeric range open
 * below, then another string matcher misses the literal for a varying share of identical requests.
 * E.g. {"b":["x",{"numeric":["<",0]},{"equals-ignore-case":"y"}]} vs {"b":"x"}: a match about half
 * of the time. (Other orders behave.)
 */
export const FIELD_INTERFERENCE = "event-ruler-field-interference"; // handled as UNSTABLE
/**
 * engine/pattern's name for the field interference above, in the shape it documents: a plain string
 * value of a field lost beside a numeric range. Excused (when declared) where event-ruler misses and
 * rulebridge gives the pattern's meaning, however event-ruler's coin fell on the repeats.
 */
export const STRING_BESIDE_NUMERIC_RANGE = "string-value-beside-numeric-range";
/**
 * event-ruler's two array-consistent finders disagree: the default StructuredFinder (2.x) and the
 * older ACFinder answer differently, e.g. when a literal dotted event key ("b.c") collides with a
 * path through an array ({"b":[{"c":…}]}). Excused when rulebridge gives ACFinder's answer.
 */
export const FINDER_DISAGREEMENT = "event-ruler-finder-disagreement";

const declared = (): Set<string> => new Set(PARITY_DIFFERENCES.map((difference) => difference.id));

/**
 * Sets `knownDifference` on the disagreements a declared, recognised difference explains. Only
 * match disagreements on patterns JsonRuleCompiler accepts are candidates.
 */
export async function explainKnownDifferences(
  oracle: Oracle,
  ds: readonly Disagreement[],
  ids: ReadonlySet<string> = declared(),
): Promise<void> {
  const candidates = ds.filter(
    (d) =>
      d.kind === "match" &&
      d.knownDifference === undefined &&
      "result" in d.ours &&
      "result" in d.oracle &&
      d.oracle.compiler !== "RuleCompiler",
  );
  if (candidates.length === 0) return;
  const items = candidates.map((d) => ({ pattern: d.pattern as Json, event: d.event as Json }));
  const [meaning, again] = await Promise.all([
    isolatedVerdicts(oracle, items),
    oracle.judge(items.flatMap((item) => Array.from({ length: REPEATS }, () => item))),
  ]);
  candidates.forEach((d, i) => {
    if (!("result" in d.ours) || !("result" in d.oracle)) return;
    const ours = d.ours.result;
    const answers = [d.oracle, ...again.slice(i * REPEATS, (i + 1) * REPEATS)];
    const matches = answers.filter((v) => "result" in v && v.result).length;
    const pattern = d.pattern as Json;
    if (matches > 0 && matches < answers.length) {
      // event-ruler answers both ways: hold rulebridge to what the pattern means.
      d.unstable = { matches, of: answers.length, meaning: meaning[i] ?? null };
      if (meaning[i] === ours) d.knownDifference = UNSTABLE;
    } else if (ids.has(WILDCARD_INTERFERENCE) && hasWildcardInterference(pattern) && meaning[i] === ours) {
      d.knownDifference = WILDCARD_INTERFERENCE;
    } else if (ids.has(SUB_RULE_INTERFERENCE) && ours && hasSubRuleOverlap(pattern) && meaning[i] === ours) {
      d.knownDifference = SUB_RULE_INTERFERENCE;
    } else if (
      ids.has(STRING_BESIDE_NUMERIC_RANGE) &&
      ours &&
      hasStringBesideNumericRange(pattern, d.event as Json) &&
      meaning[i] === ours
    ) {
      d.knownDifference = STRING_BESIDE_NUMERIC_RANGE;
    } else if (ids.has(FINDER_DISAGREEMENT) && d.oracle.acFinder === ours) {
      d.knownDifference = FINDER_DISAGREEMENT;
    }
  });
}

const REPEATS = 8;

/**
 * Not a PARITY_DIFFERENCES id: a disagreement on a pair event-ruler itself answers both ways (see
 * SUB_RULE_INTERFERENCE, FIELD_INTERFERENCE) is excused whenever rulebridge gives the pattern's
 * meaning — exact agreement with a coin toss is impossible, and the meaning is the documented behaviour.
 */
export const UNSTABLE = "event-ruler-unstable";

const RECOGNISED: ReadonlySet<string> = new Set([
  WILDCARD_INTERFERENCE,
  SUB_RULE_INTERFERENCE,
  STRING_BESIDE_NUMERIC_RANGE,
  FINDER_DISAGREEMENT,
]);

/** Declared differences that no recogniser here covers (reported by the suite). */
export function unrecognisedDifferences(): string[] {
  return PARITY_DIFFERENCES.map((difference) => difference.id).filter((id) => !RECOGNISED.has(id));
}
