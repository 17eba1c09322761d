import {
  argPath,
  asOperation,
  isPlainObject,
  type LogicPath,
  MAX_DEPTH,
  type Operation,
} from "./logic-shape.js";
import { FORBIDDEN_SEGMENTS, isKnownOperator, OPERATORS, REMOVED_OPERATORS } from "./operators.js";

export interface ConditionIssue {
  code: "UNKNOWN_LOGIC_OP" | "FORBIDDEN_LOGIC_VAR" | "INVALID_LOGIC";
  message: string;
  /** Where inside the logic document, e.g. `["and", 1, "var"]`. */
  path: (string | number)[];
}

/** Operators people reach for from other languages, and the JSON Logic spelling. */
const HINTS: Readonly<Record<string, string>> = {
  "=": "==",
  eq: "==",
  ne: "!=",
  "<>": "!=",
  "&&": "and",
  "||": "or",
  not: "!",
  gt: ">",
  lt: "<",
  gte: ">=",
  lte: "<=",
  contains: "in",
  startsWith: "in or substr",
  concat: "cat",
};

/**
 * Every problem in a `when` condition, found without evaluating it: operators that do not exist
 * (or were removed), wrong argument counts, objects that are neither data nor one operation, and
 * `var` paths that reach into prototypes. An empty list means `compileCondition` will accept it.
 */
export function checkCondition(logic: unknown): ConditionIssue[] {
  const issues: ConditionIssue[] = [];
  if (typeof logic === "boolean") return issues;
  if (!isPlainObject(logic)) {
    issues.push(invalid([], topLevelMessage(logic)));
    return issues;
  }
  visit(logic, [], 0, issues);
  return issues;
}

function visit(value: unknown, path: LogicPath, depth: number, issues: ConditionIssue[]): void {
  if (depth > MAX_DEPTH) {
    issues.push(invalid(path, `condition is nested more than ${MAX_DEPTH} levels deep`));
    return;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) visit(value[i], [...path, i], depth + 1, issues);
    return;
  }
  if (!isPlainObject(value)) {
    const type = typeof value;
    if (value !== null && type !== "string" && type !== "number" && type !== "boolean") {
      issues.push(invalid(path, `a ${type} is not JSON`));
    }
    return;
  }
  const operation = asOperation(value, path);
  if (!operation) {
    const keys = Object.keys(value);
    const listed = keys.length === 0 ? "none" : keys.map((k) => `\`${k}\``).join(", ");
    issues.push(
      invalid(path, `an object in a condition must be one operation with exactly one key; keys: ${listed}`),
    );
    for (const k of keys) visit(value[k], [...path, k], depth + 1, issues);
    return;
  }
  checkOperation(operation, depth, issues);
}

function checkOperation(operation: Operation, depth: number, issues: ConditionIssue[]): void {
  const { op, args, path } = operation;
  if (Object.hasOwn(REMOVED_OPERATORS, op)) {
    const why = REMOVED_OPERATORS[op];
    issues.push({
      code: "UNKNOWN_LOGIC_OP",
      path,
      message: `JSON Logic operator \`${op}\` is not available: ${why}`,
    });
  } else if (!isKnownOperator(op)) {
    const hint = Object.hasOwn(HINTS, op) ? ` (did you mean \`${HINTS[op]}\`?)` : "";
    issues.push({ code: "UNKNOWN_LOGIC_OP", path, message: `unknown JSON Logic operator \`${op}\`${hint}` });
  } else {
    const spec = OPERATORS[op];
    if (spec && (args.length < spec.min || args.length > spec.max)) {
      issues.push(invalid(path, `\`${op}\` takes ${arity(spec.min, spec.max)}, got ${args.length}`));
    }
  }

  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const at = argPath(operation, i);
    if (op === "var" && i === 0) {
      checkVarPath(arg, at, depth, issues);
    } else if (op === "missing" || (op === "missing_some" && i === 1)) {
      // Keys to look up, given one by one or as one array.
      if (!Array.isArray(arg)) checkVarPath(arg, at, depth, issues);
      else for (let k = 0; k < arg.length; k++) checkVarPath(arg[k], [...at, k], depth, issues);
    } else {
      visit(arg, at, depth + 1, issues);
    }
  }
}

/** A `var` path (or a `missing` key): a literal string/number/null, or logic that computes one. */
function checkVarPath(path: unknown, at: LogicPath, depth: number, issues: ConditionIssue[]): void {
  if (path === undefined || path === null) return;
  if (typeof path === "string" || typeof path === "number") {
    const bad = String(path)
      .split(".")
      .filter((s) => FORBIDDEN_SEGMENTS.has(s));
    if (bad.length > 0) {
      issues.push({
        code: "FORBIDDEN_LOGIC_VAR",
        path: at,
        message: `variable \`${path}\` reaches into object prototypes (\`${bad[0]}\`); conditions can only read data`,
      });
    }
    return;
  }
  if (isPlainObject(path)) {
    visit(path, at, depth + 1, issues);
    return;
  }
  issues.push(invalid(at, `a variable path must be a string like "event.detail.x", not ${describe(path)}`));
}

function topLevelMessage(logic: unknown): string {
  const base =
    'a condition must be a JSON Logic operation such as {"==": [{"var": "event.detail.x"}, 1]} (or true/false)';
  if (typeof logic === "string") {
    return `${base}; got the string ${JSON.stringify(logic)}, which is always true (YAML reads \`a == b\` as text)`;
  }
  return `${base}; got ${describe(logic)}`;
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return `a ${typeof value}`;
}

function arity(min: number, max: number): string {
  if (min === max) return `${min} argument${min === 1 ? "" : "s"}`;
  if (max === Number.POSITIVE_INFINITY) return `at least ${min} argument${min === 1 ? "" : "s"}`;
  return `${min} to ${max} arguments`;
}

function invalid(path: LogicPath, message: string): ConditionIssue {
  return { code: "INVALID_LOGIC", path, message };
}
