import type { Engine, Evaluation, RuleDecision } from "../../engine/engine.js";

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

/**
 * Counts per rule of one rule set, from the engine's evaluations: the tally replay reports. Every
 * enabled rule has a line, matched or not, so a rule that never fires shows as 0.
 */
export class RuleTallies {
  readonly #byName = new Map<string, RuleTally>();
  /** Events that named a rule this set does not have (deploy's `{rule, event}` input). */
  unknownRule = 0;

  constructor(
    readonly engine: Engine,
    private readonly sample: number,
  ) {
    for (const rule of engine.rules) {
      if (!rule.enabled) continue;
      this.#byName.set(rule.name, {
        rule: rule.name,
        file: rule.file,
        matched: 0,
        conditionHeld: 0,
        actionsPlanned: 0,
        failed: 0,
        samples: [],
      });
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
    for (const decision of evaluation.decisions) this.#addDecision(decision, evaluation.eventId ?? origin);
  }

  #addDecision(d: RuleDecision, eventId: string): void {
    const t = this.#byName.get(d.rule);
    if (!t) return;
    t.matched++;
    if (t.samples.length < this.sample) t.samples.push(eventId);
    if (d.condition === true) t.conditionHeld++;
    if (d.condition === "error") this.#fail(t, eventId, `when: ${d.conditionError ?? "error"}`);
    for (const a of d.actions) {
      if (a.status === "planned") t.actionsPlanned++;
      else this.#fail(t, eventId, `action ${a.index} (${a.type}): ${a.error}`);
    }
  }

  #fail(t: RuleTally, event: string, message: string): void {
    t.failed++;
    t.firstFailure ??= { event, message };
  }

  /** Sum of failures over all rules. */
  get failed(): number {
    let n = 0;
    for (const t of this.#byName.values()) n += t.failed;
    return n;
  }
}
