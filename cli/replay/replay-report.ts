import type { ReplayCounts } from "./replay-totals.js";
import type { RuleCounts, RuleTally } from "./rule-tally.js";

/** How a rule's counts differ between the base rule set and the pull request's. */
export type RuleChange = "added" | "removed" | "changed" | "unchanged";

export interface RuleReport extends RuleCounts {
  rule: string;
  file: string;
  samples: string[];
  firstFailure?: { event: string; message: string };
  /** With --base-rules: the base's counts, and how this rule changed. */
  base?: RuleCounts;
  change?: RuleChange;
}

/** The JSON replay prints: one object (see `rulebridge replay --help`). */
export interface ReplayReport {
  events: number;
  /** Events some rule (of --rules) matched. */
  matchedEvents: number;
  invalid: number;
  /** The first invalid inputs, with their places. */
  invalidInputs: { origin: string; message: string }[];
  /** Events naming a rule that is not loaded (deploy's `{rule, event}`). */
  unknownRule: number;
  rules: RuleReport[];
  /** With --base-rules: how many rules were added, removed, and changed in what they do. */
  difference?: { added: number; removed: number; changed: number };
}

const ZERO: RuleCounts = { matched: 0, conditionHeld: 0, actionsPlanned: 0, failed: 0 };

function counts(t: RuleCounts): RuleCounts {
  return {
    matched: t.matched,
    conditionHeld: t.conditionHeld,
    actionsPlanned: t.actionsPlanned,
    failed: t.failed,
  };
}

function sameCounts(a: RuleCounts, b: RuleCounts): boolean {
  return (
    a.matched === b.matched &&
    a.conditionHeld === b.conditionHeld &&
    a.actionsPlanned === b.actionsPlanned &&
    a.failed === b.failed
  );
}

function ruleReport(t: RuleTally): RuleReport {
  return {
    rule: t.rule,
    file: t.file,
    ...counts(t),
    samples: t.samples,
    ...(t.firstFailure ? { firstFailure: t.firstFailure } : {}),
  };
}

/** The report of a finished pass: head's rules in order, then rules only the base has. */
export function replayReport(pass: ReplayCounts): ReplayReport {
  const report: ReplayReport = {
    events: pass.events,
    matchedEvents: pass.matchedEvents,
    invalid: pass.invalid,
    invalidInputs: pass.invalidSamples,
    unknownRule: pass.head.tallies.unknownRule,
    rules: [],
  };
  const base = pass.base?.tallies;
  if (!base) {
    report.rules = pass.head.tallies.tallies.map(ruleReport);
    return report;
  }
  const difference = { added: 0, removed: 0, changed: 0 };
  for (const t of pass.head.tallies.tallies) {
    const b = base.get(t.rule);
    const change: RuleChange = !b ? "added" : sameCounts(t, b) ? "unchanged" : "changed";
    if (change !== "unchanged") difference[change]++;
    report.rules.push({ ...ruleReport(t), base: b ? counts(b) : ZERO, change });
  }
  for (const b of base.tallies) {
    if (pass.head.tallies.get(b.rule)) continue;
    difference.removed++;
    report.rules.push({
      rule: b.rule,
      file: b.file,
      ...ZERO,
      samples: [],
      base: counts(b),
      change: "removed",
    });
  }
  report.difference = difference;
  return report;
}

/** Failures of the head rule set (the base's are context, not this change's fault). */
export function reportFailed(report: ReplayReport): number {
  return report.rules.reduce((n, r) => n + r.failed, 0);
}
