import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compileFastLogic } from "../../../engine/condition/fast-logic.js";
import { jsonLogic } from "../../../engine/condition/json-logic.js";

/**
 * The fast path must return what json-logic-js (as json-logic.ts configures it) returns for every
 * condition it takes, and throw where it throws; conditions outside its subset are left to
 * json-logic-js. Held to json-logic-js on generated conditions and data.
 */
const NAMES = ["a", "b", "event", "region", "0", "1", "constructor", "__proto__", "length", ""];
const PATHS = ["a", "a.b", "event.region", "event.detail.0", "b.length", "", "a.constructor", "x", 0, 1];

const literal = fc.oneof(
  fc.constantFrom(null, true, false, 0, 1, -1, 0.5, "", "0", "1", "a", "us-east-1", "true"),
  fc.string({ maxLength: 4 }),
  fc.integer({ min: -3, max: 3 }),
);

const data = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: "small" },
    literal,
    fc.array(tie("value"), { maxLength: 3 }),
    fc.dictionary(fc.constantFrom(...NAMES), tie("value"), { maxKeys: 4 }),
  ),
})).value;

const SUBSET = ["==", "===", "!=", "!==", ">", ">=", "<", "<=", "in"];
const OTHERS = ["+", "cat", "if", "missing", "max", "substr"];

/** Conditions of the fast path's operators, with json-logic-js-only ones mixed in when `others`. */
function logic(others: boolean) {
  return fc.letrec<{ node: unknown }>((tie) => ({
    node: fc.oneof(
      { depthSize: "small", withCrossShrink: true },
      literal,
      fc.constantFrom(...PATHS).map((p) => ({ var: p })),
      fc.tuple(fc.constantFrom(...PATHS), literal).map(([p, d]) => ({ var: [p, d] })),
      tie("node").map((p) => ({ var: p })),
      fc.tuple(fc.constantFrom(...SUBSET), tie("node"), tie("node")).map(([op, a, b]) => ({ [op]: [a, b] })),
      fc.tuple(fc.constantFrom("!", "!!"), tie("node")).map(([op, a]) => ({ [op]: [a] })),
      tie("node").map((a) => ({ "!": a })),
      fc
        .tuple(fc.constantFrom("and", "or"), fc.array(tie("node"), { minLength: 1, maxLength: 3 }))
        .map(([op, xs]) => ({ [op]: xs })),
      fc.array(tie("node"), { maxLength: 3 }),
      ...(others
        ? [
            fc
              .tuple(fc.constantFrom(...OTHERS), fc.array(tie("node"), { minLength: 1, maxLength: 3 }))
              .map(([op, xs]) => ({ [op]: xs })),
          ]
        : []),
    ),
  })).node;
}

function outcome(f: () => unknown): { value: unknown } | { error: string } {
  try {
    return { value: f() };
  } catch (err) {
    return { error: (err as Error).message };
  }
}

describe("compileFastLogic", () => {
  it("returns what json-logic-js returns, for every condition of its subset", () => {
    fc.assert(
      fc.property(logic(false), fc.array(data, { minLength: 1, maxLength: 4 }), (l, datas) => {
        const fast = compileFastLogic(l);
        expect(fast).toBeDefined();
        for (const d of datas)
          expect(outcome(() => (fast as (x: unknown) => unknown)(d))).toEqual(
            outcome(() => jsonLogic.apply(l as never, d)),
          );
      }),
      { numRuns: 3000 },
    );
  });

  it("leaves conditions with other operators to json-logic-js, and agrees with it on the rest", () => {
    let taken = 0;
    let left = 0;
    fc.assert(
      fc.property(logic(true), data, (l, d) => {
        const fast = compileFastLogic(l);
        if (fast === undefined) {
          left++;
          expect(JSON.stringify(l)).toMatch(/"(\+|cat|if|missing|max|substr)"/);
          return;
        }
        taken++;
        expect(outcome(() => fast(d))).toEqual(outcome(() => jsonLogic.apply(l as never, d)));
      }),
      { numRuns: 2000 },
    );
    expect(taken).toBeGreaterThan(100);
    expect(left).toBeGreaterThan(100);
  });

  it.each([
    [
      "a region equality",
      { "==": [{ var: "event.region" }, "us-east-1"] },
      { event: { region: "us-east-1" } },
      true,
    ],
    ["loose equality", { "==": [{ var: "n" }, "1"] }, { n: 1 }, true],
    ["a missing path's fallback", { var: ["a.b", 7] }, { a: {} }, 7],
    ["no prototype reads", { var: "a.constructor" }, { a: {} }, null],
    ["and: the first falsy value", { and: [1, 0, 2] }, {}, 0],
    ["or: the last value when none is truthy", { or: [0, "", []] }, {}, []],
    ["in: a substring", { in: ["ast", { var: "r" }] }, { r: "us-east-1" }, true],
    ["a computed path", { var: { var: "p" } }, { p: "x", x: 3 }, 3],
    ["var's values past the fallback applied and left", { var: ["a", 1, 2] }, { a: 5 }, 5],
  ])("%s", (_, l, d, expected) => {
    const fast = compileFastLogic(l);
    expect(fast?.(d)).toEqual(expected);
    expect(jsonLogic.apply(l as Parameters<typeof jsonLogic.apply>[0], d)).toEqual(expected);
  });

  it.each([
    ["a three-way <", { "<": [1, { var: "x" }, 3] }],
    ["if", { if: [true, 1, 2] }],
    ["an operator named like an Object.prototype member", { toString: [1, 2] }],
  ])("leaves %s to json-logic-js", (_, l) => {
    expect(compileFastLogic(l)).toBeUndefined();
  });
});
