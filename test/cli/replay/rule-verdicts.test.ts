import { describe, expect, it } from "vitest";
import { registerBuiltins } from "../../../actions/builtins.js";
import { RuleTallies } from "../../../cli/replay/rule-tally.js";
import { RuleVerdicts } from "../../../cli/replay/rule-verdicts.js";
import { ActionRegistry } from "../../../engine/action/registry.js";
import type { CompiledRule } from "../../../engine/compile/rule-compiler.js";
import { Engine } from "../../../engine/engine.js";
import { parseRuleFile } from "../../../engine/load/rule-file.js";
import { compileSources } from "../../../engine/rule-set.js";

const registry = registerBuiltins(new ActionRegistry());

function compile(text: string): CompiledRule[] {
  const { sources } = parseRuleFile("r.yaml", text);
  return compileSources(sources, registry).rules;
}

const rules = compile(`name: planned
on: { pattern: { source: [aws.ecs] } }
actions:
  - type: sns-publish
    topicArn: arn:aws:sns:us-east-1:123456789012:t0
  - type: sns-publish
    topicArn: arn:aws:sns:us-east-1:123456789012:t0
    subject: "{{ event.detail.subject }}"
---
name: held-back
on: { pattern: { source: [aws.ecs] } }
when: { "==": [{ var: event.region }, "us-east-1"] }
actions:
  - type: sns-publish
    topicArn: arn:aws:sns:us-east-1:123456789012:t1
---
name: condition-fails
on: { pattern: { source: [aws.ecs] } }
when: { "<": [{ var: event.detail.odd }, 1] }
actions:
  - type: sns-publish
    topicArn: arn:aws:sns:us-east-1:123456789012:t2
---
name: actions-fail
on: { pattern: { source: [aws.ecs] } }
actions:
  - type: sns-publish
    topicArn: arn:aws:sns:us-east-1:123456789012:t3
    subject: "{{ event.detail.no.such.field }}"
  - type: sns-publish
    topicArn: arn:aws:sns:{{ event.detail.where }}:123456789012:t3
`);

const events: Record<string, unknown>[] = [
  { id: "a", source: "aws.ecs", region: "us-east-1", detail: { subject: "ok", where: "us-east-1" } },
  { id: "b", source: "aws.ecs", region: "eu-west-1", detail: { odd: { toString: 1, valueOf: 2 } } },
  { id: "c", source: "aws.ecs", region: "us-east-1", detail: { subject: "two\nlines", where: "x" } },
  { id: "d", source: "aws.ecs", region: "us-east-1", detail: { subject: "", odd: 0, where: "eu-west-1" } },
];

describe("RuleVerdicts", () => {
  it("counts into RuleTallies exactly what the decisions count", () => {
    const engine = new Engine(rules);
    const now = "2026-01-01T00:00:00.000Z";
    const fromDecisions = new RuleTallies(rules, 2);
    const fromVerdicts = new RuleTallies(rules, 2);
    const reused = new RuleTallies(rules, 2);
    for (const event of events) {
      fromDecisions.addDecisions(engine.decide(event, rules, now), event.id as string);
      fromVerdicts.verdicts.reset();
      engine.decideInto(event, rules, now, fromVerdicts.verdicts);
      fromVerdicts.addDecisions(fromVerdicts.verdicts, event.id as string);
      for (let at = 0; at < fromVerdicts.verdicts.length; at++)
        reused.addVerdict(fromVerdicts.verdicts, at, event.id as string);
    }
    expect(fromVerdicts.tallies).toEqual(fromDecisions.tallies);
    expect(reused.tallies).toEqual(fromDecisions.tallies);
    // The events reach every kind of count.
    const byRule = Object.fromEntries(fromDecisions.tallies.map((t) => [t.rule, t]));
    expect(byRule.planned).toMatchObject({ matched: 4, actionsPlanned: 5, failed: 3 });
    expect(byRule["held-back"]).toMatchObject({ matched: 4, conditionHeld: 3 });
    expect(byRule["condition-fails"]).toMatchObject({ failed: 1 });
    expect(byRule["actions-fail"]?.firstFailure?.event).toBe("a");
  });

  it("is empty again after reset", () => {
    const verdicts = new RuleVerdicts();
    new Engine(rules).decideInto(
      events[1] as Record<string, unknown>,
      rules,
      "2026-01-01T00:00:00Z",
      verdicts,
    );
    expect(verdicts.length).toBe(rules.length);
    expect(verdicts.anyFailed).toBe(true);
    verdicts.reset();
    expect(verdicts.length).toBe(0);
    expect(verdicts.anyFailed).toBe(false);
  });
});
