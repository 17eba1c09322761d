import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  alarmEventFromSnsMessage,
  alarmViewFromEvent,
  isSnsAlarmMessage,
} from "../../../engine/alarm/index.js";

const EVENTS = new URL("../../../examples/events/", import.meta.url);

function sample(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(new URL(name, EVENTS), "utf8")) as Record<string, unknown>;
}

/** The parsed Message of the first record of a Lambda SNS envelope, and the record's metadata. */
function envelope(name: string): {
  message: unknown;
  meta: { messageId: string; timestamp: string; topicArn: string };
} {
  const records = sample(name).Records as { Sns: Record<string, string> }[];
  const sns = records[0]!.Sns;
  return {
    message: JSON.parse(sns.Message!) as unknown,
    meta: { messageId: sns.MessageId!, timestamp: sns.Timestamp!, topicArn: sns.TopicArn! },
  };
}

const single = sample("cloudwatch-alarm-sns-message-single-metric.json");
const multiple = sample("cloudwatch-alarm-sns-message-multiple-metrics.json");

describe("isSnsAlarmMessage", () => {
  it.each<[string, unknown, boolean]>([
    ["AWS's single-metric sample", single, true],
    ["AWS's metric-math sample", multiple, true],
    [
      "a composite alarm notification",
      { AlarmName: "c", NewStateValue: "OK", AlarmRule: "ALARM(a)", NewStateReason: "r" },
      true,
    ],
    ["an EventBridge event", sample("cloudwatch-alarm-state-change-alb-unhealthy.json"), false],
    ["an SNS envelope (not its message)", sample("sns-envelope-cloudwatch-alarm-single-metric.json"), false],
    ["an unknown state", { ...single, NewStateValue: "BROKEN" }, false],
    ["no alarm name", { ...single, AlarmName: "" }, false],
    ["only a name and a state", { AlarmName: "a", NewStateValue: "ALARM" }, false],
    ["a plain text message", "Hello from SNS!", false],
    ["null", null, false],
  ])("%s → %s", (_name, message, expected) => {
    expect(isSnsAlarmMessage(message)).toBe(expected);
  });
});

describe("alarmEventFromSnsMessage", () => {
  it("builds the EventBridge state-change event for AWS's single-metric sample", () => {
    expect(alarmEventFromSnsMessage(single)).toEqual({
      version: "0",
      id: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/),
      "detail-type": "CloudWatch Alarm State Change",
      source: "aws.cloudwatch",
      account: "123456789012",
      time: "2015-06-03T17:43:27Z",
      // No region: the ARN and the Region field are placeholders in AWS's sample.
      resources: ["arn:aws:cloudwatch:REGION:ACCOUNT_NUMBER:alarm:EXAMPLE"],
      detail: {
        alarmName: "EXAMPLE",
        state: {
          value: "ALARM",
          reason:
            "Threshold Crossed: 1 out of the last 1 datapoints [1234.0 (06/03/15 17:43:27)] was greater than the threshold (0.0) (minimum 1 datapoint for OK -> ALARM transition).",
          timestamp: "2015-06-03T17:43:27.123+0000",
        },
        previousState: { value: "INSUFFICIENT_DATA" },
        configuration: {
          description: "EXAMPLE",
          metrics: [
            {
              id: "m1",
              metricStat: {
                metric: {
                  namespace: "AWS/EC2",
                  name: "NetworkOut",
                  dimensions: { InstanceId: "TestInstance" },
                },
                period: 60,
                stat: "Average",
                unit: "Bytes",
              },
              returnData: true,
            },
          ],
          threshold: 0,
          comparisonOperator: "GreaterThanThreshold",
          evaluationPeriods: 1,
          treatMissingData: "missing",
        },
      },
    });
  });

  it("carries metric math over in EventBridge's shape", () => {
    const event = alarmEventFromSnsMessage(multiple) as {
      account?: string;
      detail: { configuration: unknown };
    };
    expect(event.account).toBeUndefined(); // AWSAccountId is "EXAMPLE"
    expect(event.detail.configuration).toMatchObject({
      metrics: [
        { id: "e1", expression: "m1*1", label: "Expression1", returnData: true },
        {
          id: "m1",
          metricStat: {
            metric: { namespace: "AWS/EC2", name: "NetworkOut", dimensions: { InstanceId: "TestInstance" } },
            period: 60,
            stat: "Average",
          },
          returnData: false,
        },
      ],
    });
  });

  it("gives the alarm view AWS's samples describe", () => {
    expect(alarmViewFromEvent(alarmEventFromSnsMessage(single))).toEqual({
      name: "EXAMPLE",
      state: "ALARM",
      previousState: "INSUFFICIENT_DATA",
      reason: single.NewStateReason,
      value: 1234,
      threshold: 0,
      comparison: "GreaterThanThreshold",
      metric: {
        namespace: "AWS/EC2",
        name: "NetworkOut",
        dimensions: { InstanceId: "TestInstance" },
        statistic: "Average",
      },
      arn: "arn:aws:cloudwatch:REGION:ACCOUNT_NUMBER:alarm:EXAMPLE",
      account: "123456789012",
      region: null,
      time: "2015-06-03T17:43:27Z",
    });
    expect(alarmViewFromEvent(alarmEventFromSnsMessage(multiple))).toMatchObject({
      metric: null,
      value: 1234,
    });
  });
});

describe("one rule for both paths (seed 001: ALB HealthyHostCount <= 0)", () => {
  const viaEventBridge = sample("cloudwatch-alarm-state-change-alb-unhealthy.json");
  const { message, meta } = envelope("sns-envelope-alb-unhealthy.json");
  const viaSns = alarmEventFromSnsMessage(message, meta);

  it("the synthesized event has what the alarm rule's pattern matches on, with the same values", () => {
    const pick = (e: Record<string, unknown>) => {
      const detail = e.detail as {
        alarmName: unknown;
        state: { value: unknown };
        previousState: { value: unknown };
      };
      return {
        source: e.source,
        "detail-type": e["detail-type"],
        account: e.account,
        region: e.region,
        time: e.time,
        resources: e.resources,
        alarmName: detail.alarmName,
        state: detail.state.value,
        previousState: detail.previousState.value,
      };
    };
    expect(pick(viaSns)).toEqual(pick(viaEventBridge));
  });

  it("the alarm view is identical, comparison and threshold included", () => {
    const view = alarmViewFromEvent(viaSns);
    expect(view).toEqual(alarmViewFromEvent(viaEventBridge));
    expect(view).toMatchObject({ value: 0, threshold: 0, comparison: "LessThanOrEqualToThreshold" });
  });
});

describe("fields SNS spells differently", () => {
  const base = {
    AlarmName: "a",
    NewStateValue: "ALARM",
    NewStateReason: "r",
    StateChangeTime: "2021-02-15T14:57:14.419+0000",
  };

  it.each([
    ["AVERAGE", "Statistic", "Average"],
    ["SAMPLE_COUNT", "Statistic", "SampleCount"],
    ["MAXIMUM", "Statistic", "Maximum"],
    ["Sum", undefined, "Sum"],
    ["p99", "ExtendedStatistic", "p99"],
  ])("Statistic %s (%s) → %s", (statistic, statisticType, expected) => {
    const trigger = {
      MetricName: "M",
      Namespace: "N",
      Statistic: statistic,
      StatisticType: statisticType,
      Dimensions: [],
    };
    const view = alarmViewFromEvent(alarmEventFromSnsMessage({ ...base, Trigger: trigger }));
    expect(view?.metric?.statistic).toBe(expected);
  });

  it.each([
    ["- TreatMissingData:                    missing", "missing"],
    ["- TreatMissingData:                    Breaching", "breaching"],
    ["notBreaching", "notBreaching"],
    ["ignore", "ignore"],
    ["", undefined],
    ["something else", undefined],
  ])("TreatMissingData %j → %s", (raw, expected) => {
    const event = alarmEventFromSnsMessage({ ...base, Trigger: { TreatMissingData: raw } }) as {
      detail: { configuration: Record<string, unknown> };
    };
    expect(event.detail.configuration.treatMissingData).toBe(expected);
  });

  it("accepts Name/Value dimensions and a composite alarm's rule", () => {
    const event = alarmEventFromSnsMessage({
      ...base,
      AlarmRule: "ALARM(x) OR ALARM(y)",
      Trigger: { MetricName: "M", Dimensions: [{ Name: "K", Value: "V" }, { name: "bad" }] },
    }) as {
      detail: { configuration: { alarmRule: string; metrics: { metricStat: { metric: unknown } }[] } };
    };
    expect(event.detail.configuration.alarmRule).toBe("ALARM(x) OR ALARM(y)");
    expect(event.detail.configuration.metrics[0]?.metricStat.metric).toEqual({
      name: "M",
      dimensions: { K: "V" },
    });
  });
});

describe("id and time", () => {
  const base = {
    AlarmName: "a",
    NewStateValue: "ALARM",
    NewStateReason: "r",
    AlarmArn: "arn:aws:cloudwatch:us-east-1:123456789012:alarm:a",
  };

  it("the same state change has the same id, whichever topic or delivery brought it", () => {
    const m = { ...base, StateChangeTime: "2019-10-02T17:04:40.989+0000" };
    const a = alarmEventFromSnsMessage(m, {
      messageId: "m-1",
      topicArn: "arn:aws:sns:us-east-1:123456789012:t1",
    });
    const b = alarmEventFromSnsMessage(
      { ...m, Trigger: {} },
      { messageId: "m-2", topicArn: "arn:aws:sns:us-east-1:123456789012:t2" },
    );
    expect(a.id).toBe(b.id);
  });

  it("a different state or time is a different id", () => {
    const ids = new Set(
      [
        { ...base, StateChangeTime: "2019-10-02T17:04:40.989+0000" },
        { ...base, StateChangeTime: "2019-10-02T17:05:40.989+0000" },
        { ...base, NewStateValue: "OK", StateChangeTime: "2019-10-02T17:04:40.989+0000" },
      ].map((m) => alarmEventFromSnsMessage(m).id),
    );
    expect(ids.size).toBe(3);
  });

  it("without a state change time: the SNS message id and timestamp", () => {
    const event = alarmEventFromSnsMessage(base, {
      messageId: "95df01b4-ee98-5cb9-9903-4c221d41eb5e",
      timestamp: "2015-06-03T17:43:27.123Z",
    });
    expect(event).toMatchObject({ id: "95df01b4-ee98-5cb9-9903-4c221d41eb5e", time: "2015-06-03T17:43:27Z" });
    expect((event.detail as { state: { timestamp: string } }).state.timestamp).toBe(
      "2015-06-03T17:43:27.123Z",
    );
  });

  it.each([
    ["2015-06-03T17:43:27.123+0000", "2015-06-03T17:43:27Z"],
    ["2021-02-15T23:57:14.419+0900", "2021-02-15T14:57:14Z"],
    ["2026-07-07T00:00:00Z", "2026-07-07T00:00:00Z"],
    ["2026-07-07T00:00:00", "2026-07-07T00:00:00Z"],
    ["not a time", undefined],
  ])("StateChangeTime %s → time %s", (raw, expected) => {
    expect(alarmEventFromSnsMessage({ ...base, StateChangeTime: raw }).time).toBe(expected);
  });
});
