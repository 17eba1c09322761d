/** The rule format as validated (see rules/rule.schema.json); defaults are applied by `normalizeRule`. */
export type JsonObject = { [key: string]: unknown };

export interface AlarmTrigger {
  /** Alarm name: of the alarm to create, or (with no metric keys) of an existing one. */
  name?: string;
  namespace?: string;
  metric?: string;
  dimensions?: Record<string, string>;
  statistic?: string;
  extendedStatistic?: string;
  period?: number;
  evaluationPeriods?: number;
  datapointsToAlarm?: number;
  threshold?: string;
  treatMissingData?: string;
  states?: string[];
}

export interface ActionSpec {
  type: string;
  [param: string]: unknown;
}

export interface Rule {
  name: string;
  description?: string;
  enabled?: boolean;
  on: { pattern?: JsonObject; alarm?: AlarmTrigger; bus?: string };
  when?: unknown;
  actions: ActionSpec[];
}

/** Prefix of the names deploy gives alarms that rules define, so the engine can match their changes. */
export const ALARM_NAME_PREFIX = "rulebridge-";

/** Name of the alarm an alarm trigger listens to: the existing one, or the one deploy creates. */
export function alarmNameOf(rule: Pick<Rule, "name" | "on">): string | undefined {
  const alarm = rule.on.alarm;
  if (!alarm) return undefined;
  return alarm.name ?? `${ALARM_NAME_PREFIX}${rule.name}`;
}

/**
 * The EventBridge pattern a rule deploys and matches with. Alarm triggers become a pattern on
 * CloudWatch's `CloudWatch Alarm State Change` event for that alarm and those states.
 */
export function effectivePattern(rule: Pick<Rule, "name" | "on">): JsonObject | undefined {
  if (rule.on.pattern) return rule.on.pattern;
  const alarm = rule.on.alarm;
  if (!alarm) return undefined;
  return {
    source: ["aws.cloudwatch"],
    "detail-type": ["CloudWatch Alarm State Change"],
    detail: {
      alarmName: [alarmNameOf(rule)],
      state: { value: alarm.states ?? ["ALARM"] },
    },
  };
}

/** A threshold like `"<= 0"` as CloudWatch's operator and number. */
export function parseThreshold(text: string): { comparison: string; value: number } | undefined {
  const m = /^\s*(<=|<|>=|>)\s*(\S+)\s*$/.exec(text);
  if (!m) return undefined;
  const value = Number(m[2]);
  if (!Number.isFinite(value)) return undefined;
  const comparison = {
    "<=": "LessThanOrEqualToThreshold",
    "<": "LessThanThreshold",
    ">=": "GreaterThanOrEqualToThreshold",
    ">": "GreaterThanThreshold",
  }[m[1] as "<=" | "<" | ">=" | ">"];
  return { comparison, value };
}

/**
 * Whether the `alarm` view exists for events this rule matches: alarm triggers, and patterns
 * that only admit CloudWatch alarm state changes.
 */
export function hasAlarmContext(rule: Pick<Rule, "on">): boolean {
  if (rule.on.alarm) return true;
  const dt = rule.on.pattern?.["detail-type"];
  return Array.isArray(dt) && dt.length > 0 && dt.every((v) => v === "CloudWatch Alarm State Change");
}
