import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { registerBuiltins } from "../../../actions/builtins.js";
import {
  explainCondition,
  explainPattern,
  explainRule,
  explanationText,
} from "../../../cli/explain/index.js";
import { ActionRegistry } from "../../../engine/action/registry.js";
import type { CompiledRule } from "../../../engine/compile/rule-compiler.js";
import { loadRuleSet } from "../../../engine/rule-set.js";

const cwd = process.cwd();
const registry = registerBuiltins(new ActionRegistry());

async function seedRule(name: string): Promise<CompiledRule> {
  const set = await loadRuleSet([resolve(cwd, "rules")], registry, cwd);
  const rule = set.rules.find((r) => r.name === name);
  if (!rule) throw new Error(`no rule ${name}`);
  return rule;
}

async function sample(name: string): Promise<Record<string, unknown>> {
  return JSON.parse(await readFile(resolve(cwd, "examples/events", `${name}.json`), "utf8"));
}

describe("explainPattern", () => {
  it("names the first failing field with the pattern's values and the event's value", () => {
    const miss = explainPattern(
      { source: ["aws.ecs"], detail: { lastStatus: ["STOPPED"] } },
      {
        source: "aws.ecs",
        detail: { lastStatus: "RUNNING" },
      },
    );
    expect(miss).toEqual({
      path: "detail.lastStatus",
      expected: ["STOPPED"],
      actual: "RUNNING",
      missing: false,
    });
  });

  it("says missing when the event has no such field", () => {
    const miss = explainPattern({ detail: { stoppedReason: [{ prefix: "Essential" }] } }, { detail: {} });
    expect(miss).toMatchObject({ path: "detail.stoppedReason", actual: "missing", missing: true });
  });

  it("is undefined when the pattern matches", () => {
    expect(explainPattern({ source: ["a"] }, { source: "a" })).toBeUndefined();
  });
});

describe("explainCondition", () => {
  it("finds the smallest false sub-expression with its inputs", () => {
    const logic = {
      and: [
        { "==": [{ var: "a" }, 1] },
        { or: [false, { "!": { var: "b" } }] },
        { "==": [{ var: "c" }, "x"] },
      ],
    };
    const miss = explainCondition(logic, { a: 1, b: true, c: "x" });
    expect(miss).toEqual({ expression: { or: [false, { "!": { var: "b" } }] }, inputs: { b: true } });
  });

  it("reports absent variables as null; undefined when the condition holds", () => {
    expect(explainCondition({ "==": [{ var: "x.y" }, 2] }, {})).toEqual({
      expression: { "==": [{ var: "x.y" }, 2] },
      inputs: { "x.y": null },
    });
    expect(explainCondition({ "==": [1, 1] }, {})).toBeUndefined();
  });
});

describe("explainRule on the seed rules", () => {
  it("pattern: the field path and both values", async () => {
    const e = explainRule(
      await seedRule("ecs-essential-container-exited"),
      await sample("ecs-task-state-change-fargate-running"),
    );
    expect(e.stage).toBe("pattern");
    expect(explanationText(e)).toBe(
      'pattern did not match at detail.lastStatus: expected ["STOPPED"], event has "RUNNING"',
    );
  });

  it("when: the false comparison with the event's value", async () => {
    const event = await sample("ecs-task-state-change-essential-exited");
    const detail = { ...(event.detail as Record<string, unknown>), desiredStatus: "RUNNING" };
    const e = explainRule(await seedRule("ecs-essential-container-exited"), { ...event, detail });
    expect(e.stage).toBe("condition");
    expect(explanationText(e)).toContain('event.detail.desiredStatus = "RUNNING"');
    expect(explanationText(e)).toContain('"STOPPED"');
  });

  it("template: the missing variable and where it is used", async () => {
    const event = await sample("ecs-task-state-change-essential-exited");
    const detail = { ...(event.detail as Record<string, unknown>), containers: [] };
    const e = explainRule(await seedRule("ecs-essential-container-exited"), { ...event, detail });
    expect(e).toMatchObject({
      stage: "template",
      template: { param: "subject", variable: "event.detail.containers[0]" },
    });
    expect(explanationText(e)).toContain("variable event.detail.containers[0] is missing");
  });

  it("matched when pattern, condition and templates all pass", async () => {
    const e = explainRule(
      await seedRule("alb-unhealthy-slack"),
      await sample("cloudwatch-alarm-state-change-alb-unhealthy"),
    );
    expect(e).toEqual({ rule: "alb-unhealthy-slack", stage: "matched", matched: true });
  });
});
