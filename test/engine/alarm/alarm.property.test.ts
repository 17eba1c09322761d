import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  alarmEventFromSnsMessage,
  alarmViewFromEvent,
  isSnsAlarmMessage,
} from "../../../engine/alarm/index.js";

const json = fc.jsonValue({ maxDepth: 5 });
const text = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.constantFrom("", "REGION", "EXAMPLE", "US East (N. Virginia)"),
);
const numberish = fc.oneof(fc.double(), fc.integer(), fc.string({ maxLength: 6 }), fc.constant(null));

/** Reasons in CloudWatch's wording, with random numbers and words mixed in. */
const reason = fc
  .tuple(
    fc.constantFrom("Threshold Crossed: ", "Thresholds Crossed: ", "", "Insufficient Data: "),
    fc.constantFrom("1 datapoint ", "3 out of the last 3 datapoints ", "no datapoints were received "),
    fc.array(
      fc.tuple(
        fc.oneof(fc.double().map(String), fc.constant("[Breaching]")),
        fc.constantFrom("", " (02/10/19 17:03:00)"),
      ),
      { maxLength: 3 },
    ),
    fc.constantFrom("was ", "were ", "was not "),
    fc.constantFrom(
      "greater than",
      "less than or equal to",
      "less than the lower thresholds [1] or greater than",
    ),
    fc.constantFrom(" the threshold (", " the upper thresholds [", " the threshold ("),
    fc.oneof(fc.double().map(String), fc.string({ maxLength: 4 })),
    fc.constantFrom(").", "]", ""),
  )
  .map(
    ([a, b, points, c, d, e, n, f]) =>
      `${a}${b}[${points.map(([v, t]) => v + t).join(", ")}] ${c}${d}${e}${n}${f}`,
  );

const snsMessage = fc.record(
  {
    AlarmName: fc.string({ minLength: 1, maxLength: 20 }),
    NewStateValue: fc.constantFrom("OK", "ALARM", "INSUFFICIENT_DATA"),
    NewStateReason: reason,
    OldStateValue: fc.oneof(fc.constantFrom("OK", "ALARM"), json),
    StateChangeTime: fc.oneof(
      fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
      text,
    ),
    Region: text,
    AWSAccountId: fc.oneof(fc.constant("123456789012"), text),
    AlarmArn: fc.oneof(fc.constant("arn:aws:cloudwatch:us-east-1:123456789012:alarm:x"), text),
    AlarmDescription: fc.oneof(text, fc.constant(null)),
    Trigger: fc.oneof(
      json,
      fc.record(
        {
          MetricName: text,
          Namespace: text,
          Statistic: text,
          StatisticType: fc.constantFrom("Statistic", "ExtendedStatistic"),
          Dimensions: fc.oneof(json, fc.array(fc.record({ name: text, value: fc.oneof(text, json) }))),
          Period: numberish,
          ComparisonOperator: fc.oneof(
            text,
            fc.constantFrom("GreaterThanThreshold", "LessThanOrEqualToThreshold"),
          ),
          Threshold: numberish,
          TreatMissingData: fc.oneof(text, json),
          Metrics: fc.oneof(json, fc.array(json, { maxLength: 3 })),
        },
        { requiredKeys: [] },
      ),
    ),
  },
  { requiredKeys: ["AlarmName", "NewStateValue", "NewStateReason"] },
);

const stateChange = fc.record({
  source: fc.constant("aws.cloudwatch"),
  "detail-type": fc.constant("CloudWatch Alarm State Change"),
  resources: json,
  detail: fc.record(
    {
      alarmName: fc.oneof(fc.string(), json),
      state: fc.oneof(
        json,
        fc.record({ value: fc.string(), reason: fc.oneof(reason, json), reasonData: json }),
      ),
      previousState: fc.oneof(json, fc.record({ value: fc.string(), reason: fc.oneof(reason, json) })),
      configuration: fc.oneof(
        json,
        fc.record({ metrics: json, threshold: numberish, comparisonOperator: json }),
      ),
    },
    { requiredKeys: [] },
  ),
});

describe("alarm views never throw, whatever arrives", () => {
  it("any JSON: no exception, and a view only for alarm state changes", () => {
    fc.assert(
      fc.property(json, (value) => {
        isSnsAlarmMessage(value);
        const event = alarmEventFromSnsMessage(value);
        expect(event.source).toBe("aws.cloudwatch");
        expect(alarmEventFromSnsMessage(value, value as never).source).toBe("aws.cloudwatch"); // junk metadata too
        alarmViewFromEvent(event);
        expect(alarmViewFromEvent(value)).toBeNull(); // JSON this random is never an alarm state change
      }),
      { numRuns: 500 },
    );
  });

  it("near-miss state changes: no exception; a view has the documented types", () => {
    fc.assert(
      fc.property(stateChange, (event) => {
        const view = alarmViewFromEvent(event);
        if (view === null) return;
        expect(typeof view.name).toBe("string");
        expect(typeof view.state).toBe("string");
        for (const n of [view.value, view.threshold]) expect(n === null || Number.isFinite(n)).toBe(true);
        for (const v of Object.values(view.metric?.dimensions ?? {})) expect(typeof v).toBe("string");
      }),
      { numRuns: 1000 },
    );
  });

  it("SNS alarm messages: the synthesized event is plain JSON and its view keeps name, state, comparison, threshold", () => {
    fc.assert(
      fc.property(
        snsMessage,
        fc.record({ messageId: text, timestamp: text, topicArn: text }, { requiredKeys: [] }),
        (m, meta) => {
          expect(isSnsAlarmMessage(m)).toBe(true);
          const event = alarmEventFromSnsMessage(m, meta);
          expect(JSON.parse(JSON.stringify(event))).toEqual(event);
          const view = alarmViewFromEvent(event);
          expect(view).not.toBeNull();
          expect(view?.name).toBe(m.AlarmName);
          expect(view?.state).toBe(m.NewStateValue);
          const trigger = m.Trigger as Record<string, unknown> | undefined;
          if (trigger && typeof trigger === "object" && !Array.isArray(trigger)) {
            const op = trigger.ComparisonOperator;
            if (typeof op === "string" && op !== "") expect(view?.comparison).toBe(op);
            const t = trigger.Threshold;
            // === on purpose: -0 comes out as 0, which is the same threshold.
            if (typeof t === "number" && Number.isFinite(t)) expect(view?.threshold === t).toBe(true);
          }
        },
      ),
      { numRuns: 1000 },
    );
  });
});
