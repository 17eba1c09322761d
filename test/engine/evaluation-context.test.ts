import { describe, expect, it } from "vitest";
import { alarmViewFromEvent } from "../../engine/alarm/index.js";
import type { CompiledRule } from "../../engine/compile/rule-compiler.js";
import { alarmFor, contextOf, LazyAlarm } from "../../engine/evaluation-context.js";

/**
 * A rule's context holds a lazy alarm view as an own enumerable accessor shared by every context
 * (the view is built on first read, once per event); it must read, copy and assign as a plain
 * `alarm` property would.
 */
const alarmEvent = {
  version: "0",
  id: "e-1",
  "detail-type": "CloudWatch Alarm State Change",
  source: "aws.cloudwatch",
  account: "123456789012",
  time: "2026-01-01T00:00:00Z",
  region: "eu-west-1",
  resources: ["arn:aws:cloudwatch:eu-west-1:123456789012:alarm:high-cpu"],
  detail: {
    alarmName: "high-cpu",
    state: { value: "ALARM", reason: "Threshold Crossed", timestamp: "2026-01-01T00:00:00Z" },
    previousState: { value: "OK", reason: "ok", timestamp: "2025-12-31T00:00:00Z" },
    configuration: { threshold: 80, comparisonOperator: "GreaterThanThreshold" },
  },
};

function rule(name: string, alarmContext: boolean): CompiledRule {
  return { name, alarmContext } as unknown as CompiledRule;
}

const NOW = "2026-01-01T00:00:01.000Z";
const expected = alarmViewFromEvent(alarmEvent);

describe("contextOf", () => {
  it("has event, rule and now, and alarm last when the rule has it and the event a view", () => {
    const alarm = alarmFor(alarmEvent, [rule("a", true)]);
    expect(alarm).toBeInstanceOf(LazyAlarm);
    const context = contextOf(rule("a", true), alarmEvent, NOW, alarm);
    expect(Object.keys(context)).toEqual(["event", "rule", "now", "alarm"]);
    expect(context.rule).toEqual({ name: "a", description: "" });
    const descriptor = Object.getOwnPropertyDescriptor(context, "alarm");
    expect(descriptor?.enumerable).toBe(true);
    expect(descriptor?.configurable).toBe(true);
    expect(context.alarm).toEqual(expected);
  });

  it("leaves alarm out for a rule without it, and for an event without a view", () => {
    const alarm = alarmFor(alarmEvent, [rule("a", true)]);
    expect(Object.keys(contextOf(rule("b", false), alarmEvent, NOW, alarm))).toEqual([
      "event",
      "rule",
      "now",
    ]);
    const other = { ...alarmEvent, "detail-type": "Something Else" };
    expect(alarmFor(other, [rule("a", true)])).toBeUndefined();
    expect(alarmFor(alarmEvent, [rule("b", false)])).toBeUndefined();
  });

  it("builds the view once for all contexts of an event, and each context reads its own event's", () => {
    const alarm = alarmFor(alarmEvent, [rule("a", true)]) as LazyAlarm;
    const one = contextOf(rule("a", true), alarmEvent, NOW, alarm);
    const two = contextOf(rule("b", true), alarmEvent, NOW, alarm);
    expect(one.alarm).toBe(two.alarm);
    const otherEvent = { ...alarmEvent, detail: { ...alarmEvent.detail, alarmName: "other" } };
    const three = contextOf(rule("a", true), otherEvent, NOW, alarmFor(otherEvent, [rule("a", true)]));
    expect((three.alarm as { name: string }).name).toBe("other");
    expect((one.alarm as { name: string }).name).toBe("high-cpu");
  });

  it("copies, serialises and assigns as a plain property", () => {
    const make = () => contextOf(rule("a", true), alarmEvent, NOW, alarmFor(alarmEvent, [rule("a", true)]));
    expect({ ...make() }.alarm).toEqual(expected);
    expect(JSON.parse(JSON.stringify(make())).alarm).toEqual(JSON.parse(JSON.stringify(expected)));
    expect("alarm" in make()).toBe(true);
    const assigned = make();
    assigned.alarm = 42;
    expect(assigned.alarm).toBe(42);
    expect(Object.getOwnPropertyDescriptor(assigned, "alarm")).toEqual({
      value: 42,
      writable: true,
      enumerable: true,
      configurable: true,
    });
    expect(Object.keys(assigned)).toEqual(["event", "rule", "now", "alarm"]);
  });

  it("reads through an object inheriting from a context, and assigns on that object", () => {
    const context = contextOf(rule("a", true), alarmEvent, NOW, alarmFor(alarmEvent, [rule("a", true)]));
    const derived = Object.create(context) as Record<string, unknown>;
    expect(derived.alarm).toEqual(expected);
    derived.alarm = "mine";
    expect(derived.alarm).toBe("mine");
    expect(Object.hasOwn(derived, "alarm")).toBe(true);
    expect(context.alarm).toEqual(expected);
  });
});
