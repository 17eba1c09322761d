import { compileCondition } from "../../engine/condition/index.js";
import { jsonLogic } from "../../engine/condition/json-logic.js";

/** The smallest part of a `when` that was false, with the values its variables had. */
export interface ConditionMiss {
  /** The false sub-expression, as written in the rule. */
  expression: unknown;
  /** Each variable the sub-expression reads directly, with its value (`null` when absent). */
  inputs: Record<string, unknown>;
}

/**
 * Descends into `and` (the first false operand), `!`/`!!` and `if` (the branch taken) while a
 * smaller sub-expression is still false, so the report points at e.g. one `==` instead of the
 * whole condition. `or` is reported whole: every alternative failed, none is more to blame.
 * Truthiness comes from compileCondition, the same evaluator the engine uses.
 */
export function explainCondition(logic: unknown, data: Record<string, unknown>): ConditionMiss | undefined {
  if (holds(logic, data)) return undefined;
  const expression = smallestFalse(logic, data);
  return { expression, inputs: inputsOf(expression, data) };
}

function holds(logic: unknown, data: Record<string, unknown>): boolean {
  return compileCondition(logic).evaluate(data);
}

function smallestFalse(logic: unknown, data: Record<string, unknown>): unknown {
  const op = operatorOf(logic);
  if (!op) return logic;
  const args = argsOf(logic, op);
  if (op === "and") {
    const first = args.find((a) => !holds(a, data));
    return first === undefined ? logic : smallestFalse(first, data);
  }
  if (op === "if" || op === "?:") {
    // Only the branch taken decided the result; conditions are at even indices, the else last.
    for (let i = 0; i + 1 < args.length; i += 2) {
      if (holds(args[i], data)) return smallestFalse(args[i + 1], data);
    }
    return args.length % 2 === 1 ? smallestFalse(args[args.length - 1], data) : logic;
  }
  return logic;
}

function operatorOf(logic: unknown): string | undefined {
  if (logic === null || typeof logic !== "object" || Array.isArray(logic)) return undefined;
  const keys = Object.keys(logic);
  return keys.length === 1 ? keys[0] : undefined;
}

function argsOf(logic: unknown, op: string): unknown[] {
  const raw = (logic as Record<string, unknown>)[op];
  return Array.isArray(raw) ? raw : [raw];
}

/** Values of the `var`s anywhere under the expression, read with the engine's safe `var`. */
function inputsOf(logic: unknown, data: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const n of node) visit(n);
      return;
    }
    const op = operatorOf(node);
    if (!op) return;
    if (op === "var") {
      const arg = argsOf(node, op)[0];
      if (typeof arg === "string" || typeof arg === "number")
        out[String(arg)] = jsonLogic.apply({ var: arg }, data);
      return;
    }
    visit((node as Record<string, unknown>)[op]);
  };
  visit(logic);
  return out;
}
