import * as cloudwatch from "aws-cdk-lib/aws-cloudwatch";
import type { Construct } from "constructs";
import type { CompiledRule } from "../engine/compile/rule-compiler.js";
import { alarmNameOf, parseThreshold } from "../engine/rule.js";

/**
 * The CloudWatch alarm an `on.alarm` trigger defines, named as the rule's pattern expects
 * (`alarmNameOf`). A trigger with only a name subscribes to an alarm that exists elsewhere:
 * nothing is created for it.
 */
export function ruleAlarm(scope: Construct, id: string, rule: CompiledRule): cloudwatch.CfnAlarm | undefined {
  const alarm = rule.rule.on.alarm;
  if (!alarm || alarm.metric === undefined || alarm.namespace === undefined) return undefined;
  const threshold = alarm.threshold !== undefined ? parseThreshold(alarm.threshold) : undefined;
  if (!threshold) {
    // The rule schema and compiler reject this; reaching here means the rule was not compiled by them.
    throw new Error(`rulebridge: rule \`${rule.name}\` has an alarm without a valid threshold`);
  }
  const dimensions = Object.entries(alarm.dimensions ?? {})
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([name, value]) => ({ name, value }));
  return new cloudwatch.CfnAlarm(scope, id, {
    alarmName: alarmNameOf(rule.rule),
    alarmDescription: `rulebridge rule ${rule.name}${rule.description ? `: ${rule.description}` : ""}`.slice(
      0,
      1024,
    ),
    namespace: alarm.namespace,
    metricName: alarm.metric,
    ...(dimensions.length > 0 ? { dimensions } : {}),
    ...(alarm.extendedStatistic !== undefined
      ? { extendedStatistic: alarm.extendedStatistic }
      : { statistic: alarm.statistic ?? "Average" }),
    period: alarm.period ?? 60,
    evaluationPeriods: alarm.evaluationPeriods ?? 1,
    ...(alarm.datapointsToAlarm !== undefined ? { datapointsToAlarm: alarm.datapointsToAlarm } : {}),
    threshold: threshold.value,
    comparisonOperator: threshold.comparison,
    treatMissingData: alarm.treatMissingData ?? "missing",
    // The rule reacts through EventBridge's alarm state change events, not alarm actions.
    actionsEnabled: false,
  });
}
