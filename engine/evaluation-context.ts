import { type AlarmView, alarmViewFromEvent, hasAlarmView } from "./alarm/index.js";
import type { CompiledRule } from "./compile/rule-compiler.js";

/*
 * The context a rule's condition, templates and plans are evaluated against: the event, the rule
 * (name, description), the evaluation time and, for rules that have it, the alarm view.
 */

/**
 * The event's alarm view when one of the rules has it in its context, built the first time a
 * context's `alarm` is read: a rule that never reads it (most only match alarm events) does not
 * pay for parsing the alarm's reason data.
 */
export function alarmFor(
  event: Record<string, unknown>,
  matched: readonly CompiledRule[],
): LazyAlarm | undefined {
  for (const rule of matched)
    if (rule.alarmContext) return hasAlarmView(event) ? new LazyAlarm(event) : undefined;
  return undefined;
}

/** One event's alarm view, made on first read and then shared by its rules' contexts. */
export class LazyAlarm {
  #view: AlarmView | undefined;
  constructor(readonly event: Record<string, unknown>) {}

  get view(): AlarmView {
    this.#view ??= alarmViewFromEvent(this.event) as AlarmView;
    return this.#view;
  }
}

/**
 * A rule's evaluation context, in fixed shapes. A lazy alarm view is an own enumerable `alarm`
 * whose getter builds it (and which an assignment turns into a plain value), so every reader —
 * conditions, templates, a plan, a spread — sees the same properties as with the view itself.
 */
export function contextOf(
  rule: CompiledRule,
  event: Record<string, unknown>,
  now: string,
  alarm: AlarmView | LazyAlarm | undefined,
): Record<string, unknown> {
  const about = { name: rule.name, description: rule.description ?? "" };
  if (alarm === undefined || !rule.alarmContext) return { event, rule: about, now };
  if (!(alarm instanceof LazyAlarm)) return { event, rule: about, now, alarm };
  return {
    event,
    rule: about,
    now,
    get alarm(): AlarmView {
      return alarm.view;
    },
    set alarm(value: unknown) {
      Object.defineProperty(this, "alarm", { value, writable: true, enumerable: true, configurable: true });
    },
  };
}
