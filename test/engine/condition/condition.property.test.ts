import fc from "fast-check";
import jsonLogic from "json-logic-js";
import { describe, expect, it } from "vitest";
import {
  ConditionError,
  checkCondition,
  compileCondition,
  conditionVariables,
  InvalidConditionError,
} from "../../../engine/condition/index.js";

const segment = fc.constantFrom(
  "event",
  "detail",
  "a",
  "b",
  "0",
  "1",
  "length",
  "toString",
  "valueOf",
  "hasOwnProperty",
  "__proto__",
  "constructor",
  "prototype",
);
const path = fc.array(segment, { minLength: 1, maxLength: 4 }).map((s) => s.join("."));
const literal = fc.oneof(fc.integer(), fc.string({ maxLength: 8 }), fc.boolean(), fc.constant(null), path);
const operator = fc.constantFrom(
  "==",
  "!=",
  "<",
  "<=",
  ">",
  "!",
  "!!",
  "and",
  "or",
  "if",
  "in",
  "cat",
  "substr",
  "+",
  "*",
  "-",
  "/",
  "%",
  "min",
  "max",
  "merge",
  "missing",
  "missing_some",
  "map",
  "filter",
  "reduce",
  "all",
  "none",
  "some",
  "var",
  "log",
  "method",
  "nope",
  "var.prototype.constructor",
);

/** Almost-JSON-Logic: mostly well-formed operations, with wrong arities, bad ops and bad paths mixed in. */
const { logic } = fc.letrec((tie) => ({
  logic: fc.oneof(
    { maxDepth: 4, depthSize: "small" },
    literal,
    fc.record({ var: fc.oneof(path, tie("logic")) }),
    fc.tuple(operator, fc.array(tie("logic"), { maxLength: 3 })).map(([op, args]) => ({ [op]: args })),
    fc.array(tie("logic"), { maxLength: 3 }),
    fc.dictionary(fc.constantFrom("x", "y"), tie("logic"), { maxKeys: 2 }),
  ),
}));

const data = fc.jsonValue({ maxDepth: 4 });

describe("conditions never fail in an undocumented way", () => {
  it("check, variables, compile and evaluate: only InvalidConditionError and ConditionError", () => {
    fc.assert(
      fc.property(logic, data, (l, d) => {
        const issues = checkCondition(l);
        expect(Array.isArray(conditionVariables(l))).toBe(true);
        let condition: ReturnType<typeof compileCondition>;
        try {
          condition = compileCondition(l);
        } catch (err) {
          expect(err).toBeInstanceOf(InvalidConditionError);
          expect((err as InvalidConditionError).issues).toEqual(issues);
          return;
        }
        expect(issues).toEqual([]);
        try {
          expect(typeof condition.evaluate(d as Record<string, unknown>)).toBe("boolean");
        } catch (err) {
          if (!(err instanceof ConditionError)) throw err;
        }
      }),
      { numRuns: 2000 },
    );
  });

  it("a static var path through __proto__, constructor or prototype is always reported", () => {
    fc.assert(
      fc.property(path, (p) => {
        const forbidden = p.split(".").some((s) => ["__proto__", "constructor", "prototype"].includes(s));
        const codes = checkCondition({ var: p }).map((i) => i.code);
        expect(codes).toEqual(forbidden ? ["FORBIDDEN_LOGIC_VAR"] : []);
      }),
    );
  });

  it("var reads exactly the data's own properties, whatever the path (static or computed)", () => {
    fc.assert(
      fc.property(data, path, (d, p) => {
        const expected = ownLookup(d, p.split("."));
        expect(jsonLogic.apply({ var: p }, d)).toEqual(expected);
        expect(jsonLogic.apply({ var: { cat: [p] } }, d)).toEqual(expected);
      }),
    );
  });
});

/** The reference: walk own properties only, stop at forbidden names; null when not found. */
function ownLookup(data: unknown, segments: string[]): unknown {
  let cur: unknown = data;
  for (const s of segments) {
    if (["__proto__", "constructor", "prototype"].includes(s)) return null;
    if (cur === null || (typeof cur !== "object" && typeof cur !== "string")) return null;
    if (!Object.hasOwn(Object(cur), s)) return null;
    cur = (cur as Record<string, unknown>)[s];
    if (cur === undefined) return null;
  }
  return cur;
}
