import { jsonLogic, safeIn, varReader } from "./json-logic.js";

/** A condition made into closures: what `jsonLogic.apply(logic, data)` returns for `data`. */
export type FastLogic = (data: unknown) => unknown;

/**
 * The common shapes of rule conditions compiled into closures once, instead of json-logic-js
 * walking the logic on every evaluation (about 2 µs for `{"==": [{"var": "event.region"}, "x"]}`):
 * `var` (its path and fallback given or computed), comparisons, `!`, `!!`, `and`, `or`, `in`,
 * literals and arrays of these. Each does what json-logic-js (as json-logic.ts configures it) does,
 * in the same order; a condition with anything else anywhere gets undefined and is applied by
 * json-logic-js as before. No loop is in the subset, so the event's time is checked once per
 * evaluation (json-logic-js's every 64 nodes bounds `map`, `reduce` and the like).
 */
export function compileFastLogic(logic: unknown): FastLogic | undefined {
  return compileNode(logic, 0);
}

/** Deeper logic is left to json-logic-js (whose own recursion has no limit of its own). */
const MAX_DEPTH = 64;

function compileNode(logic: unknown, depth: number): FastLogic | undefined {
  if (depth > MAX_DEPTH) return undefined;
  if (Array.isArray(logic)) {
    // json-logic-js maps an array to a new array of its items applied.
    const items = compileAll(logic, depth);
    return items && ((data) => items.map((item) => item(data)));
  }
  if (!jsonLogic.is_logic(logic)) return () => logic;
  const op = jsonLogic.get_operator(logic as Record<string, unknown>);
  const raw = (logic as Record<string, unknown>)[op];
  const values: unknown[] = Array.isArray(raw) ? raw : [raw];
  if (op === "var") return compileVar(values, depth);
  const args = compileAll(values, depth);
  if (args === undefined) return undefined;
  if (op === "and" || op === "or") return compileAndOr(op === "and", args);
  const binary = BINARY.get(op);
  if (binary !== undefined && args.length === 2) {
    const [a, b] = args as [FastLogic, FastLogic];
    return (data) => binary(a(data), b(data));
  }
  if (op === "!" || op === "!!") {
    // Every value is applied, in order; the operator reads the first (undefined when none).
    const not = op === "!";
    return (data) => {
      let first: unknown;
      for (let i = 0; i < args.length; i++) {
        const value = (args[i] as FastLogic)(data);
        if (i === 0) first = value;
      }
      return jsonLogic.truthy(first) !== not;
    };
  }
  return undefined;
}

function compileAll(values: readonly unknown[], depth: number): FastLogic[] | undefined {
  const out: FastLogic[] = [];
  for (const value of values) {
    const f = compileNode(value, depth + 1);
    if (f === undefined) return undefined;
    out.push(f);
  }
  return out;
}

/**
 * `var` with a literal path (and fallback) reads through a reader made once; else as `var` does:
 * every value applied in order, the first two read as path and fallback.
 */
function compileVar(values: readonly unknown[], depth: number): FastLogic | undefined {
  const [path, fallback] = values;
  if (values.length <= 2 && isLiteral(path) && isLiteral(fallback)) return varReader(path, fallback);
  const args = compileAll(values, depth);
  if (args === undefined) return undefined;
  return (data) => {
    const applied = args.map((arg) => arg(data));
    return varReader(applied[0], applied[1])(data);
  };
}

/** A value json-logic-js applies to itself: not logic, not an array (whose items it applies). */
function isLiteral(value: unknown): boolean {
  return !jsonLogic.is_logic(value) && !Array.isArray(value);
}

/** `and`: the first falsy value, else the last; `or`: the first truthy, else the last. */
function compileAndOr(and: boolean, args: readonly FastLogic[]): FastLogic {
  return (data) => {
    let current: unknown;
    for (const arg of args) {
      current = arg(data);
      if (jsonLogic.truthy(current) !== and) return current;
    }
    return current;
  };
}

/**
 * json-logic-js's two-argument operators (`<` and `<=` also take three, left to json-logic-js). A
 * Map: an operator named like an Object.prototype member finds nothing here.
 */
const BINARY = new Map<string, (a: unknown, b: unknown) => unknown>([
  // biome-ignore lint/suspicious/noDoubleEquals: JSON Logic's == is JavaScript's loose equality
  ["==", (a, b) => a == b],
  ["===", (a, b) => a === b],
  // biome-ignore lint/suspicious/noDoubleEquals: JSON Logic's != is JavaScript's loose inequality
  ["!=", (a, b) => a != b],
  ["!==", (a, b) => a !== b],
  [">", (a, b) => (a as number) > (b as number)],
  [">=", (a, b) => (a as number) >= (b as number)],
  ["<", (a, b) => (a as number) < (b as number)],
  ["<=", (a, b) => (a as number) <= (b as number)],
  ["in", (a, b) => safeIn(a, b)],
]);
