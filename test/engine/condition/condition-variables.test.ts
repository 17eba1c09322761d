import { describe, expect, it } from "vitest";
import { conditionVariables } from "../../../engine/condition/index.js";

describe("conditionVariables", () => {
  it.each<[string, unknown, (string | number)[][]]>([
    ["seed 001", { "<=": [{ var: "alarm.value" }, 0] }, [["alarm", "value"]]],
    [
      "seed 002, first use order, no duplicates",
      {
        and: [
          { "==": [{ var: "event.detail.lastStatus" }, "STOPPED"] },
          { "==": [{ var: "event.detail.stoppedReason" }, { var: "event.detail.lastStatus" }] },
        ],
      },
      [
        ["event", "detail", "lastStatus"],
        ["event", "detail", "stoppedReason"],
      ],
    ],
    [
      "array indexes become numbers",
      { var: "event.detail.containers.0.name" },
      [["event", "detail", "containers", 0, "name"]],
    ],
    [
      "var with a default",
      { var: ["event.id", { var: "rule.name" }] },
      [
        ["event", "id"],
        ["rule", "name"],
      ],
    ],
    ["missing keys", { missing: ["event.a", "now"] }, [["event", "a"], ["now"]]],
    [
      "missing_some keys",
      { missing_some: [1, ["event.a", "event.b"]] },
      [
        ["event", "a"],
        ["event", "b"],
      ],
    ],
    [
      "per-item logic is relative to the item: only the array itself is a context variable",
      { some: [{ var: "event.detail.containers" }, { "==": [{ var: "exitCode" }, { var: "lastStatus" }] }] },
      [["event", "detail", "containers"]],
    ],
    [
      "reduce: current/accumulator are not context variables; the initial value is",
      {
        reduce: [
          { var: "event.xs" },
          { "+": [{ var: "current" }, { var: "accumulator" }] },
          { var: "event.start" },
        ],
      },
      [
        ["event", "xs"],
        ["event", "start"],
      ],
    ],
    [
      "a computed path contributes only what it reads",
      { var: { cat: ["event.", { var: "rule.name" }] } },
      [["rule", "name"]],
    ],
    ["the whole data is not a variable path", { "!!": { var: "" } }, []],
    ["literals only", { "==": [1, 1] }, []],
    ["a boolean", true, []],
  ])("%s", (_name, logic, expected) => {
    expect(conditionVariables(logic)).toEqual(expected);
  });

  it.each([null, 1, "x", [], {}, { a: 1, b: 2 }, { var: [] }, { missing: null }, { some: "x" }])(
    "tolerates malformed input %j (nothing to report)",
    (logic) => {
      expect(conditionVariables(logic)).toEqual([]);
    },
  );
});
