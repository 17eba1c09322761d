import type { AlarmView } from "../../engine/alarm/index.js";

const STATE_EMOJI: Record<string, string> = {
  ALARM: ":rotating_light:",
  OK: ":white_check_mark:",
  INSUFFICIENT_DATA: ":grey_question:",
};

const COMPARISON_SIGN: Record<string, string> = {
  GreaterThanOrEqualToThreshold: ">=",
  GreaterThanThreshold: ">",
  LessThanThreshold: "<",
  LessThanOrEqualToThreshold: "<=",
};

/** Slack mrkdwn treats these three as markup; alarm names and reasons are data. */
function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/**
 * The message an alarm rule posts when it gives no `text`: a one-line fallback for notifications
 * and a Block Kit layout with the state change, the metric and its threshold, and CloudWatch's
 * reason, so the person paged sees what crossed what without opening the console.
 */
export function alarmMessage(alarm: AlarmView): { text: string; blocks: unknown[] } {
  const emoji = STATE_EMOJI[alarm.state] ?? ":bell:";
  const change = alarm.previousState ? `${alarm.previousState} → ${alarm.state}` : alarm.state;
  const text = `${emoji} ${alarm.name} is ${alarm.state}`;
  const fields: { type: "mrkdwn"; text: string }[] = [{ type: "mrkdwn", text: `*State*\n${change}` }];
  if (alarm.metric?.name) {
    const ns = alarm.metric.namespace ? `${escapeMrkdwn(alarm.metric.namespace)} ` : "";
    const stat = alarm.metric.statistic ? ` (${alarm.metric.statistic})` : "";
    fields.push({ type: "mrkdwn", text: `*Metric*\n${ns}${escapeMrkdwn(alarm.metric.name)}${stat}` });
  }
  if (alarm.value !== null) fields.push({ type: "mrkdwn", text: `*Value*\n${alarm.value}` });
  if (alarm.threshold !== null) {
    const sign = alarm.comparison ? `${COMPARISON_SIGN[alarm.comparison] ?? alarm.comparison} ` : "";
    fields.push({ type: "mrkdwn", text: `*Threshold*\n${escapeMrkdwn(sign)}${alarm.threshold}` });
  }
  const dims = Object.entries(alarm.metric?.dimensions ?? {});
  const blocks: unknown[] = [
    { type: "header", text: { type: "plain_text", text: `${alarm.name} is ${alarm.state}`.slice(0, 150) } },
    { type: "section", fields },
  ];
  if (alarm.reason)
    blocks.push({
      type: "section",
      text: { type: "mrkdwn", text: escapeMrkdwn(alarm.reason).slice(0, 3000) },
    });
  const context = [
    ...dims.map(([k, v]) => `${escapeMrkdwn(k)}: ${escapeMrkdwn(v)}`),
    ...(alarm.region ? [alarm.region] : []),
    ...(alarm.time ? [alarm.time] : []),
  ];
  if (context.length > 0) {
    blocks.push({
      type: "context",
      elements: [{ type: "mrkdwn", text: context.join(" · ").slice(0, 3000) }],
    });
  }
  return { text, blocks };
}
