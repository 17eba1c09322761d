import type { GiveUpReason } from "./retry.js";

/**
 * What executing one event did: every rule decision and every action's result. This is what the
 * log line, the metrics and the Lambda response are made from. It never holds a secret: the
 * executor passes it through the redactor before anyone sees it.
 */

export type ActionStatus =
  | "changed"
  | "unchanged"
  | "failed"
  /** Already ran for this (event, rule, action) — a replay or redelivery; not run again. */
  | "skipped-duplicate"
  /** Another invocation holds the lock and is running it now; that invocation owns the outcome. */
  | "skipped-in-progress"
  /** Its params could not be rendered (e.g. a missing variable): it never ran. */
  | "render-error";

interface ActionOutcomeBase {
  index: number;
  type: string;
  /** Calls of the action's `run` (0 when it did not run). */
  attempts: number;
  durationMs: number;
  /** Something the operator should know that did not change the status (e.g. result not recorded). */
  warning?: string;
}

export type ActionRunOutcome =
  | (ActionOutcomeBase & {
      status: "changed" | "unchanged";
      summary: string;
      detail?: Record<string, unknown>;
    })
  | (ActionOutcomeBase & {
      status: "skipped-duplicate";
      /** The recorded result of the earlier run. */
      previous: { status: "changed" | "unchanged"; summary: string };
    })
  | (ActionOutcomeBase & { status: "skipped-in-progress" })
  | (ActionOutcomeBase & {
      status: "failed";
      error: string;
      /** Whether a later delivery could succeed (the last cause was retryable, e.g. time ran out). */
      retryable: boolean;
      /** Why retrying stopped while the cause was retryable (time ran out, attempts used up). */
      gaveUp?: Exclude<GiveUpReason, "not-retryable">;
    })
  | (ActionOutcomeBase & { status: "render-error"; error: string });

export interface RuleOutcome {
  rule: string;
  file: string;
  /** `true` when `when` held (or there is none), `false` when it did not, `error` when it failed. */
  condition: boolean | "error";
  conditionError?: string;
  /** One per action, in order; empty unless the condition held. */
  actions: ActionRunOutcome[];
}

export interface OutcomeTotals {
  /** Rules whose pattern matched (or the one rule the input named). */
  matched: number;
  /** Matched rules whose condition held. */
  conditionTrue: number;
  conditionErrors: number;
  actions: Record<ActionStatus, number>;
}

export interface EventOutcome {
  eventId: string | null;
  source: string | null;
  detailType: string | null;
  /** Where the event came from (`sqs:<messageId>`, `sns:<messageId>`, a file name, …). */
  origin: string;
  /** The rule the input named (deploy's `{rule, event}`), when it named one. */
  rule?: string;
  /** Named by the input but not loaded (unknown or disabled): a deploy mismatch, reported as a failure. */
  unknownRule?: string;
  decisions: RuleOutcome[];
  totals: OutcomeTotals;
  durationMs: number;
  /** The engine itself failed on this event (a bug: it promises not to); the event fails. */
  error?: string;
  /**
   * Whether this event should be delivered again (or land in the DLQ): an action finally failed
   * or could not render, a condition failed to evaluate, or the named rule is not loaded.
   */
  failed: boolean;
}

/** Statuses that count as the action having done its job (now or earlier). */
export const SUCCEEDED_STATUSES: ReadonlySet<ActionStatus> = new Set(["changed", "unchanged"]);
/** Statuses that make the event fail. */
export const FAILED_STATUSES: ReadonlySet<ActionStatus> = new Set(["failed", "render-error"]);

export function emptyActionCounts(): Record<ActionStatus, number> {
  return {
    changed: 0,
    unchanged: 0,
    failed: 0,
    "skipped-duplicate": 0,
    "skipped-in-progress": 0,
    "render-error": 0,
  };
}

export function totalsOf(decisions: readonly RuleOutcome[]): OutcomeTotals {
  const totals: OutcomeTotals = {
    matched: decisions.length,
    conditionTrue: 0,
    conditionErrors: 0,
    actions: emptyActionCounts(),
  };
  for (const d of decisions) {
    if (d.condition === true) totals.conditionTrue++;
    if (d.condition === "error") totals.conditionErrors++;
    for (const a of d.actions) totals.actions[a.status]++;
  }
  return totals;
}

/** The event failed as a whole: see `EventOutcome.failed`. */
export function outcomeFailed(totals: OutcomeTotals, unknownRule: string | undefined): boolean {
  return (
    unknownRule !== undefined ||
    totals.conditionErrors > 0 ||
    totals.actions.failed > 0 ||
    totals.actions["render-error"] > 0
  );
}
