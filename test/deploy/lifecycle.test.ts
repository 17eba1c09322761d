import { rmSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { ruleConstructId, ruleConstructIds } from "../../deploy/construct-ids.js";
import type { CompiledRule } from "../../engine/compile/rule-compiler.js";
import { type BuiltStack, buildStack, editFile, logicalIds, seedRulesCopy } from "./fixture.js";

let seeds: BuiltStack;
beforeAll(async () => {
  seeds = await buildStack();
});

/** Logical ids of the resources owned by one rule: its construct id is part of theirs. */
function idsOf(built: BuiltStack, ruleName: string): string[] {
  const prefix = `RuleBridge${ruleConstructId(ruleName)}`;
  return logicalIds(built).filter((id) => id.startsWith(prefix) && /^[A-Z]/.test(id.slice(prefix.length)));
}

describe("logical ids follow rule names", () => {
  it("derives each rule's ids from its name", () => {
    expect(idsOf(seeds, "alb-unhealthy-slack")).toHaveLength(3); // rule, permission, alarm
    expect(idsOf(seeds, "ecs-events-to-opensearch")).toHaveLength(2); // rule, permission
  });

  it("removing a rule file removes exactly that rule's resources and permissions", async () => {
    const dir = seedRulesCopy();
    rmSync(join(dir, "ecs-events-to-opensearch.yaml"));
    const removed = await buildStack(dir);
    const gone = idsOf(seeds, "ecs-events-to-opensearch");
    expect(logicalIds(removed)).toEqual(logicalIds(seeds).filter((id) => !gone.includes(id)));
    const text = JSON.stringify(removed.json);
    expect(text).not.toContain("es:ESHttpPut");
    expect(text).not.toContain("ecs-events-to-opensearch");
  });

  it("removing an alarm rule removes its alarm and its KMS permission", async () => {
    const dir = seedRulesCopy();
    rmSync(join(dir, "alb-unhealthy-slack.yaml"));
    const removed = await buildStack(dir);
    removed.template.resourceCountIs("AWS::CloudWatch::Alarm", 2);
    expect(JSON.stringify(removed.json)).not.toContain("kms:Decrypt");
    expect(JSON.stringify(removed.json)).not.toContain("ALBNoHealthyHosts");
  });

  it("renaming a rule replaces its resources and leaves none under the old name", async () => {
    const dir = seedRulesCopy();
    editFile(join(dir, "asg-launch-name-tag.yaml"), (t) =>
      t.replace("name: asg-launch-name-tag", "name: launch-name"),
    );
    const renamed = await buildStack(dir);
    const old = idsOf(seeds, "asg-launch-name-tag");
    expect(old.length).toBeGreaterThan(0);
    for (const id of old) expect(logicalIds(renamed)).not.toContain(id);
    expect(idsOf(renamed, "launch-name")).toHaveLength(old.length);
    expect(logicalIds(renamed)).toHaveLength(logicalIds(seeds).length);
    expect(JSON.stringify(renamed.json)).not.toContain("asg-launch-name-tag");
  });

  it("leaves the other rules' and the engine's logical ids unchanged when one rule changes", async () => {
    const dir = seedRulesCopy();
    editFile(join(dir, "ecs-events-to-opensearch.yaml"), (t) =>
      t.replace("source: [aws.ecs]", "source: [aws.ec2]"),
    );
    const changed = await buildStack(dir);
    expect(logicalIds(changed)).toEqual(logicalIds(seeds));
  });

  it("refuses two rule names that would share ids", () => {
    const rules = [{ name: "a-1" }, { name: "a1" }] as CompiledRule[];
    expect(() => ruleConstructIds(rules)).toThrow(/`a-1` and `a1`/);
    expect(ruleConstructId("ecs-events-to-opensearch")).toBe("EcsEventsToOpensearch");
  });
});
