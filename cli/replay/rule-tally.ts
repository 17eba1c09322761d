import type { CompiledRule } from "../../engine/compile/rule-compiler.js";
import type { Evaluation, RuleDecision } from "../../engine/engine.js";
import { RuleVerdicts } from "./rule-verdicts.js";

/** What replay counts for one rule over the events read. */
export interface RuleCounts {
  /** Events whose pattern matched (or that named the rule, as deploy's target input does). */
  matched: number;
  /** Of those, events where `when` held (or there is none). */
  conditionHeld: number;
  /** Actions rendered and planned. */
  actionsPlanned: number;
  /** Failures: `when` that raised an error, and actions whose render or plan failed. */
  failed: number;
}

export interface RuleTally extends RuleCounts {
  rule: string;
  file: string;
  /** Up to `sample` ids of matched events, in reading order. */
  samples: string[];
  /** The first failure's event and message, to start looking from. */
  firstFailure?: { event: string; message: string };
}

/** What a tally needs to know of a rule (a worker thread sends these, not compiled rules). */
export type RuleRef = Pick<CompiledRule, "name" | "file" | "enabled">;

/**
 * The tallies a worker counted since its last delta: only the rules it touched, samples and first
 * failure in reading order. Plain data, sent between threads.
 */
export interface TallyDelta {
  unknownRule: number;
  rules: RuleTally[];
}

/**
 * Counts per rule of one rule set, from the engine's evaluations: the tally replay reports. Every
 * enabled rule has a line, matched or not, so a rule that never fires shows as 0.
 */
export class RuleTallies {
  readonly #byName = new Map<string, RuleTally>();
  /** Rules counted since the last `takeDelta` (worker threads send only these). */
  readonly #touched = new Set<RuleTally>();
  /** Events that named a rule this set does not have (deploy's `{rule, event}` input). */
  unknownRule = 0;

  constructor(
    rules: readonly RuleRef[],
    private readonly sample: number,
  ) {
    for (const rule of rules) {
      if (!rule.enabled) continue;
      this.#byName.set(rule.name, emptyTally(rule.name, rule.file));
    }
  }

  get tallies(): RuleTally[] {
    return [...this.#byName.values()];
  }

  get(name: string): RuleTally | undefined {
    return this.#byName.get(name);
  }

  add(evaluation: Evaluation, origin: string): void {
    if (evaluation.unknownRule !== undefined) this.unknownRule++;
    this.addDecisions(evaluation.decisions, evaluation.eventId ?? origin);
  }

  /** The buffer replay has Engine.decideInto fill for this rule set, one event at a time. */
  readonly verdicts = new RuleVerdicts();

  /** One event's decisions; `eventId` is its id, or its place when it has none. */
  addDecisions(decisions: readonly RuleDecision[] | RuleVerdicts, eventId: string): void {
    if (decisions instanceof RuleVerdicts) {
      for (let i = 0; i < decisions.length; i++) this.addVerdict(decisions, i, eventId);
      return;
    }
    for (const decision of decisions) this.#addDecision(decision, eventId);
  }

  /** The decision at `at` of an event's verdicts, counted as #addDecision counts a RuleDecision. */
  addVerdict(verdicts: RuleVerdicts, at: number, eventId: string): void {
    const t = this.#byName.get(verdicts.names[at] as string);
    if (!t) return;
    this.#touched.add(t);
    t.matched++;
    if (t.samples.length < this.sample) t.samples.push(eventId);
    if (verdicts.conditions[at] === true) t.conditionHeld++;
    t.actionsPlanned += verdicts.planned[at] as number;
    const failed = verdicts.failed[at] as number;
    if (failed > 0) {
      t.failed += failed;
      t.firstFailure ??= { event: eventId, message: verdicts.firstFailures[at] as string };
    }
  }

  /** A RuleDecision, counted through a verdict so that both are counted and worded one way. */
  #addDecision(d: RuleDecision, eventId: string): void {
    const one = this.#one;
    one.reset();
    one.rule(0, { name: d.rule }, d.condition, d.conditionError);
    for (const a of d.actions) one.action(0, a, a.status === "planned" ? undefined : a.error);
    this.addVerdict(one, 0, eventId);
  }

  readonly #one = new RuleVerdicts();

  /** What was counted since the last call, which starts the counts again from zero. */
  takeDelta(): TallyDelta {
    const delta: TallyDelta = { unknownRule: this.unknownRule, rules: [...this.#touched] };
    for (const t of this.#touched) this.#byName.set(t.rule, emptyTally(t.rule, t.file));
    this.#touched.clear();
    this.unknownRule = 0;
    return delta;
  }

  /** Adds a later stretch of events' delta: counts summed, samples and first failure kept in order. */
  merge(delta: TallyDelta): void {
    this.unknownRule += delta.unknownRule;
    for (const d of delta.rules) {
      const t = this.#byName.get(d.rule);
      if (!t) continue;
      t.matched += d.matched;
      t.conditionHeld += d.conditionHeld;
      t.actionsPlanned += d.actionsPlanned;
      t.failed += d.failed;
      for (const id of d.samples) if (t.samples.length < this.sample) t.samples.push(id);
      if (d.firstFailure) t.firstFailure ??= d.firstFailure;
    }
  }

  /** Sum of failures over all rules. */
  get failed(): number {
    let n = 0;
    for (const t of this.#byName.values()) n += t.failed;
    return n;
  }
}

function emptyTally(rule: string, file: string): RuleTally {
  return { rule, file, matched: 0, conditionHeld: 0, actionsPlanned: 0, failed: 0, samples: [] };
}
