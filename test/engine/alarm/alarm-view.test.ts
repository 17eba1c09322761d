import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { type AlarmView, alarmViewFromEvent, hasAlarmView } from "../../../engine/alarm/index.js";

const EVENTS = new URL("../../../examples/events/", import.meta.url);

function sample(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(new URL(name, EVENTS), "utf8")) as Record<string, unknown>;
}

const account = "123456789012";
const region = "us-east-1";
const arn = (name: string) => `arn:aws:cloudwatch:us-east-1:123456789012:alarm:${name}`;

describe("alarmViewFromEvent on AWS's sample state changes", () => {
  it.each<[string, AlarmView]>([
    [
      "cloudwatch-alarm-state-change-alb-unhealthy.json",
      {
        name: "ALBNoHealthyHosts",
        state: "ALARM",
        previousState: "OK",
        reason:
          "Threshold Crossed: 1 out of the last 1 datapoints [0.0 (02/10/19 17:03:00)] was less than or equal to the threshold (0.0) (minimum 1 datapoint for OK -> ALARM transition).",
        value: 0,
        threshold: 0,
        comparison: "LessThanOrEqualToThreshold",
        metric: {
          namespace: "AWS/ApplicationELB",
          name: "HealthyHostCount",
          dimensions: {
            TargetGroup: "targetgroup/my-targets/73e2d6bc24d8a067",
            LoadBalancer: "app/my-load-balancer/50dc6c495c0c9188",
          },
          statistic: "Minimum",
        },
        arn: arn("ALBNoHealthyHosts"),
        account,
        region,
        time: "2019-10-02T17:04:40Z",
      },
    ],
    [
      "cloudwatch-alarm-state-change-single-metric.json",
      {
        name: "ServerCpuTooHigh",
        state: "ALARM",
        previousState: "OK",
        reason:
          "Threshold Crossed: 1 out of the last 1 datapoints [99.50160229693434 (02/10/19 16:59:00)] was greater than the threshold (50.0) (minimum 1 datapoint for OK -> ALARM transition).",
        value: 99.50160229693434,
        threshold: 50,
        comparison: "GreaterThanThreshold",
        metric: {
          namespace: "AWS/EC2",
          name: "CPUUtilization",
          dimensions: { InstanceId: "i-12345678901234567" },
          statistic: "Average",
        },
        arn: arn("ServerCpuTooHigh"),
        account,
        region,
        time: "2019-10-02T17:04:40Z",
      },
    ],
    [
      "cloudwatch-alarm-state-change-metric-math.json",
      {
        name: "TotalNetworkTrafficTooHigh",
        state: "ALARM",
        previousState: "INSUFFICIENT_DATA",
        reason:
          "Threshold Crossed: 1 out of the last 1 datapoints [45628.0 (02/10/19 17:10:00)] was greater than the threshold (10000.0) (minimum 1 datapoint for OK -> ALARM transition).",
        value: 45628,
        threshold: 10000,
        comparison: "GreaterThanThreshold",
        metric: null,
        arn: arn("TotalNetworkTrafficTooHigh"),
        account,
        region,
        time: "2019-10-02T17:20:48Z",
      },
    ],
    [
      "cloudwatch-alarm-state-change-anomaly-detection.json",
      {
        name: "EC2 CPU Utilization Anomaly",
        state: "ALARM",
        previousState: "OK",
        reason:
          "Thresholds Crossed: 1 out of the last 1 datapoints [0.0 (03/10/19 15:58:00)] was less than the lower thresholds [0.020599444741798756] or greater than the upper thresholds [0.3006915352732461] (minimum 1 datapoint for OK -> ALARM transition).",
        value: 0,
        threshold: null,
        comparison: "LessThanLowerOrGreaterThanUpperThreshold",
        metric: {
          namespace: "AWS/EC2",
          name: "CPUUtilization",
          dimensions: { InstanceId: "i-12345678901234567" },
          statistic: "Average",
        },
        arn: arn("EC2 CPU Utilization Anomaly"),
        account,
        region,
        time: "2019-10-03T16:00:04Z",
      },
    ],
    [
      "cloudwatch-alarm-state-change-composite-with-suppressor.json",
      {
        name: "ServiceAggregatedAlarm",
        state: "ALARM",
        previousState: "OK",
        reason:
          "arn:aws:cloudwatch:us-east-1:123456789012:alarm:SuppressionDemo.EventBridge.FirstChild transitioned to ALARM at Friday 22 July, 2022 15:57:45 UTC",
        value: null,
        threshold: null,
        comparison: null,
        metric: null,
        arn: arn("ServiceAggregatedAlarm"),
        account,
        region,
        time: "2022-07-22T15:57:45Z",
      },
    ],
  ])("%s", (file, expected) => {
    expect(alarmViewFromEvent(sample(file))).toEqual(expected);
  });
});

describe("alarmViewFromEvent on anything else", () => {
  const others = readdirSync(EVENTS).filter(
    (f) => f.endsWith(".json") && !f.startsWith("cloudwatch-alarm-state-change-"),
  );

  it("has other samples to try (configuration changes, ECS, Auto Scaling, envelopes)", () => {
    expect(others.length).toBeGreaterThan(20);
  });

  it.each(others)("%s → null", (file) => {
    expect(alarmViewFromEvent(sample(file))).toBeNull();
  });

  it.each([
    ["null", null],
    ["a string", "CloudWatch Alarm State Change"],
    ["an array", []],
    [
      "the right type from another source",
      { source: "custom.app", "detail-type": "CloudWatch Alarm State Change", detail: {} },
    ],
    ["no detail", { source: "aws.cloudwatch", "detail-type": "CloudWatch Alarm State Change" }],
    [
      "no alarm name",
      {
        source: "aws.cloudwatch",
        "detail-type": "CloudWatch Alarm State Change",
        detail: { state: { value: "OK" } },
      },
    ],
    [
      "no state",
      {
        source: "aws.cloudwatch",
        "detail-type": "CloudWatch Alarm State Change",
        detail: { alarmName: "a" },
      },
    ],
  ])("%s → null", (_name, event) => {
    expect(alarmViewFromEvent(event)).toBeNull();
  });
});

/** A minimal state change, to vary one part at a time. */
function change(
  state: Record<string, unknown>,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    source: "aws.cloudwatch",
    "detail-type": "CloudWatch Alarm State Change",
    detail: { alarmName: "a", state: { value: "ALARM", ...state }, ...extra },
  };
}

describe("metric", () => {
  it("keeps only string dimensions and never turns a `__proto__` dimension into a prototype", () => {
    const metrics = JSON.parse(
      '[{"id":"m","metricStat":{"metric":{"namespace":"N","name":"M","dimensions":{"__proto__":"x","A":"1","B":2}},"stat":"p99"},"returnData":true}]',
    ) as unknown;
    const metric = alarmViewFromEvent(change({}, { configuration: { metrics } }))?.metric;
    expect(metric?.statistic).toBe("p99");
    expect(Object.getPrototypeOf(metric?.dimensions)).toBe(Object.prototype);
    expect(Object.entries(metric?.dimensions ?? {})).toEqual([
      ["__proto__", "x"],
      ["A", "1"],
    ]);
  });
});

describe("hasAlarmView", () => {
  const change = sample("cloudwatch-alarm-state-change-single-metric.json");
  const detail = change.detail as Record<string, unknown>;
  const cases: [string, unknown][] = [
    ["an alarm state change", change],
    ["another source", { ...change, source: "aws.ecs" }],
    ["another detail-type", { ...change, "detail-type": "CloudWatch Alarm Configuration Change" }],
    ["no detail", { ...change, detail: undefined }],
    ["a detail that is an array", { ...change, detail: [] }],
    ["no alarm name", { ...change, detail: { ...detail, alarmName: undefined } }],
    ["an empty alarm name", { ...change, detail: { ...detail, alarmName: "" } }],
    ["no state", { ...change, detail: { ...detail, state: undefined } }],
    ["a state without value", { ...change, detail: { ...detail, state: { reason: "r" } } }],
    ["no reason data", { ...change, detail: { ...detail, state: { value: "OK" } } }],
    ["not an object", "event"],
    ["null", null],
    ...readdirSync(EVENTS)
      .filter((f) => f.endsWith(".json"))
      .map((f): [string, unknown] => [f, sample(f)]),
  ];
  it.each(cases)("is whether alarmViewFromEvent has a view: %s", (_name, event) => {
    expect(hasAlarmView(event)).toBe(alarmViewFromEvent(event) !== null);
  });
});
