import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { registerBuiltins } from "../../actions/builtins.js";
import { ActionRegistry } from "../../engine/action/registry.js";
import type { ActionDefinition } from "../../engine/action/types.js";
import type { CompiledAction, CompiledRule } from "../../engine/compile/rule-compiler.js";
import { type DecisionSink, Engine, type RuleDecision } from "../../engine/engine.js";
import { parseRuleFile } from "../../engine/load/rule-file.js";
import { compileSources } from "../../engine/rule-set.js";

const registry = registerBuiltins(new ActionRegistry());

function compile(text: string): CompiledRule[] {
  const { sources, problems } = parseRuleFile("r.yaml", text);
  const compiled = compileSources(sources, registry);
  expect([...problems, ...compiled.problems].filter((p) => p.severity === "error")).toEqual([]);
  return compiled.rules;
}

/** A sink that writes down every call, to compare with `decide`'s decisions. */
class Recorder implements DecisionSink {
  readonly calls: unknown[] = [];
  rule(at: number, rule: CompiledRule, condition: boolean | "error", conditionError: string | undefined) {
    this.calls.push(["rule", at, rule.name, condition, conditionError]);
  }
  action(at: number, action: CompiledAction, error: string | undefined) {
    this.calls.push(["action", at, action.index, action.type, error]);
  }
}

/** The calls decideInto should make for these decisions. */
function expectedCalls(decisions: readonly RuleDecision[]): unknown[] {
  return decisions.flatMap((d, at) => [
    ["rule", at, d.rule, d.condition, d.conditionError],
    ...d.actions.map((a) => ["action", at, a.index, a.type, a.status === "error" ? a.error : undefined]),
  ]);
}

const rules = compile(`name: plain
on: { pattern: { source: [aws.ecs] } }
actions:
  - type: sns-publish
    topicArn: arn:aws:sns:us-east-1:123456789012:t0
    message: "{{ event.id }} in {{ event.region }}"
---
name: held-back
on: { pattern: { source: [aws.ecs] } }
when: { "==": [{ var: event.region }, "us-east-1"] }
actions:
  - type: sns-publish
    topicArn: arn:aws:sns:us-east-1:123456789012:t1
---
name: failing-condition
on: { pattern: { source: [aws.ecs] } }
when: { "<": [{ var: event.detail.odd }, 1] }
actions:
  - type: sns-publish
    topicArn: arn:aws:sns:us-east-1:123456789012:t2
---
name: failing-render
on: { pattern: { source: [aws.ecs] } }
actions:
  - type: sns-publish
    topicArn: arn:aws:sns:us-east-1:123456789012:t3
    subject: "{{ event.detail.no.such.field }}"
  - type: sns-publish
    topicArn: arn:aws:sns:{{ event.region }}:123456789012:t3
---
name: failing-plan
on: { pattern: { source: [aws.ecs] } }
actions:
  - type: sns-publish
    topicArn: arn:aws:sns:{{ event.detail.where }}:123456789012:t4
    message: "{{ event.detail.empty }}x"
  - type: sns-publish
    topicArn: arn:aws:sns:{{ event.region }}:123456789012:t4
    messageDeduplicationId: "{{ event.id }}"
`);

const event = (region: string, detail: Record<string, unknown>) => ({
  id: "e-1",
  source: "aws.ecs",
  "detail-type": "ECS Task State Change",
  region,
  detail,
});

describe("Engine.decideInto", () => {
  const engine = new Engine(rules);
  const now = "2026-01-01T00:00:00.000Z";
  const cases: [string, Record<string, unknown>][] = [
    ["every rule planned or held back", event("eu-west-1", { where: "eu-west-1", empty: "" })],
    ["the condition holds", event("us-east-1", { where: "nowhere", empty: "" })],
    // A JSON object whose toString/valueOf are not functions cannot become a number.
    ["a condition fails", event("us-east-1", { odd: { toString: 1, valueOf: 2 }, where: "us-east-1" })],
  ];
  it.each(cases)("reports what decide decides: %s", (_name, e) => {
    const recorder = new Recorder();
    engine.decideInto(e, rules, now, recorder);
    const decisions = engine.decide(e, rules, now);
    expect(recorder.calls).toEqual(expectedCalls(decisions));
    // The cases reach failed conditions, renders and plans as well as planned actions.
    expect(decisions.some((d) => d.actions.some((a) => a.status === "planned"))).toBe(true);
    expect(decisions.some((d) => d.actions.some((a) => a.status === "error"))).toBe(true);
  });

  it("reports the rules in the order given, `at` being the place in that order", () => {
    const recorder = new Recorder();
    const two = [rules[3] as CompiledRule, rules[0] as CompiledRule];
    const e = event("us-east-1", {});
    engine.decideInto(e, two, now, recorder);
    expect(recorder.calls).toEqual(expectedCalls(engine.decide(e, two, now)));
  });
});

/** A user action whose plan shows what it reads of the context: the alarm view and the keys. */
const contextEcho: ActionDefinition = {
  type: "context-echo",
  description: "test",
  paramsSchema: { type: "object", properties: { note: { type: "string" } }, additionalProperties: false },
  iam: () => [],
  plan: ({ params, context }) => ({
    type: "context-echo",
    summary: `${String(params.note)} ${Object.keys(context).join(",")} ${JSON.stringify(context.alarm)}`,
    steps: [{ call: "echo", input: { ...context, event: undefined } }],
  }),
};

describe("the alarm view in decide and decideInto", () => {
  const alarmRegistry = registerBuiltins(new ActionRegistry()).register(contextEcho);
  const { sources } = parseRuleFile(
    "r.yaml",
    `name: never-reads
on: { pattern: { detail-type: [CloudWatch Alarm State Change] } }
actions:
  - type: sns-publish
    topicArn: arn:aws:sns:us-east-1:123456789012:t
---
name: template-reads
on: { pattern: { detail-type: [CloudWatch Alarm State Change] } }
actions:
  - type: sns-publish
    topicArn: arn:aws:sns:us-east-1:123456789012:t
    subject: "{{ alarm.name }} is {{ alarm.state }} ({{ alarm.value }})"
    message: "{% if alarm.threshold %}over {{ alarm.threshold }}{% else %}none{% endif %}"
---
name: condition-reads
on: { pattern: { detail-type: [CloudWatch Alarm State Change] } }
when: { "==": [{ var: alarm.previousState }, "OK"] }
actions:
  - type: context-echo
    note: "{{ rule.name }}"
---
name: plan-reads
on: { pattern: { detail-type: [CloudWatch Alarm State Change] } }
when: { "!!": [{ var: "" }] }
actions:
  - type: context-echo
`,
  );
  const rules = compileSources(sources, alarmRegistry).rules;
  const engine = new Engine(rules);
  const now = new Date("2026-01-01T00:00:00Z");
  const events = readdirSync("examples/events")
    .filter((f) => f.startsWith("cloudwatch-alarm-state-change"))
    .map((f) => JSON.parse(readFileSync(`examples/events/${f}`, "utf8")) as Record<string, unknown>);
  // Shaped as an alarm state change but without a state: no alarm view, so no `alarm` in the context.
  const noView = { ...(events[0] as Record<string, unknown>), detail: { alarmName: "a" } };

  it.each([...events, noView].map((e, i) => [i, e] as const))(
    "decides as evaluate does: event %i",
    (_i, e) => {
      expect(rules).toHaveLength(4);
      const evaluation = engine.evaluate(e, { now });
      const matched = evaluation.decisions.map((d) => rules.find((r) => r.name === d.rule) as CompiledRule);
      expect(matched.length).toBeGreaterThan(0);
      const decisions = engine.decide(e, matched, now.toISOString());
      expect(decisions).toEqual(evaluation.decisions);
      const recorder = new Recorder();
      engine.decideInto(e, matched, now.toISOString(), recorder);
      expect(recorder.calls).toEqual(expectedCalls(decisions));
    },
  );
});
