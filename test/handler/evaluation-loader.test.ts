import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { loadedTemplateCompiler } from "../../engine/template/template-loader.js";
import { evaluationLoader } from "../../handler/evaluation-loader.js";
import { engineFor, testActions } from "../engine/runtime/test-actions.js";

const RULES = `
name: ecs-stopped
on:
  pattern:
    source: [aws.ecs]
    detail: { lastStatus: [STOPPED] }
when: { "==": [{ var: event.detail.lastStatus }, STOPPED] }
actions:
  - type: test-count
    label: "{{ event.detail.containers[0].name }}"
`;

const sample = (file: string): Record<string, unknown> =>
  JSON.parse(readFileSync(new URL(`../../examples/events/${file}`, import.meta.url), "utf8"));
const ECS = sample("ecs-task-state-change-essential-exited.json");
const EC2 = sample("ec2-instance-state-change-notification-pending.json");

describe("Engine.rulesToEvaluate (what decides whether the handler loads templates and conditions)", () => {
  const engine = engineFor(RULES, testActions().registry);

  it("holds a rule when its pattern matches or it is named and loaded, none otherwise", () => {
    expect(engine.rulesToEvaluate(ECS).length > 0).toBe(true);
    expect(engine.rulesToEvaluate(EC2).length > 0).toBe(false);
    expect(engine.rulesToEvaluate(EC2, { rule: "ecs-stopped" }).length > 0).toBe(true);
    expect(engine.rulesToEvaluate(ECS, { rule: "not-loaded" }).length > 0).toBe(false);
  });

  it("agrees with prepare", () => {
    for (const event of [ECS, EC2]) {
      expect(engine.rulesToEvaluate(event).length > 0).toBe(engine.prepare(event).decisions.length > 0);
    }
  });

  it("the loader resolves for matching and non-matching items alike", async () => {
    const load = evaluationLoader();
    await expect(load(engine, [{ event: EC2, origin: "t" }])).resolves.toBeUndefined();
    await expect(load(engine, [{ event: ECS, origin: "t" }])).resolves.toBeUndefined();
    expect(engine.evaluate(ECS).decisions[0]?.actions[0]?.status).toBe("planned");
  });

  it("runs its extra load once, and only for an item some rule evaluates", async () => {
    let calls = 0;
    const load = evaluationLoader([
      {
        needs: () => true,
        load: async () => {
          calls++;
        },
      },
    ]);
    await load(engine, [{ event: EC2, origin: "t" }]);
    expect(calls).toBe(0);
    await load(engine, [
      { event: EC2, origin: "t" },
      { event: ECS, origin: "t" },
    ]);
    expect(calls).toBe(1);
    await load(engine, [{ event: ECS, origin: "t" }]);
    expect(calls).toBe(1);
  });

  it("loads liquidjs only for a rule with a template outside the simple subset", async () => {
    const simple = engineFor(RULES, testActions().registry);
    await evaluationLoader()(simple, [{ event: ECS, origin: "t" }]);
    expect(() => loadedTemplateCompiler()).toThrow(/not loaded/);
    const liquid = engineFor(
      RULES.replace(
        "{{ event.detail.containers[0].name }}",
        "{{ event.detail.containers[0].name | upcase }}",
      ),
      testActions().registry,
    );
    const load = evaluationLoader();
    await load(liquid, [{ event: EC2, origin: "t" }]);
    expect(() => loadedTemplateCompiler()).toThrow(/not loaded/);
    await load(liquid, [{ event: ECS, origin: "t" }]);
    expect(loadedTemplateCompiler()).toBeTypeOf("function");
  });
});
