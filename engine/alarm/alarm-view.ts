import {
  comparisonFromReason,
  isRecord,
  latestFromReason,
  latestFromReasonData,
  parseReasonData,
  thresholdFromReason,
  toNumber,
} from "./alarm-reason.js";

export const ALARM_SOURCE = "aws.cloudwatch";
export const ALARM_STATE_CHANGE = "CloudWatch Alarm State Change";

export interface AlarmMetric {
  namespace: string | null;
  name: string | null;
  dimensions: Record<string, string>;
  statistic: string | null;
}

/**
 * The `alarm` context of a rule: one flat, stable shape for an alarm state change, whichever way
 * it arrived (EventBridge, or an SNS alarm notification turned into the same event).
 */
export interface AlarmView {
  name: string;
  /** `OK` | `ALARM` | `INSUFFICIENT_DATA`. */
  state: string;
  previousState: string | null;
  reason: string;
  /** The latest datapoint CloudWatch evaluated, when the change names one. */
  value: number | null;
  threshold: number | null;
  /** A CloudWatch ComparisonOperator, e.g. `LessThanOrEqualToThreshold`. */
  comparison: string | null;
  /** The metric the alarm watches; null for composite alarms and metric-math expressions. */
  metric: AlarmMetric | null;
  arn: string | null;
  account: string | null;
  region: string | null;
  time: string | null;
}

/**
 * The alarm view of a `CloudWatch Alarm State Change` event; null for any other event (or one
 * without an alarm name and state). Never throws.
 *
 * Sources, first match wins:
 * - value: reasonData (`recentDatapoints`, `evaluatedDatapoints`), then the reason sentence;
 * - threshold: `configuration.threshold`, reasonData, the reason, then the previous state's;
 * - comparison: `configuration.comparisonOperator` (present in events built from SNS messages),
 *   then the wording of the reason, then of the previous state's reason.
 */
export function alarmViewFromEvent(event: unknown): AlarmView | null {
  const head = alarmHead(event);
  if (head === null) return null;
  const { event: e, detail, state, name, stateValue } = head;
  return viewOf(e, detail, state, name, stateValue);
}

/**
 * Whether alarmViewFromEvent has a view for this event, without building it (the cheap part of
 * its checks: the reason data is not parsed).
 */
export function hasAlarmView(event: unknown): boolean {
  return alarmHead(event) !== null;
}

/** What decides whether an event has an alarm view, read once; null when it has none. */
function alarmHead(event: unknown): {
  event: Record<string, unknown>;
  detail: Record<string, unknown>;
  state: Record<string, unknown>;
  name: string;
  stateValue: string;
} | null {
  if (!isRecord(event) || event.source !== ALARM_SOURCE || event["detail-type"] !== ALARM_STATE_CHANGE)
    return null;
  const detail = event.detail;
  if (!isRecord(detail)) return null;
  const state = isRecord(detail.state) ? detail.state : {};
  const name = str(detail.alarmName);
  const stateValue = str(state.value);
  if (name === null || stateValue === null) return null;
  return { event, detail, state, name, stateValue };
}

function viewOf(
  event: Record<string, unknown>,
  detail: Record<string, unknown>,
  state: Record<string, unknown>,
  name: string,
  stateValue: string,
): AlarmView {
  const previous = isRecord(detail.previousState) ? detail.previousState : {};
  const configuration = isRecord(detail.configuration) ? detail.configuration : {};
  const reason = str(state.reason) ?? "";
  const previousReason = str(previous.reason) ?? "";
  const reasonData = parseReasonData(state.reasonData);
  const previousData = parseReasonData(previous.reasonData);

  return {
    name,
    state: stateValue,
    previousState: str(previous.value),
    reason,
    value: latestFromReasonData(reasonData) ?? latestFromReason(reason),
    threshold:
      toNumber(configuration.threshold) ??
      toNumber(reasonData?.threshold) ??
      thresholdFromReason(reason) ??
      toNumber(previousData?.threshold) ??
      thresholdFromReason(previousReason),
    comparison:
      str(configuration.comparisonOperator) ??
      comparisonFromReason(reason) ??
      comparisonFromReason(previousReason),
    metric: metricOf(configuration.metrics),
    arn: alarmArn(event.resources),
    account: str(event.account),
    region: str(event.region),
    time: str(event.time),
  };
}

/**
 * The watched metric: the first `metricStat` the alarm returns (`returnData` not false). For a
 * single-metric alarm that is its metric; for anomaly detection, the metric the band is built on;
 * for metric math whose returned series is an expression, none (null).
 */
function metricOf(metrics: unknown): AlarmMetric | null {
  if (!Array.isArray(metrics)) return null;
  for (const entry of metrics) {
    if (!isRecord(entry) || entry.returnData === false || !isRecord(entry.metricStat)) continue;
    const stat = entry.metricStat;
    const metric = isRecord(stat.metric) ? stat.metric : {};
    return {
      namespace: str(metric.namespace),
      name: str(metric.name),
      dimensions: dimensionsOf(metric.dimensions),
      statistic: str(stat.stat),
    };
  }
  return null;
}

function dimensionsOf(raw: unknown): Record<string, string> {
  if (!isRecord(raw)) return {};
  // fromEntries keeps a dimension literally named `__proto__` as data.
  return Object.fromEntries(
    Object.entries(raw).filter((e): e is [string, string] => typeof e[1] === "string"),
  );
}

function alarmArn(resources: unknown): string | null {
  if (!Array.isArray(resources)) return null;
  const arn = resources.find((r): r is string => typeof r === "string" && r.includes(":alarm:"));
  return arn ?? null;
}

function str(value: unknown): string | null {
  return typeof value === "string" && value !== "" ? value : null;
}
