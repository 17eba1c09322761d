import { describe, expect, it } from "vitest";
import { type ConditionIssue, checkCondition } from "../../../engine/condition/index.js";

describe("checkCondition accepts", () => {
  it.each([
    ["seed 001: HealthyHostCount <= 0", { "<=": [{ var: "alarm.value" }, 0] }],
    [
      "seed 002: stopped by an essential container",
      {
        and: [
          { "==": [{ var: "event.detail.lastStatus" }, "STOPPED"] },
          { "==": [{ var: "event.detail.stoppedReason" }, "Essential container in task exited"] },
        ],
      },
    ],
    ["a literal true", true],
    ["a literal false", false],
    ["unary sugar", { "!": { var: "event.detail.x" } }],
    ["var with a default", { var: ["event.detail.x", 0] }],
    ["var of the whole data", { var: "" }],
    ["a computed var path", { var: { cat: ["event.", { var: "rule.name" }] } }],
    ["between", { "<": [1, { var: "x" }, 10] }],
    ["arrays as arguments", { in: [{ var: "event.source" }, ["aws.ecs", "aws.ec2"]] }],
    ["array operators", { some: [{ var: "event.detail.containers" }, { "==": [{ var: "exitCode" }, 1] }] }],
    ["reduce", { reduce: [{ var: "xs" }, { "+": [{ var: "current" }, { var: "accumulator" }] }, 0] }],
    ["missing", { "!": { missing: ["event.detail.a", "event.detail.b"] } }],
    ["missing_some", { missing_some: [1, ["a", "b"]] }],
    ["if / else if / else", { if: [{ var: "a" }, 1, { var: "b" }, 2, 3] }],
    ["?:", { "?:": [{ var: "a" }, 1, 2] }],
    ["strings, numbers, null as literals", { "==": [null, { cat: ["a", 1, 2.5] }] }],
  ])("%s", (_name, logic) => {
    expect(checkCondition(logic)).toEqual([]);
  });
});

describe("checkCondition rejects", () => {
  it.each<[string, unknown, ConditionIssue[]]>([
    [
      "an unknown operator",
      { and: [{ "==": [1, 1] }, { frobnicate: [1] }] },
      [
        {
          code: "UNKNOWN_LOGIC_OP",
          path: ["and", 1, "frobnicate"],
          message: "unknown JSON Logic operator `frobnicate`",
        },
      ],
    ],
    [
      "an operator from another language, with a hint",
      { "&&": [true, true] },
      [
        {
          code: "UNKNOWN_LOGIC_OP",
          path: ["&&"],
          message: "unknown JSON Logic operator `&&` (did you mean `and`?)",
        },
      ],
    ],
    [
      "method (calls arbitrary methods)",
      { method: [{ var: "event.id" }, "toUpperCase"] },
      [
        {
          code: "UNKNOWN_LOGIC_OP",
          path: ["method"],
          message: "JSON Logic operator `method` is not available: it calls arbitrary JavaScript methods",
        },
      ],
    ],
    ["log", { log: "x" }, [expect.objectContaining({ code: "UNKNOWN_LOGIC_OP", path: ["log"] })]],
    [
      "a dotted operator reaching into the operator table",
      { "var.prototype.constructor": ["x"] },
      [expect.objectContaining({ code: "UNKNOWN_LOGIC_OP", path: ["var.prototype.constructor"] })],
    ],
    [
      "__proto__ in a var path",
      { "==": [{ var: "event.__proto__.polluted" }, 1] },
      [
        {
          code: "FORBIDDEN_LOGIC_VAR",
          path: ["==", 0, "var"],
          message:
            "variable `event.__proto__.polluted` reaches into object prototypes (`__proto__`); conditions can only read data",
        },
      ],
    ],
    [
      "constructor in a var path with a default",
      { var: ["event.constructor", 1] },
      [expect.objectContaining({ code: "FORBIDDEN_LOGIC_VAR", path: ["var", 0] })],
    ],
    [
      "prototype in a var path inside array logic",
      { some: [{ var: "xs" }, { var: "prototype" }] },
      [expect.objectContaining({ code: "FORBIDDEN_LOGIC_VAR", path: ["some", 1, "var"] })],
    ],
    [
      "constructor as a missing key",
      { missing: ["a", "constructor.name"] },
      [expect.objectContaining({ code: "FORBIDDEN_LOGIC_VAR", path: ["missing", 1] })],
    ],
    [
      "__proto__ as a missing_some key",
      { missing_some: [1, ["a", "__proto__"]] },
      [expect.objectContaining({ code: "FORBIDDEN_LOGIC_VAR", path: ["missing_some", 1, 1] })],
    ],
    [
      "too few arguments",
      { "==": [{ var: "a" }] },
      [{ code: "INVALID_LOGIC", path: ["=="], message: "`==` takes 2 arguments, got 1" }],
    ],
    [
      "too many arguments",
      { "!": [1, 2] },
      [{ code: "INVALID_LOGIC", path: ["!"], message: "`!` takes 1 argument, got 2" }],
    ],
    [
      "an object that is not one operation",
      { "==": [{ a: 1, b: 2 }, 1] },
      [
        expect.objectContaining({
          code: "INVALID_LOGIC",
          path: ["==", 0],
          message: expect.stringMatching(/keys: `a`, `b`/),
        }),
      ],
    ],
    ["an empty object", { "!": {} }, [expect.objectContaining({ code: "INVALID_LOGIC", path: ["!"] })]],
    [
      "a var path that is an array",
      { var: [["a", "b"]] },
      [
        expect.objectContaining({
          code: "INVALID_LOGIC",
          path: ["var", 0],
          message: expect.stringMatching(/not an array/),
        }),
      ],
    ],
    [
      "a YAML string instead of logic",
      "event.detail.lastStatus == STOPPED",
      [
        expect.objectContaining({
          code: "INVALID_LOGIC",
          path: [],
          message: expect.stringMatching(/always true/),
        }),
      ],
    ],
    ["a number at the top", 1, [expect.objectContaining({ code: "INVALID_LOGIC", path: [] })]],
    ["an array at the top", [{ var: "a" }], [expect.objectContaining({ code: "INVALID_LOGIC", path: [] })]],
    ["null at the top", null, [expect.objectContaining({ code: "INVALID_LOGIC", path: [] })]],
  ])("%s", (_name, logic, expected) => {
    expect(checkCondition(logic)).toEqual(expected);
  });

  it("reports every problem, not just the first", () => {
    const issues = checkCondition({
      and: [{ nope: [] }, { var: "a.__proto__" }, { "==": [1] }, { or: [{ log: 1 }, { x: 1, y: 2 }] }],
    });
    expect(issues.map((i) => [i.code, i.path])).toEqual([
      ["UNKNOWN_LOGIC_OP", ["and", 0, "nope"]],
      ["FORBIDDEN_LOGIC_VAR", ["and", 1, "var"]],
      ["INVALID_LOGIC", ["and", 2, "=="]],
      ["UNKNOWN_LOGIC_OP", ["and", 3, "or", 0, "log"]],
      ["INVALID_LOGIC", ["and", 3, "or", 1]],
    ]);
  });

  it("refuses absurd nesting instead of overflowing the stack", () => {
    let logic: unknown = { var: "a" };
    for (let i = 0; i < 5000; i++) logic = { "!": logic };
    const issues = checkCondition(logic);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({
      code: "INVALID_LOGIC",
      message: expect.stringMatching(/nested more than/),
    });
  });
});
