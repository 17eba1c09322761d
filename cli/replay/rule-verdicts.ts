import type { CompiledAction, CompiledRule } from "../../engine/compile/rule-compiler.js";
import type { DecisionSink } from "../../engine/engine.js";

/**
 * One event's decisions as replay counts them, filled by Engine.decideInto: per matched rule, its
 * condition, how many actions were planned and how many failed, and the first failure's message
 * (as RuleTallies words it). Kept in arrays reused from event to event, so counting an event
 * builds no decision or outcome objects; valid until the next `reset`.
 */
export class RuleVerdicts implements DecisionSink {
  /** Rules decided since the last reset. */
  length = 0;
  readonly names: string[] = [];
  readonly conditions: (boolean | "error")[] = [];
  readonly planned: number[] = [];
  readonly failed: number[] = [];
  /** The rule's first failure's message, or undefined when it has none. */
  readonly firstFailures: (string | undefined)[] = [];

  reset(): void {
    this.length = 0;
  }

  rule(
    at: number,
    rule: Pick<CompiledRule, "name">,
    condition: boolean | "error",
    conditionError: string | undefined,
  ): void {
    this.length = at + 1;
    this.names[at] = rule.name;
    this.conditions[at] = condition;
    this.planned[at] = 0;
    if (condition === "error") {
      this.failed[at] = 1;
      this.firstFailures[at] = `when: ${conditionError ?? "error"}`;
    } else {
      this.failed[at] = 0;
      this.firstFailures[at] = undefined;
    }
  }

  action(at: number, action: Pick<CompiledAction, "index" | "type">, error: string | undefined): void {
    if (error === undefined) {
      this.planned[at] = (this.planned[at] as number) + 1;
      return;
    }
    const failed = this.failed[at] as number;
    if (failed === 0) this.firstFailures[at] = `action ${action.index} (${action.type}): ${error}`;
    this.failed[at] = failed + 1;
  }

  /** Whether any rule's condition or action failed. */
  get anyFailed(): boolean {
    for (let i = 0; i < this.length; i++) if ((this.failed[i] as number) > 0) return true;
    return false;
  }
}
