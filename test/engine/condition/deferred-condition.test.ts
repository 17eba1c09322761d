import { describe, expect, it } from "vitest";
import {
  compileCondition,
  deferCondition,
  InvalidConditionError,
  loadConditionCompiler,
} from "../../../engine/condition/index.js";

describe("deferCondition (the rule artifact's conditions: compiled on first evaluation)", () => {
  const data = { event: { detail: { state: "stopped", count: 3 } } };

  it("answers as compileCondition does", async () => {
    await loadConditionCompiler();
    for (const logic of [
      { "==": [{ var: "event.detail.state" }, "stopped"] },
      { ">": [{ var: "event.detail.count" }, 5] },
      { in: ["top", { var: "event.detail.state" }] },
    ]) {
      expect(deferCondition(logic).evaluate(data)).toBe(compileCondition(logic).evaluate(data));
    }
  });

  it("reports an invalid condition when evaluated, not when built", () => {
    const logic = { method: [{ var: "event" }, "toString"] };
    expect(() => compileCondition(logic)).toThrow(InvalidConditionError);
    const deferred = deferCondition(logic);
    expect(() => deferred.evaluate(data)).toThrow(InvalidConditionError);
  });
});
