import { readFileSync } from "node:fs";
import jsonLogic from "json-logic-js";
import { describe, expect, it } from "vitest";
import { ConditionError, compileCondition, InvalidConditionError } from "../../../engine/condition/index.js";

function sample(name: string): Record<string, unknown> {
  return JSON.parse(
    readFileSync(new URL(`../../../examples/events/${name}`, import.meta.url), "utf8"),
  ) as Record<string, unknown>;
}

const stopped = { event: sample("ecs-task-state-change-essential-exited.json") };
const running = { event: sample("ecs-task-state-change-fargate-running.json") };

const seed002 = {
  and: [
    { "==": [{ var: "event.detail.lastStatus" }, "STOPPED"] },
    { "==": [{ var: "event.detail.stoppedReason" }, "Essential container in task exited"] },
  ],
};
const seed001 = { "<=": [{ var: "alarm.value" }, 0] };

describe("evaluate", () => {
  it.each<[string, unknown, Record<string, unknown>, boolean]>([
    ["seed 002 on the stopped task", seed002, stopped, true],
    ["seed 002 on a running task", seed002, running, false],
    ["seed 001 with no healthy hosts", seed001, { alarm: { value: 0 } }, true],
    ["seed 001 with two healthy hosts", seed001, { alarm: { value: 2 } }, false],
    [
      "seed 001 when the value is unknown (null <= 0 is JSON Logic's true)",
      seed001,
      { alarm: { value: null } },
      true,
    ],
    [
      "a substring test",
      { in: ["Essential container", { var: "event.detail.stoppedReason" }] },
      stopped,
      true,
    ],
    ["membership in a list", { in: [{ var: "event.source" }, ["aws.ecs", "aws.ec2"]] }, stopped, true],
    [
      "in on a non-list is false",
      { in: ["a", { var: "event.detail.containers.0.exitCode" }] },
      stopped,
      false,
    ],
    ["in on data shaped to call indexOf is false", { in: ["a", { var: "x" }] }, { x: { indexOf: 1 } }, false],
    [
      "array index in a var path",
      { "==": [{ var: "event.detail.containers.0.name" }, "web"] },
      stopped,
      true,
    ],
    [
      "some over containers",
      { some: [{ var: "event.detail.containers" }, { "==": [{ var: "exitCode" }, 1] }] },
      stopped,
      true,
    ],
    ["missing reports absent keys", { missing: ["event.id", "event.nope"] }, stopped, true],
    ["truthiness: [] is false", { var: "xs" }, { xs: [] }, false],
    ["truthiness: '0' is true", { var: "s" }, { s: "0" }, true],
    ["a literal", true, {}, true],
    ["a var default", { var: ["nope", 5] }, {}, true],
  ])("%s", (_name, logic, data, expected) => {
    expect(compileCondition(logic).evaluate(data)).toBe(expected);
  });
});

describe("no prototype access at run time", () => {
  it.each([
    ["a computed __proto__", { var: { cat: ["__pro", "to__"] } }],
    ["a computed constructor below data", { var: { cat: ["event", ".", "constructor"] } }],
    ["a computed prototype path", { var: { cat: ["event.constructor.", "prototype"] } }],
    ["an inherited method name", { var: { cat: ["event.", "hasOwnProperty"] } }],
    ["an inherited property of a string", { var: { cat: ["event.source.", "toString"] } }],
  ])("%s yields null", (_name, logic) => {
    const isNull = compileCondition({ "===": [logic, null] });
    expect(isNull.evaluate(stopped)).toBe(true);
  });

  it("the shared json-logic-js instance no longer has `method` or `log`, and its var is safe too", () => {
    expect(() => jsonLogic.apply({ method: ["abc", "toUpperCase"] } as never, {})).toThrow(
      /Unrecognized operation method/,
    );
    expect(() => jsonLogic.apply({ log: "x" } as never, {})).toThrow(/Unrecognized operation log/);
    expect(jsonLogic.apply({ var: "a.constructor" }, { a: {} })).toBeNull();
  });

  it("own data keys are data, except the three forbidden names, which are refused by name", () => {
    const data = JSON.parse(
      '{"event": {"detail": {"hasOwnProperty": "mine", "constructor": "mine", "__proto__": "mine"}}}',
    ) as Record<string, unknown>;
    const read = (key: string) =>
      compileCondition({ "==": [{ var: { cat: ["event.detail.", key] } }, "mine"] }).evaluate(data);
    expect(read("hasOwnProperty")).toBe(true);
    expect(read("constructor")).toBe(false);
    expect(read("__proto__")).toBe(false);
  });
});

describe("errors", () => {
  it("compileCondition refuses an invalid condition, listing every issue", () => {
    let caught: unknown;
    try {
      compileCondition({ and: [{ nope: 1 }, { var: "__proto__" }] });
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(InvalidConditionError);
    expect((caught as InvalidConditionError).issues.map((i) => i.code)).toEqual([
      "UNKNOWN_LOGIC_OP",
      "FORBIDDEN_LOGIC_VAR",
    ]);
    expect((caught as Error).message).toMatch(/unknown JSON Logic operator `nope` \(at and\.\[0\]\.nope\)/);
  });

  it("a failure while evaluating is a ConditionError, not false", () => {
    // Data (a JSON object whose toString/valueOf are not functions) that cannot become a number.
    const data = { x: { toString: 1, valueOf: 2 } };
    const condition = compileCondition({ "<": [{ var: "x" }, 1] });
    expect(() => condition.evaluate(data)).toThrow(ConditionError);
    expect(() => condition.evaluate(data)).toThrow(
      /^condition could not be evaluated: Cannot convert object to primitive value$/,
    );
  });

  it("a compiled condition does not change when the rule object does", () => {
    const logic = { "==": [{ var: "a" }, 1] };
    const condition = compileCondition(logic);
    logic["=="][1] = 2;
    expect(condition.evaluate({ a: 1 })).toBe(true);
  });
});
