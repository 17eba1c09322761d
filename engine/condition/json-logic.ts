import type { EvaluationBudget } from "../evaluation-budget.js";
import { jsonLogicModule } from "./json-logic-js.js";
import { FORBIDDEN_SEGMENTS, REMOVED_OPERATORS } from "./operators.js";

/**
 * json-logic-js, configured once for the whole process. The library is a global singleton: every
 * importer shares one operator table, so this is the only module that may change it, and every
 * other module evaluates logic through the `jsonLogic` exported here (importing it is what applies
 * the configuration).
 *
 * Changes from stock json-logic-js 2.0.5:
 * - `var` reads own properties only and never a `__proto__`, `constructor` or `prototype` segment,
 *   whatever the path (static or computed at run time): such lookups yield the default (null).
 * - `in` only searches strings and arrays (stock calls `indexOf` on whatever it is given, which
 *   data can turn into a call of a non-function).
 * - `log` and `method` are removed (see REMOVED_OPERATORS).
 * - Evaluation inside `withinBudget` is bounded: every node evaluated checks the event's time
 *   (json-logic-js recurses through `jsonLogic.apply`, so wrapping it reaches `map`, `reduce`, …),
 *   and `merge` and `cat` refuse to build values longer than the event's output bound.
 */
export const jsonLogic = jsonLogicModule;

const hasOwn = Object.prototype.hasOwnProperty;

/** `{"var": "a.b.c"}` / `{"var": ["a.b", fallback]}` without reaching outside the data's own properties. */
function safeVar(this: unknown, path?: unknown, fallback?: unknown): unknown {
  const notFound = fallback === undefined ? null : fallback;
  if (path === undefined || path === null || path === "") return this;
  if (typeof path !== "string" && typeof path !== "number") return notFound;
  return readSegments(this, String(path).split("."), notFound);
}

/**
 * safeVar made once for a path and fallback known in advance (a condition's fast path, see
 * fast-logic.ts): the same reading, without splitting the path on every evaluation.
 */
export function varReader(path: unknown, fallback: unknown): (data: unknown) => unknown {
  const notFound = fallback === undefined ? null : fallback;
  if (path === undefined || path === null || path === "") return (data) => data;
  if (typeof path !== "string" && typeof path !== "number") return () => notFound;
  const segments = String(path).split(".");
  return (data) => readSegments(data, segments, notFound);
}

function readSegments(data: unknown, segments: readonly string[], notFound: unknown): unknown {
  for (const segment of segments) {
    if (FORBIDDEN_SEGMENTS.has(segment)) return notFound;
    if (data === null || (typeof data !== "object" && typeof data !== "string")) return notFound;
    if (!hasOwn.call(data, segment)) return notFound;
    data = (data as Record<string, unknown>)[segment];
    if (data === undefined) return notFound;
  }
  return data;
}

/** `{"in": [needle, haystack]}`: substring of a string, or strict member of an array. */
export function safeIn(needle: unknown, haystack: unknown): boolean {
  if (typeof haystack === "string") {
    const scalar = typeof needle === "string" || typeof needle === "number" || typeof needle === "boolean";
    return scalar && haystack.includes(String(needle));
  }
  if (Array.isArray(haystack)) return haystack.indexOf(needle) !== -1;
  return false;
}

/** The budget of the evaluation running now; evaluation is synchronous, so one slot suffices. */
let current: EvaluationBudget | undefined;
let applied = 0;

/** Runs `fn` (a synchronous evaluation) within `budget`; BudgetExceededError ends it early. */
export function withinBudget<T>(budget: EvaluationBudget, fn: () => T): T {
  const outer = current;
  current = budget;
  try {
    budget.checkTime();
    return fn();
  } finally {
    current = outer;
  }
}

const baseApply = jsonLogic.apply.bind(jsonLogic);
jsonLogic.apply = ((logic: unknown, data: unknown): unknown => {
  // Reading the clock every 64 nodes keeps the check's cost out of the profile.
  if (current !== undefined && (++applied & 63) === 0) current.checkTime();
  return baseApply(logic as Parameters<typeof baseApply>[0], data);
}) as typeof jsonLogic.apply;

/** `{"merge": [...]}`: stock, but the result's length is checked before it is built. */
function boundedMerge(...args: unknown[]): unknown[] {
  let length = 0;
  for (const a of args) length += Array.isArray(a) ? a.length : 1;
  current?.checkSize(length);
  return args.reduce<unknown[]>((a, b) => a.concat(b), []);
}

/** `{"cat": [...]}`: stock, but the result's length is checked before it is built. */
function boundedCat(...args: unknown[]): string {
  const parts = args.map(String);
  let length = 0;
  for (const p of parts) length += p.length;
  current?.checkSize(length);
  return parts.join("");
}

jsonLogic.add_operation("var", safeVar);
jsonLogic.add_operation("merge", boundedMerge);
jsonLogic.add_operation("cat", boundedCat);
jsonLogic.add_operation("in", safeIn);
for (const op of Object.keys(REMOVED_OPERATORS)) jsonLogic.rm_operation(op);
