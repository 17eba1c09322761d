import type { AdditionalOperation, RulesLogic } from "json-logic-js";
import { BudgetExceededError, EvaluationBudget } from "../evaluation-budget.js";
import { type ConditionIssue, checkCondition } from "./check-condition.js";
import { compileFastLogic } from "./fast-logic.js";
import { jsonLogic, withinBudget } from "./json-logic.js";

export interface CompiledCondition {
  /**
   * JSON Logic truthiness of the condition against `data` (false, null, 0, "" and [] are false).
   * Throws ConditionError when evaluation itself fails; never returns false to hide a failure.
   * `budget` is the event's (shared by its rules); by default the condition gets a budget of its own.
   */
  evaluate(data: Record<string, unknown>, budget?: EvaluationBudget): boolean;
}

/** The condition was rejected by checkCondition; every issue is listed. */
export class InvalidConditionError extends Error {
  override readonly name = "InvalidConditionError";
  readonly issues: readonly ConditionIssue[];

  constructor(issues: readonly ConditionIssue[]) {
    super(`invalid condition: ${issues.map((i) => `${i.message} (at ${pathText(i.path)})`).join("; ")}`);
    this.issues = issues;
  }
}

/**
 * A valid condition failed while evaluating against an event, e.g. comparing data that cannot be
 * turned into a number or string. Deliberately an error rather than `false`: "the condition did not
 * hold" and "the condition could not be evaluated" are different outcomes, and the engine reports
 * the second (decision `condition: "error"` with this message) instead of silently skipping actions.
 */
export class ConditionError extends Error {
  override readonly name = "ConditionError";

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** Checks and compiles a condition; throws InvalidConditionError when checkCondition finds anything. */
export function compileCondition(logic: unknown): CompiledCondition {
  const issues = checkCondition(logic);
  if (issues.length > 0) throw new InvalidConditionError(issues);
  // A private, frozen copy: later changes to the rule object cannot change a compiled condition.
  const frozen = deepFreeze(structuredClone(logic)) as RulesLogic<AdditionalOperation>;
  const fast = compileFastLogic(frozen);
  return {
    evaluate(data: Record<string, unknown>, budget = new EvaluationBudget()): boolean {
      try {
        if (fast !== undefined) {
          budget.checkTime();
          return jsonLogic.truthy(fast(data));
        }
        return withinBudget(budget, () => jsonLogic.truthy(jsonLogic.apply(frozen, data)));
      } catch (err) {
        if (err instanceof BudgetExceededError) {
          throw new ConditionError(`condition stopped: ${err.message}`, { cause: err });
        }
        const reason = err instanceof Error ? err.message : String(err);
        throw new ConditionError(`condition could not be evaluated: ${reason}`, { cause: err });
      }
    },
  };
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === "object") {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

function pathText(path: readonly (string | number)[]): string {
  return path.length === 0 ? "(root)" : path.map((p) => (typeof p === "number" ? `[${p}]` : p)).join(".");
}
