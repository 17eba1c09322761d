import { createHash } from "node:crypto";
import { isRecord, toNumber } from "./alarm-reason.js";
import { ALARM_SOURCE, ALARM_STATE_CHANGE } from "./alarm-view.js";
import { isAccountId, isRegionCode, parseArn, partitionOf, regionCode } from "./aws-regions.js";

/** Where an SNS notification came from; all optional (a bare message body has none). */
export interface SnsMeta {
  messageId?: string;
  timestamp?: string;
  topicArn?: string;
}

const STATES = new Set(["OK", "ALARM", "INSUFFICIENT_DATA"]);

/** SNS spells statistics in capitals; EventBridge (and the CloudWatch API) in Pascal case. */
const STATISTICS: Readonly<Record<string, string>> = {
  average: "Average",
  sum: "Sum",
  minimum: "Minimum",
  maximum: "Maximum",
  samplecount: "SampleCount",
};

const TREAT_MISSING: Readonly<Record<string, string>> = {
  breaching: "breaching",
  notbreaching: "notBreaching",
  ignore: "ignore",
  missing: "missing",
};

/**
 * Whether a parsed SNS `Message` is a CloudWatch alarm notification (the classic
 * alarm → SNS → Lambda path): an alarm name, a known new state, and one more alarm field.
 */
export function isSnsAlarmMessage(message: unknown): boolean {
  if (!isRecord(message)) return false;
  return (
    typeof message.AlarmName === "string" &&
    message.AlarmName !== "" &&
    typeof message.NewStateValue === "string" &&
    STATES.has(message.NewStateValue) &&
    (typeof message.NewStateReason === "string" ||
      typeof message.StateChangeTime === "string" ||
      typeof message.AlarmArn === "string" ||
      isRecord(message.Trigger))
  );
}

/**
 * The `CloudWatch Alarm State Change` event EventBridge would have delivered for the change an SNS
 * alarm notification reports, so one rule pattern (and one `alarm` view) serves both paths.
 *
 * - `id`: derived from (alarm, new state, state change time), so redeliveries and the same change
 *   reaching the Lambda through two topics share an id (idempotency); `messageId` is used only when
 *   the message has no state change time.
 * - `account`/`region`: from the alarm ARN, else `AWSAccountId` / the `Region` display name, else
 *   the topic ARN; left out when none is a real account id or region code (samples use `EXAMPLE`).
 * - `time`: `StateChangeTime` (else the SNS timestamp) in EventBridge's `2019-10-02T17:04:40Z` form.
 * - `detail.configuration` carries what SNS's `Trigger` says: `metrics` in EventBridge's shape,
 *   plus `threshold`, `comparisonOperator`, `evaluationPeriods`, `datapointsToAlarm` and
 *   `treatMissingData` under the names CloudWatch's own configuration events use. The state-change
 *   event has no such fields; they are what lets the `alarm` view give comparison and threshold.
 *
 * Total: any input gives an event (check isSnsAlarmMessage first to know it is an alarm).
 */
export function alarmEventFromSnsMessage(message: unknown, snsMeta?: SnsMeta): Record<string, unknown> {
  const m = isRecord(message) ? message : {};
  const meta: Record<string, unknown> = isRecord(snsMeta) ? snsMeta : {};
  const topic = parseArn(meta.topicArn);
  const arnIn = str(m.AlarmArn);
  const arnParts = parseArn(arnIn);
  const name = str(m.AlarmName) ?? nameFromArn(arnIn) ?? "";
  const region = [arnParts?.region, regionCode(m.Region), topic?.region].find(isRegionCode);
  const account = [m.AWSAccountId, arnParts?.account, topic?.account].find(isAccountId);
  const arn =
    arnIn ??
    (region && account && name
      ? `arn:${partitionOf(region)}:cloudwatch:${region}:${account}:alarm:${name}`
      : null);
  const changedAt = str(m.StateChangeTime);
  const time = eventTime(changedAt) ?? eventTime(meta.timestamp);

  const state: Record<string, unknown> = { value: str(m.NewStateValue) ?? "" };
  if (str(m.NewStateReason) !== null) state.reason = m.NewStateReason;
  // Not in AWS's documented samples; kept if a notification ever carries it, as EventBridge does.
  const reasonData = m.NewStateReasonData;
  if (typeof reasonData === "string" || isRecord(reasonData)) state.reasonData = reasonData;
  const stateTimestamp = changedAt ?? str(meta.timestamp);
  if (stateTimestamp !== null) state.timestamp = stateTimestamp;

  const detail: Record<string, unknown> = { alarmName: name, state };
  const previous = str(m.OldStateValue);
  if (previous !== null) detail.previousState = { value: previous };
  detail.configuration = configurationOf(m);

  return {
    version: "0",
    id: eventId(m, arn ?? name, changedAt, str(meta.messageId)),
    "detail-type": ALARM_STATE_CHANGE,
    source: ALARM_SOURCE,
    ...(account ? { account } : {}),
    ...(time ? { time } : {}),
    ...(region ? { region } : {}),
    resources: arn ? [arn] : [],
    detail,
  };
}

function configurationOf(m: Record<string, unknown>): Record<string, unknown> {
  const config: Record<string, unknown> = {};
  const description = str(m.AlarmDescription);
  if (description !== null) config.description = description;
  const alarmRule = str(m.AlarmRule);
  if (alarmRule !== null) config.alarmRule = alarmRule;
  const trigger = isRecord(m.Trigger) ? m.Trigger : null;
  if (!trigger) return config;

  const metrics = metricsOf(trigger);
  if (metrics.length > 0) config.metrics = metrics;
  const threshold = toNumber(trigger.Threshold);
  if (threshold !== null) config.threshold = threshold;
  const comparison = str(trigger.ComparisonOperator);
  if (comparison !== null) config.comparisonOperator = comparison;
  const thresholdMetricId = str(trigger.ThresholdMetricId);
  if (thresholdMetricId !== null) config.thresholdMetricId = thresholdMetricId;
  const evaluationPeriods = toNumber(trigger.EvaluationPeriods);
  if (evaluationPeriods !== null) config.evaluationPeriods = evaluationPeriods;
  const datapointsToAlarm = toNumber(trigger.DatapointsToAlarm);
  if (datapointsToAlarm !== null) config.datapointsToAlarm = datapointsToAlarm;
  const treatMissingData = treatMissingOf(trigger.TreatMissingData);
  if (treatMissingData !== null) config.treatMissingData = treatMissingData;
  return config;
}

/** Trigger's metric (single-metric alarms) or `Metrics` (metric math), in EventBridge's shape. */
function metricsOf(trigger: Record<string, unknown>): Record<string, unknown>[] {
  if (Array.isArray(trigger.Metrics) && trigger.Metrics.length > 0) {
    return trigger.Metrics.filter(isRecord).map((q) => {
      const out: Record<string, unknown> = {};
      if (str(q.Id) !== null) out.id = q.Id;
      if (str(q.Expression) !== null) out.expression = q.Expression;
      if (str(q.Label) !== null) out.label = q.Label;
      if (isRecord(q.MetricStat)) {
        const s = q.MetricStat;
        const metric = isRecord(s.Metric) ? s.Metric : {};
        out.metricStat = metricStat(
          metric.Namespace,
          metric.MetricName,
          metric.Dimensions,
          s.Period,
          statistic(s.Stat),
          s.Unit,
        );
      }
      if (typeof q.ReturnData === "boolean") out.returnData = q.ReturnData;
      return out;
    });
  }
  if (str(trigger.MetricName) === null) return [];
  const stat =
    trigger.StatisticType === "ExtendedStatistic"
      ? (str(trigger.ExtendedStatistic) ?? str(trigger.Statistic))
      : statistic(trigger.Statistic);
  const ms = metricStat(
    trigger.Namespace,
    trigger.MetricName,
    trigger.Dimensions,
    trigger.Period,
    stat,
    trigger.Unit,
  );
  return [{ id: "m1", metricStat: ms, returnData: true }];
}

function metricStat(
  namespace: unknown,
  name: unknown,
  dimensions: unknown,
  period: unknown,
  stat: string | null,
  unit: unknown,
): Record<string, unknown> {
  const metric: Record<string, unknown> = { dimensions: dimensionsOf(dimensions) };
  if (str(name) !== null) metric.name = name;
  if (str(namespace) !== null) metric.namespace = namespace;
  const out: Record<string, unknown> = { metric };
  const p = toNumber(period);
  if (p !== null) out.period = p;
  if (stat !== null) out.stat = stat;
  if (str(unit) !== null) out.unit = unit;
  return out;
}

/** `[{name, value}]` (either capitalisation) → `{name: value}`, as EventBridge writes dimensions. */
function dimensionsOf(raw: unknown): Record<string, string> {
  const pairs: [string, string][] = [];
  if (Array.isArray(raw)) {
    for (const d of raw) {
      if (!isRecord(d)) continue;
      const k = str(d.name) ?? str(d.Name);
      const v = d.value ?? d.Value;
      if (k !== null && typeof v === "string") pairs.push([k, v]);
    }
  } else if (isRecord(raw)) {
    for (const [k, v] of Object.entries(raw)) if (typeof v === "string") pairs.push([k, v]);
  }
  return Object.fromEntries(pairs);
}

function statistic(raw: unknown): string | null {
  const s = str(raw);
  if (s === null) return null;
  return STATISTICS[s.toLowerCase().replace(/_/g, "")] ?? s;
}

/** SNS writes `"- TreatMissingData:                    missing"`. */
function treatMissingOf(raw: unknown): string | null {
  const s = str(raw);
  if (s === null) return null;
  const word = /([A-Za-z]+)\s*$/.exec(s)?.[1]?.toLowerCase();
  return word !== undefined && Object.hasOwn(TREAT_MISSING, word) ? (TREAT_MISSING[word] ?? null) : null;
}

/** `2015-06-03T17:43:27.123+0000` → `2015-06-03T17:43:27Z`; null when not such a timestamp. */
function eventTime(raw: unknown): string | null {
  if (typeof raw !== "string") return null;
  const m = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}:\d{2})(\.\d+)?(Z|[+-]\d{2}:?\d{2})?$/.exec(raw.trim());
  if (!m) return null;
  const zone = m[4] === undefined || m[4] === "Z" ? "Z" : `${m[4].slice(0, 3)}:${m[4].slice(-2)}`;
  const ms = Date.parse(`${m[1]}T${m[2]}${zone}`);
  if (Number.isNaN(ms)) return null;
  return `${new Date(ms).toISOString().slice(0, 19)}Z`;
}

function eventId(
  m: Record<string, unknown>,
  alarm: string,
  changedAt: string | null,
  messageId: string | null,
): string {
  let basis: string;
  if (changedAt !== null) basis = JSON.stringify(["alarm-state-change", alarm, m.NewStateValue, changedAt]);
  else if (messageId !== null) return messageId;
  else basis = stableText(m);
  const h = createHash("sha256").update(basis).digest("hex");
  // UUID layout (version 8, "custom") so it looks like the ids EventBridge gives events.
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-${((Number.parseInt(h[16] ?? "0", 16) & 0x3) | 0x8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** The message as text for hashing; never throws (a message is parsed JSON, but be safe). */
function stableText(m: Record<string, unknown>): string {
  try {
    return JSON.stringify(["alarm-sns-message", m]);
  } catch {
    return JSON.stringify(["alarm-sns-message", Object.keys(m)]);
  }
}

function nameFromArn(arn: string | null): string | null {
  const resource = parseArn(arn)?.resource;
  return resource?.startsWith("alarm:") ? resource.slice("alarm:".length) || null : null;
}

function str(value: unknown): string | null {
  return typeof value === "string" && value !== "" ? value : null;
}
