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
 * What a thread counted since its last delta, as plain data sent between threads: for each rule it
 * touched, five numbers in `counts` (the rule's place in the rule list, then matched, conditionHeld,
 * actionsPlanned, failed), and in `found` the samples and first failure it had not sent yet (a
 * thread sends at most `sample` ids and one first failure per rule: any later ones come after
 * those in reading order, so a merge in reading order never keeps them).
 */
export interface TallyDelta {
  unknownRule: number;
  counts: number[];
  found: { at: number; samples: string[]; firstFailure?: { event: string; message: string } }[];
}

/**
 * Counts per rule of one rule set, from the engine's evaluations: the tally replay reports. Every
 * enabled rule has a line, matched or not, so a rule that never fires shows as 0.
 */
export class RuleTallies {
  /** The tallies by the rule's place in the list given (undefined: a disabled rule). */
  readonly #list: (RuleTally | undefined)[];
  /** Each enabled rule's place, by name. */
  readonly #placeOf = new Map<string, number>();
  /** Places of the rules counted since the last `takeDelta`, each once. */
  readonly #touched: number[] = [];
  readonly #isTouched: Uint8Array;
  /** Per place, what the last deltas sent: matched, conditionHeld, actionsPlanned, failed, samples. */
  readonly #sent: Float64Array;
  readonly #sentFailure: Uint8Array;
  /** Events that named a rule this set does not have (deploy's `{rule, event}` input). */
  unknownRule = 0;
  #sentUnknown = 0;

  constructor(
    rules: readonly RuleRef[],
    private readonly sample: number,
  ) {
    this.#list = rules.map((rule, i) => {
      if (!rule.enabled) return undefined;
      this.#placeOf.set(rule.name, i);
      return emptyTally(rule.name, rule.file);
    });
    this.#isTouched = new Uint8Array(rules.length);
    this.#sent = new Float64Array(5 * rules.length);
    this.#sentFailure = new Uint8Array(rules.length);
  }

  get tallies(): RuleTally[] {
    return this.#list.filter((t): t is RuleTally => t !== undefined);
  }

  get(name: string): RuleTally | undefined {
    const place = this.#placeOf.get(name);
    return place === undefined ? undefined : this.#list[place];
  }

  add(evaluation: Evaluation, origin: string): void {
    if (evaluation.unknownRule !== undefined) this.unknownRule++;
    this.addDecisions(evaluation.decisions, evaluation.eventId ?? origin);
  }

  /** The buffer replay has Engine.decideInto fill for this rule set, one event at a time. */
  readonly verdicts = new RuleVerdicts();

  /**
   * One event's decisions; `eventId` is its id, or its place when it has none. `places`, with
   * verdicts, holds each decided rule's place in this set's list (a replay knows them from the
   * index's keys), which saves finding the rule by its name.
   */
  addDecisions(
    decisions: readonly RuleDecision[] | RuleVerdicts,
    eventId: string,
    places?: readonly number[],
  ): void {
    if (decisions instanceof RuleVerdicts) {
      for (let i = 0; i < decisions.length; i++)
        this.#count(
          decisions,
          i,
          eventId,
          places ? places[i] : this.#placeOf.get(decisions.names[i] as string),
        );
      return;
    }
    for (const decision of decisions) this.#addDecision(decision, eventId);
  }

  /** The decision at `at` of an event's verdicts, counted as #addDecision counts a RuleDecision. */
  addVerdict(verdicts: RuleVerdicts, at: number, eventId: string): void {
    this.#count(verdicts, at, eventId, this.#placeOf.get(verdicts.names[at] as string));
  }

  #count(verdicts: RuleVerdicts, at: number, eventId: string, place: number | undefined): void {
    if (place === undefined) return;
    const t = this.#list[place];
    if (t === undefined) return;
    if (this.#isTouched[place] === 0) {
      this.#isTouched[place] = 1;
      this.#touched.push(place);
    }
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

  /** What was counted since the last call (the tallies themselves go on counting). */
  takeDelta(): TallyDelta {
    const counts: number[] = [];
    const found: TallyDelta["found"] = [];
    const sent = this.#sent;
    for (const place of this.#touched) {
      this.#isTouched[place] = 0;
      const t = this.#list[place] as RuleTally;
      const k = 5 * place;
      counts.push(
        place,
        t.matched - (sent[k] as number),
        t.conditionHeld - (sent[k + 1] as number),
        t.actionsPlanned - (sent[k + 2] as number),
        t.failed - (sent[k + 3] as number),
      );
      sent[k] = t.matched;
      sent[k + 1] = t.conditionHeld;
      sent[k + 2] = t.actionsPlanned;
      sent[k + 3] = t.failed;
      const samples = sent[k + 4] as number;
      const failure = t.firstFailure !== undefined && this.#sentFailure[place] === 0;
      if (samples < t.samples.length || failure) {
        found.push({
          at: place,
          samples: t.samples.slice(samples),
          ...(failure ? { firstFailure: t.firstFailure } : {}),
        });
        sent[k + 4] = t.samples.length;
        if (failure) this.#sentFailure[place] = 1;
      }
    }
    this.#touched.length = 0;
    const delta: TallyDelta = { unknownRule: this.unknownRule - this.#sentUnknown, counts, found };
    this.#sentUnknown = this.unknownRule;
    return delta;
  }

  /**
   * Adds a later stretch of events' delta (from tallies of the same rule list): counts summed,
   * samples and first failure kept in reading order.
   */
  merge(delta: TallyDelta): void {
    this.unknownRule += delta.unknownRule;
    const { counts } = delta;
    for (let i = 0; i < counts.length; i += 5) {
      const t = this.#list[counts[i] as number];
      if (!t) continue;
      t.matched += counts[i + 1] as number;
      t.conditionHeld += counts[i + 2] as number;
      t.actionsPlanned += counts[i + 3] as number;
      t.failed += counts[i + 4] as number;
    }
    for (const f of delta.found) {
      const t = this.#list[f.at];
      if (!t) continue;
      for (const id of f.samples) if (t.samples.length < this.sample) t.samples.push(id);
      if (f.firstFailure) t.firstFailure ??= f.firstFailure;
    }
  }

  /** Sum of failures over all rules. */
  get failed(): number {
    let n = 0;
    for (const t of this.#list) n += t?.failed ?? 0;
    return n;
  }
}

function emptyTally(rule: string, file: string): RuleTally {
  return { rule, file, matched: 0, conditionHeld: 0, actionsPlanned: 0, failed: 0, samples: [] };
}
