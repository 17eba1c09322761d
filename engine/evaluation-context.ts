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
  const context: Record<string, unknown> = { event, rule: about, now };
  Object.defineProperty(context, "alarm", LAZY_ALARM);
  AlarmStamp.stamp(context, alarm);
  return context;
}

/** A class whose constructor returns the object it is given, so a subclass stamps private fields on it. */
class Stamped {
  constructor(target: object) {
    // biome-ignore lint/correctness/noConstructorReturn: the return override stamps a plain object
    return target;
  }
}

/**
 * The lazy alarm of a context, in a private field stamped on it, which one accessor pair shared by
 * every context reads. An accessor pair made per context (an object literal's `get alarm()`)
 * cost a closure each, and kept every event an alarm rule decided alive through a scavenge
 * (bench/README.md, Replay).
 */
class AlarmStamp extends Stamped {
  readonly #alarm: LazyAlarm;

  private constructor(context: object, alarm: LazyAlarm) {
    super(context);
    this.#alarm = alarm;
  }

  static stamp(context: object, alarm: LazyAlarm): void {
    new AlarmStamp(context, alarm);
  }

  /** The lazy alarm of the context `receiver` is, or inherits from. */
  static of(receiver: object): LazyAlarm | undefined {
    for (let o: object | null = receiver; o !== null; o = Object.getPrototypeOf(o))
      if (#alarm in o) return (o as AlarmStamp).#alarm;
    return undefined;
  }
}

const LAZY_ALARM: PropertyDescriptor = {
  get(this: object): AlarmView | undefined {
    return AlarmStamp.of(this)?.view;
  },
  set(this: object, value: unknown): void {
    Object.defineProperty(this, "alarm", { value, writable: true, enumerable: true, configurable: true });
  },
  enumerable: true,
  configurable: true,
};
