import type { InvalidInput } from "./replay-pass.js";
import { type RuleRef, RuleTallies, type TallyDelta } from "./rule-tally.js";

/** What a replay counted: a ReplayPass in one thread, or the merged deltas of worker threads. */
export interface ReplayCounts {
  events: number;
  matchedEvents: number;
  invalid: number;
  invalidSamples: InvalidInput[];
  head: { tallies: RuleTallies };
  base?: { tallies: RuleTallies } | undefined;
}

/** A stretch of events' counts, as a worker thread sends them back (plain data). */
export interface PassDelta {
  events: number;
  matchedEvents: number;
  invalid: number;
  invalidSamples: InvalidInput[];
  head: TallyDelta;
  base?: TallyDelta;
}

/**
 * The counts of a replay split over worker threads, merged from their deltas. Deltas must be
 * merged in reading order (each batch's after the one before), so samples, first failures and
 * the first invalid inputs are those one thread would have kept.
 */
export class ReplayTotals implements ReplayCounts {
  events = 0;
  matchedEvents = 0;
  invalid = 0;
  readonly invalidSamples: InvalidInput[] = [];
  readonly head: { tallies: RuleTallies };
  readonly base: { tallies: RuleTallies } | undefined;

  constructor(
    head: readonly RuleRef[],
    base: readonly RuleRef[] | undefined,
    sample: number,
    private readonly keepInvalid = 20,
  ) {
    this.head = { tallies: new RuleTallies(head, sample) };
    this.base = base ? { tallies: new RuleTallies(base, sample) } : undefined;
  }

  merge(delta: PassDelta): void {
    this.events += delta.events;
    this.matchedEvents += delta.matchedEvents;
    this.invalid += delta.invalid;
    for (const s of delta.invalidSamples)
      if (this.invalidSamples.length < this.keepInvalid) this.invalidSamples.push(s);
    this.head.tallies.merge(delta.head);
    if (this.base && delta.base) this.base.tallies.merge(delta.base);
  }
}
