import { planAction } from "./action/plan-action.js";
import type { ActionPlan } from "./action/types.js";
import { type AlarmView, alarmViewFromEvent } from "./alarm/index.js";
import type { CompiledAction, CompiledRule } from "./compile/rule-compiler.js";
import type { InputError, InputItem } from "./envelope.js";
import { EvaluationBudget } from "./evaluation-budget.js";
import { alarmFor, contextOf, type LazyAlarm } from "./evaluation-context.js";
import { checkEvent, PatternIndex } from "./pattern/index.js";
import type { SecretPattern } from "./secrets/index.js";

export interface EvaluateOptions {
  /** Only this rule runs, and its pattern is taken as matched (EventBridge already matched it). */
  rule?: string;
  /** Evaluation time, for `now`; defaults to the current time. */
  now?: Date;
}

export type ActionOutcome =
  | { index: number; type: string; status: "planned"; plan: ActionPlan }
  | { index: number; type: string; status: "error"; error: string };

export interface RuleDecision {
  rule: string;
  file: string;
  /** `true` when `when` held (or there is none), `false` when it did not, `error` when it failed. */
  condition: boolean | "error";
  conditionError?: string;
  /** Present when the condition held: one outcome per action, in order. */
  actions: ActionOutcome[];
}

export interface Evaluation {
  eventId: string | null;
  source: string | null;
  detailType: string | null;
  /** Rules whose pattern matched, in rule-file order. */
  decisions: RuleDecision[];
  /** Named in the input but not loaded (disabled or unknown): reported, never silently dropped. */
  unknownRule?: string;
  alarm?: AlarmView;
}

/**
 * The engine core: compiled rules in, decisions out. Knows nothing of Lambda or the CLI.
 * Patterns sit in one index so an event is matched against all rules without scanning each.
 */
export class Engine {
  /** The first few events are walked: a cold start's first event should not wait for the automaton. */
  readonly #index = new PatternIndex<CompiledRule>({ walksFirst: 8 });
  readonly #byName = new Map<string, CompiledRule>();
  #secretPatterns: readonly SecretPattern[] | undefined;

  constructor(readonly rules: readonly CompiledRule[]) {
    for (const rule of rules) {
      if (!rule.enabled) continue;
      this.#index.add(rule, rule.pattern, rule.matcher);
      this.#byName.set(rule.name, rule);
    }
  }

  /** The secret shapes the rules' actions declare: what reports on these rules scrub beside the built-in ones. */
  get secretPatterns(): readonly SecretPattern[] {
    this.#secretPatterns ??= [
      ...new Set(this.rules.flatMap((r) => r.actions.flatMap((a) => a.definition.secretPatterns ?? []))),
    ];
    return this.#secretPatterns;
  }

  /**
   * The rules `prepare` would evaluate for this event: those it matched, or the one it names if
   * loaded. The engine bundle loads what they need (templates, conditions, actions) only then.
   */
  rulesToEvaluate(event: Record<string, unknown>, opts: Pick<EvaluateOptions, "rule"> = {}): CompiledRule[] {
    if (opts.rule !== undefined) {
      const rule = this.#byName.get(opts.rule);
      return rule ? [rule] : [];
    }
    return this.#index.match(event);
  }

  /**
   * Matches, evaluates conditions and renders every action's params: everything short of acting.
   * The executor runs what this prepares; `evaluate` turns it into dry-run plans.
   */
  prepare(event: Record<string, unknown>, opts: EvaluateOptions = {}): Preparation {
    const prep: Preparation = {
      eventId: typeof event.id === "string" ? event.id : null,
      source: typeof event.source === "string" ? event.source : null,
      detailType: typeof event["detail-type"] === "string" ? event["detail-type"] : null,
      decisions: [],
    };
    let matched: CompiledRule[];
    if (opts.rule !== undefined) {
      const rule = this.#byName.get(opts.rule);
      if (!rule) {
        prep.unknownRule = opts.rule;
        return prep;
      }
      matched = [rule];
    } else {
      matched = this.#index.match(event);
    }
    if (matched.length === 0) return prep;

    const alarm = alarmViewFromEvent(event) ?? undefined;
    if (alarm) prep.alarm = alarm;
    prep.decisions = prepareRules(event, matched, (opts.now ?? new Date()).toISOString(), alarm);
    return prep;
  }

  /**
   * The decisions `evaluate` makes for rules the caller already matched (replay matches from the
   * event's text), in the order given, with one budget for the event as `run` has. `now` is the
   * ISO time. The alarm view is read only when one of the rules uses it.
   */
  decide(event: Record<string, unknown>, matched: readonly CompiledRule[], now: string): RuleDecision[] {
    return prepareRules(event, matched, now, alarmFor(event, matched)).map(toDecision);
  }

  /**
   * `decide` for a caller that only counts (replay): the same conditions, renders and plans, each
   * outcome handed to `sink` in the order `decide` lists them, and no decision or plan kept.
   */
  decideInto(
    event: Record<string, unknown>,
    matched: readonly CompiledRule[],
    now: string,
    sink: DecisionSink,
  ): void {
    const alarm = alarmFor(event, matched);
    const budget = new EvaluationBudget();
    for (let at = 0; at < matched.length; at++) {
      const rule = matched[at] as CompiledRule;
      const context = contextOf(rule, event, now, alarm);
      const held = evaluateWhen(rule, context, budget);
      const condition = typeof held === "string" ? "error" : held;
      sink.rule(at, rule, condition, typeof held === "string" ? held : undefined);
      if (condition !== true) continue;
      for (const action of rule.actions) sink.action(at, action, tryAction(action, context, budget));
    }
  }

  /** Matches, evaluates conditions and renders every action's plan. Never throws on event content. */
  evaluate(event: Record<string, unknown>, opts: EvaluateOptions = {}): Evaluation {
    const { decisions, ...rest } = this.prepare(event, opts);
    return { ...rest, decisions: decisions.map(toDecision) };
  }
}

/**
 * Receives `decideInto`'s outcomes: for each matched rule in order (`at`, its place in `matched`),
 * `rule` once, then `action` once per action in order when the condition held, with the render's
 * or the plan's error message, or undefined when the action was planned.
 */
export interface DecisionSink {
  rule(
    at: number,
    rule: CompiledRule,
    condition: boolean | "error",
    conditionError: string | undefined,
  ): void;
  action(at: number, action: CompiledAction, error: string | undefined): void;
}

/** Renders and plans an action as `decide` does: its error message, or undefined when planned. */
function tryAction(
  action: CompiledAction,
  context: Record<string, unknown>,
  budget: EvaluationBudget,
): string | undefined {
  let params: Record<string, unknown>;
  try {
    params = action.templates.renderOver(action.params, context, budget);
  } catch (err) {
    return (err as Error).message;
  }
  try {
    planAction(action, params, context);
    return undefined;
  } catch (err) {
    return (err as Error).message;
  }
}

function toDecision(d: PreparedDecision): RuleDecision {
  const { actions, context } = d;
  const outcomes = new Array<ActionOutcome>(actions.length);
  for (let i = 0; i < actions.length; i++) outcomes[i] = planPrepared(actions[i] as PreparedAction, context);
  return d.conditionError !== undefined
    ? {
        rule: d.rule.name,
        file: d.rule.file,
        condition: d.condition,
        conditionError: d.conditionError,
        actions: outcomes,
      }
    : { rule: d.rule.name, file: d.rule.file, condition: d.condition, actions: outcomes };
}

/** Conditions and renders of the matched rules, sharing one budget (see evaluation-budget.ts). */
function prepareRules(
  event: Record<string, unknown>,
  matched: readonly CompiledRule[],
  now: string,
  alarm: AlarmView | LazyAlarm | undefined,
): PreparedDecision[] {
  const budget = new EvaluationBudget();
  const decisions: PreparedDecision[] = [];
  for (const rule of matched)
    decisions.push(prepareDecision(rule, contextOf(rule, event, now, alarm), budget));
  return decisions;
}

/**
 * Splits off the items whose event EventBridge could not read (see checkEvent: nested deeper than
 * 1,000 levels, a name over 50,000 characters, a string over 20,000,000, a number such as 1e400) as
 * input errors naming the field: matched, they would silently match nothing, and the CLI and the
 * handler must report them (exit 2; a failed record or invocation, so the event reaches the DLQ).
 */
export function splitUnreadable(items: readonly InputItem[]): { items: InputItem[]; errors: InputError[] } {
  const readable: InputItem[] = [];
  const errors: InputError[] = [];
  for (const item of items) {
    const error = checkEvent(item.event);
    if (error === null) readable.push(item);
    else
      errors.push({
        origin: item.origin,
        field: error.field === "" ? "event" : `event.${error.field}`.replace(".[", "["),
        message: `unreadable event: ${error.message}`,
      });
  }
  return { items: readable, errors };
}

/** An action whose params are rendered (or whose rendering failed), ready to plan or run. */
export type PreparedAction =
  | { action: CompiledAction; params: Record<string, unknown> }
  | { action: CompiledAction; error: string };

export interface PreparedDecision {
  rule: CompiledRule;
  context: Record<string, unknown>;
  condition: boolean | "error";
  conditionError?: string;
  /** Empty unless the condition held. */
  actions: PreparedAction[];
}

export interface Preparation extends Omit<Evaluation, "decisions"> {
  decisions: PreparedDecision[];
}

function prepareDecision(
  rule: CompiledRule,
  context: Record<string, unknown>,
  budget: EvaluationBudget,
): PreparedDecision {
  const decision: PreparedDecision = { rule, context, condition: true, actions: [] };
  const held = evaluateWhen(rule, context, budget);
  if (typeof held === "string") {
    decision.condition = "error";
    decision.conditionError = held;
  } else decision.condition = held;
  if (decision.condition !== true) return decision;
  decision.actions = rule.actions.map((action) => renderAction(action, context, budget));
  return decision;
}

/** A rule's `when`: whether it held (true without one), or the message of the error it raised. */
function evaluateWhen(
  rule: CompiledRule,
  context: Record<string, unknown>,
  budget: EvaluationBudget,
): boolean | string {
  if (!rule.condition) return true;
  try {
    return rule.condition.evaluate(context, budget);
  } catch (err) {
    return (err as Error).message;
  }
}

/** Renders an action's non-deferred params against the context; a failure is a value, not a throw. */
export function renderAction(
  action: CompiledAction,
  context: Record<string, unknown>,
  budget?: EvaluationBudget,
): PreparedAction {
  try {
    return { action, params: action.templates.renderOver(action.params, context, budget) };
  } catch (err) {
    return { action, error: (err as Error).message };
  }
}

function planPrepared(prepared: PreparedAction, context: Record<string, unknown>): ActionOutcome {
  const { action } = prepared;
  if ("error" in prepared)
    return { index: action.index, type: action.type, status: "error", error: prepared.error };
  try {
    const plan = planAction(action, prepared.params, context);
    return { index: action.index, type: action.type, status: "planned", plan };
  } catch (err) {
    return { index: action.index, type: action.type, status: "error", error: (err as Error).message };
  }
}
