/** How many arguments an operator takes, and whether one of them runs against each array item. */
export interface OperatorSpec {
  min: number;
  max: number;
  /**
   * For array operators (`map`, `filter`, `all`, `none`, `some`, `reduce`): the argument whose
   * logic is evaluated with each item as its data, so its `var`s are relative to the item.
   */
  scopedArg?: number;
}

const ANY = Number.POSITIVE_INFINITY;

/**
 * The JSON Logic operators rule conditions may use: json-logic-js's own, minus `log` (it would
 * write to stdout, breaking the engine's one-log-line-per-event contract) and `method` (it calls
 * arbitrary JavaScript methods; json-logic-js 2.x no longer ships it, and we make sure it stays out).
 * No custom operators are added. Arities are checked statically so a typo fails `rulebridge check`
 * instead of evaluating to something odd.
 */
export const OPERATORS: Readonly<Record<string, OperatorSpec>> = {
  var: { min: 0, max: 2 },
  missing: { min: 1, max: ANY },
  missing_some: { min: 2, max: 2 },
  if: { min: 1, max: ANY },
  "?:": { min: 3, max: 3 },
  "==": { min: 2, max: 2 },
  "===": { min: 2, max: 2 },
  "!=": { min: 2, max: 2 },
  "!==": { min: 2, max: 2 },
  "!": { min: 1, max: 1 },
  "!!": { min: 1, max: 1 },
  or: { min: 1, max: ANY },
  and: { min: 1, max: ANY },
  ">": { min: 2, max: 2 },
  ">=": { min: 2, max: 2 },
  "<": { min: 2, max: 3 },
  "<=": { min: 2, max: 3 },
  max: { min: 1, max: ANY },
  min: { min: 1, max: ANY },
  "+": { min: 1, max: ANY },
  "-": { min: 1, max: 2 },
  "*": { min: 1, max: ANY },
  "/": { min: 2, max: 2 },
  "%": { min: 2, max: 2 },
  map: { min: 2, max: 2, scopedArg: 1 },
  filter: { min: 2, max: 2, scopedArg: 1 },
  reduce: { min: 2, max: 3, scopedArg: 1 },
  all: { min: 2, max: 2, scopedArg: 1 },
  none: { min: 2, max: 2, scopedArg: 1 },
  some: { min: 2, max: 2, scopedArg: 1 },
  merge: { min: 1, max: ANY },
  in: { min: 2, max: 2 },
  cat: { min: 1, max: ANY },
  substr: { min: 2, max: 3 },
};

/** Operators json-logic-js knows (or knew) that are deliberately unavailable, with the reason. */
export const REMOVED_OPERATORS: Readonly<Record<string, string>> = {
  log: "it writes to the Lambda log; rulebridge logs one structured line per event instead",
  method: "it calls arbitrary JavaScript methods",
};

/** Path segments a `var` may never use: they lead into prototypes instead of data. */
export const FORBIDDEN_SEGMENTS: ReadonlySet<string> = new Set(["__proto__", "constructor", "prototype"]);

export function isKnownOperator(op: string): boolean {
  return Object.hasOwn(OPERATORS, op);
}
