import { checkPattern, matchPattern } from "../../../engine/pattern/index.js";
import type { ExplainedVerdict, Oracle } from "../../support/event-ruler-oracle.js";
import { isJsonObject, type Json, show } from "./json.js";
import { explainKnownDifferences } from "./parity.js";

/** One pattern/event pair under test, with where it came from. */
export interface Case {
  pattern: unknown;
  event: unknown;
  /** Where the pair comes from (data file and index, doc URL, seed and index…). */
  label: string;
}

/** rulebridge's verdict, in the oracle's terms. */
export type OurVerdict = { result: boolean } | { error: string };

export type DisagreementKind =
  /** one side accepts the pattern, the other rejects it */
  | "accept/reject"
  /** both accept the pattern but disagree on the match */
  | "match"
  /** checkPattern and matchPattern contradict each other */
  | "internal";

export interface Disagreement {
  kind: DisagreementKind;
  label: string;
  pattern: unknown;
  event: unknown;
  ours: OurVerdict;
  oracle: ExplainedVerdict;
  /** Set when a documented, deliberate parity difference (engine/pattern PARITY_DIFFERENCES) explains it. */
  knownDifference?: string;
  /** Set when event-ruler answers this pair both ways: its share of matches, and what the pattern means. */
  unstable?: { matches: number; of: number; meaning: boolean | null };
  /** Set when the pair was shrunk from a bigger generated one. */
  shrunkFrom?: { pattern: unknown; event: unknown };
}

export interface Comparison {
  total: number;
  oracleMatches: number;
  oracleNoMatches: number;
  oracleRejects: number;
  /** Disagreements nobody documented (expectAgreement moves the documented ones out): the test fails on any. */
  disagreements: Disagreement[];
  /** Disagreements explained by a documented parity difference (reported, not failed). */
  documented: Disagreement[];
  /** Pairs both sides reject, and how many of those give event-ruler's very reason (informational). */
  bothReject: number;
  sameReason: number;
  /** A few (event-ruler's reason, rulebridge's reason) pairs that differ, for eyeballing. */
  reasonSamples: [string, string][];
}

/** rulebridge's verdict for one pair, checking that checkPattern and matchPattern agree. */
export function ourVerdict(pattern: unknown, event: unknown): OurVerdict & { inconsistency?: string } {
  let problem: ReturnType<typeof checkPattern>;
  try {
    problem = checkPattern(pattern);
  } catch (error) {
    return { error: `checkPattern threw: ${String(error)}`, inconsistency: "checkPattern threw" };
  }
  if (problem !== null) {
    try {
      matchPattern(pattern, event);
    } catch {
      return { error: problem.message };
    }
    return {
      error: problem.message,
      inconsistency: "checkPattern rejects the pattern but matchPattern does not throw",
    };
  }
  try {
    const result = matchPattern(pattern, event);
    if (typeof result !== "boolean") {
      return {
        error: `matchPattern returned ${show(result)}`,
        inconsistency: "matchPattern returned a non-boolean",
      };
    }
    return { result };
  } catch (error) {
    return {
      error: `matchPattern threw: ${String(error)}`,
      inconsistency: "checkPattern accepts the pattern but matchPattern throws",
    };
  }
}

function disagreementKind(
  ours: OurVerdict & { inconsistency?: string },
  oracle: ExplainedVerdict,
): DisagreementKind | null {
  if (ours.inconsistency) return "internal";
  const ourAccept = "result" in ours;
  const oracleAccept = "result" in oracle;
  if (ourAccept !== oracleAccept) return "accept/reject";
  if ("result" in ours && "result" in oracle && ours.result !== oracle.result) return "match";
  return null;
}

/** A verdict shape to compare shrunk candidates with the original disagreement. */
function signature(ours: OurVerdict, oracle: ExplainedVerdict, kind: DisagreementKind): string {
  const side = (v: OurVerdict | ExplainedVerdict): string => ("result" in v ? String(v.result) : "error");
  return `${kind}:${side(ours)}/${side(oracle)}`;
}

export async function compareWithOracle(oracle: Oracle, cases: readonly Case[]): Promise<Comparison> {
  return compareVerdicts(cases, await oracle.judge(cases.map(({ pattern, event }) => ({ pattern, event }))));
}

/** Compares rulebridge with verdicts the oracle already gave for `cases` (same order). */
export function compareVerdicts(cases: readonly Case[], verdicts: readonly ExplainedVerdict[]): Comparison {
  if (verdicts.length !== cases.length)
    throw new Error(`${verdicts.length} verdicts for ${cases.length} cases`);
  const comparison: Comparison = {
    total: cases.length,
    oracleMatches: 0,
    oracleNoMatches: 0,
    oracleRejects: 0,
    disagreements: [],
    documented: [],
    bothReject: 0,
    sameReason: 0,
    reasonSamples: [],
  };
  cases.forEach((c, i) => {
    const oracleVerdict = verdicts[i];
    if (!oracleVerdict) throw new Error(`the oracle gave no verdict for case ${i}`);
    if ("result" in oracleVerdict) {
      if (oracleVerdict.result) comparison.oracleMatches++;
      else comparison.oracleNoMatches++;
    } else {
      comparison.oracleRejects++;
    }
    const ours = ourVerdict(c.pattern, c.event);
    if ("error" in oracleVerdict && "error" in ours && !ours.inconsistency) {
      comparison.bothReject++;
      if (ours.error === oracleVerdict.error) comparison.sameReason++;
      else if (
        comparison.reasonSamples.length < 5 &&
        !comparison.reasonSamples.some(([theirs]) => theirs === oracleVerdict.error)
      ) {
        comparison.reasonSamples.push([oracleVerdict.error, ours.error]);
      }
    }
    const kind = disagreementKind(ours, oracleVerdict);
    if (kind === null) return;
    const disagreement: Disagreement = {
      kind,
      label: c.label,
      pattern: c.pattern,
      event: c.event,
      ours:
        "result" in ours
          ? { result: ours.result }
          : { error: ours.inconsistency ? `${ours.error} [${ours.inconsistency}]` : ours.error },
      oracle: oracleVerdict,
    };
    comparison.disagreements.push(disagreement);
  });
  return comparison;
}

// ---------------------------------------------------------------------------------------------
// Shrinking: make a disagreement as small as possible before showing it to a human.
// ---------------------------------------------------------------------------------------------

function shrinkValue(value: Json, budget: { left: number }): Json[] {
  const out: Json[] = [];
  const push = (candidate: Json): void => {
    if (budget.left-- > 0) out.push(candidate);
  };
  if (typeof value === "string") {
    const cps = Array.from(value);
    if (cps.length > 0) push("");
    if (cps.length > 2) push(cps.slice(0, Math.floor(cps.length / 2)).join(""));
    if (cps.length > 1) {
      push(cps.slice(0, -1).join(""));
      push(cps.slice(1).join(""));
    }
  } else if (typeof value === "number") {
    for (const n of [0, 1, Math.trunc(value)]) if (n !== value && !Object.is(n, value)) push(n);
  } else if (Array.isArray(value)) {
    if (value.length === 1 && value[0] !== undefined) push(value[0]);
    for (let i = 0; i < value.length; i++) push(value.filter((_, j) => j !== i));
    value.forEach((item, i) => {
      for (const smaller of shrinkValue(item, budget)) push(value.map((x, j) => (j === i ? smaller : x)));
    });
  } else if (isJsonObject(value)) {
    const keys = Object.keys(value);
    for (const key of keys) {
      const copy = { ...value };
      delete copy[key];
      push(copy);
    }
    // Hoist: an object child in place of its parent, an $or branch in place of the $or.
    for (const key of keys) {
      const item = value[key];
      if (isJsonObject(item)) push(item);
      if (key === "$or" && Array.isArray(item)) {
        for (const branch of item) {
          if (!isJsonObject(branch)) continue;
          const rest = { ...value };
          delete rest.$or;
          push({ ...rest, ...branch });
        }
      }
    }
    for (const key of keys) {
      const item = value[key];
      if (item === undefined) continue;
      for (const smaller of shrinkValue(item, budget)) push({ ...value, [key]: smaller });
    }
  }
  return out;
}

function size(pattern: unknown, event: unknown): number {
  return show(pattern).length + show(event).length;
}

/** Greedy shrinking of one disagreement, keeping the same kind and the same verdict on both sides. */
export async function shrink(oracle: Oracle, d: Disagreement, deadline: number): Promise<Disagreement> {
  const target = signature(d.ours, d.oracle, d.kind);
  let current = d;
  while (Date.now() < deadline) {
    const candidates: { pattern: Json; event: Json }[] = [];
    const budget = { left: 400 };
    for (const p of shrinkValue(current.pattern as Json, budget))
      candidates.push({ pattern: p, event: current.event as Json });
    for (const e of shrinkValue(current.event as Json, budget)) {
      if (isJsonObject(e)) candidates.push({ pattern: current.pattern as Json, event: e });
    }
    if (candidates.length === 0) break;
    const verdicts = await oracle.judge(candidates);
    let best: Disagreement | null = null;
    candidates.forEach((c, i) => {
      const oracleVerdict = verdicts[i];
      if (!oracleVerdict) return;
      const ours = ourVerdict(c.pattern, c.event);
      const kind = disagreementKind(ours, oracleVerdict);
      if (kind === null || signature(ours, oracleVerdict, kind) !== target) return;
      if (best !== null && size(c.pattern, c.event) >= size(best.pattern, best.event)) return;
      best = { ...current, pattern: c.pattern, event: c.event, ours, oracle: oracleVerdict };
    });
    if (best === null) break;
    current = best;
  }
  if (current === d) return d;
  const { unstable: _unstable, ...rest } = current;
  return { ...rest, shrunkFrom: { pattern: d.pattern, event: d.event } };
}

export async function shrinkAll(
  oracle: Oracle,
  disagreements: readonly Disagreement[],
  limit: number,
  budgetMs: number,
): Promise<Disagreement[]> {
  const deadline = Date.now() + budgetMs;
  const out: Disagreement[] = [];
  for (const d of disagreements.slice(0, limit)) out.push(await shrink(oracle, d, deadline));
  return out;
}

// ---------------------------------------------------------------------------------------------
// Reporting
// ---------------------------------------------------------------------------------------------

function verdictText(v: OurVerdict | ExplainedVerdict): string {
  return "result" in v ? (v.result ? "match" : "no match") : `rejected (${v.error})`;
}

export function describeDisagreement(d: Disagreement): string {
  const lines = [
    `  [${d.kind}] ${d.label}${d.knownDifference ? ` — documented difference ${d.knownDifference}` : ""}`,
    `    pattern: ${show(d.pattern)}`,
    `    event:   ${show(d.event)}`,
    `    ours:    ${verdictText(d.ours)}`,
    `    oracle:  ${verdictText(d.oracle)}${"compiler" in d.oracle && d.oracle.compiler ? ` [${d.oracle.compiler}]` : ""}`,
  ];
  if (d.unstable) {
    lines.push(
      `    (event-ruler answers both ways: ${d.unstable.matches}/${d.unstable.of} match; the pattern means: ` +
        `${d.unstable.meaning === null ? "?" : d.unstable.meaning ? "match" : "no match"})`,
    );
  }
  if (d.shrunkFrom)
    lines.push(
      `    (shrunk from pattern ${show(d.shrunkFrom.pattern)} and event ${show(d.shrunkFrom.event)})`,
    );
  return lines.join("\n");
}

export function summary(title: string, c: Comparison): string {
  const pct = (n: number): string => `${((100 * n) / Math.max(1, c.total)).toFixed(1)}%`;
  return (
    `${title}: ${c.total} pairs — oracle: ${c.oracleMatches} match (${pct(c.oracleMatches)}), ` +
    `${c.oracleNoMatches} no match (${pct(c.oracleNoMatches)}), ${c.oracleRejects} rejected (${pct(c.oracleRejects)}); ` +
    `${c.disagreements.length} disagreements, ${c.documented.length} explained by documented parity differences; ` +
    `${c.sameReason}/${c.bothReject} rejections give event-ruler's very reason`
  );
}

/** The failure message: counts by kind and the first disagreements, shrunk. */
export function report(title: string, c: Comparison, shown: readonly Disagreement[]): string {
  const byKind = new Map<string, number>();
  for (const d of c.disagreements) byKind.set(d.kind, (byKind.get(d.kind) ?? 0) + 1);
  return [
    summary(title, c),
    `by kind: ${[...byKind].map(([k, n]) => `${k}=${n}`).join(", ")}`,
    `first ${shown.length} (minimal JSON; "oracle" is event-ruler, i.e. what EventBridge does):`,
    ...shown.map(describeDisagreement),
  ].join("\n");
}

/**
 * Prints the summary; when there are undocumented disagreements, shrinks the first ones and
 * throws the report (so the test fails showing minimal reproductions).
 */
export async function expectAgreement(
  oracle: Oracle,
  title: string,
  c: Comparison,
  options: { show?: number; shrinkBudgetMs?: number } = {},
): Promise<void> {
  await explainKnownDifferences(oracle, c.disagreements);
  c.documented.push(...c.disagreements.filter((d) => d.knownDifference !== undefined));
  c.disagreements = c.disagreements.filter((d) => d.knownDifference === undefined);
  process.stdout.write(`${summary(title, c)}\n`);
  for (const [theirs, mine] of c.reasonSamples) {
    process.stdout.write(
      `  reason differs: event-ruler ${JSON.stringify(theirs)} / rulebridge ${JSON.stringify(mine)}\n`,
    );
  }
  for (const d of c.documented.slice(0, 5)) process.stdout.write(`${describeDisagreement(d)}\n`);
  if (c.disagreements.length === 0) return;
  const shown = await shrinkAll(
    oracle,
    c.disagreements,
    options.show ?? 20,
    options.shrinkBudgetMs ?? 10_000,
  );
  // Say which of the shown (shrunk) pairs event-ruler answers both ways.
  await explainKnownDifferences(oracle, shown);
  throw new Error(report(title, c, shown));
}
