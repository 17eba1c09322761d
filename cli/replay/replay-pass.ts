import type { CompiledRule } from "../../engine/compile/rule-compiler.js";
import { Engine, type RuleDecision } from "../../engine/engine.js";
import { unwrapInput } from "../../engine/envelope.js";
import { PatternIndex } from "../../engine/pattern/index.js";
import type { InputRecord, RecordError } from "../inputs/read-inputs.js";
import type { PassDelta } from "./replay-totals.js";
import { RuleTallies } from "./rule-tally.js";

/** An input that was not an event, with its place; replay keeps the first few and counts all. */
export interface InvalidInput {
  origin: string;
  message: string;
}

/** Marks text that is an EventBridge event at its top level (string source and detail-type). */
const EVENT_SHAPE = -1;
const EVENT_SHAPE_PATTERN = { source: [{ prefix: "" }], "detail-type": [{ prefix: "" }] };

/** One rule set's side of a replay: its index (read from text) and its tallies. */
class ReplaySide {
  readonly index = new PatternIndex<number>();
  readonly tallies: RuleTallies;
  readonly engine: Engine;

  /** `skip`: rules left out of the index (the base's rules that the head has unchanged). */
  constructor(rules: readonly CompiledRule[], sample: number, skip: ReadonlySet<number> = new Set()) {
    this.engine = new Engine(rules);
    this.tallies = new RuleTallies(rules, sample);
    this.index.add(EVENT_SHAPE, EVENT_SHAPE_PATTERN);
    rules.forEach((rule, i) => {
      if (rule.enabled && !skip.has(i)) this.index.add(i, rule.pattern, rule.matcher);
    });
  }
}

/**
 * For each head rule, the index of the base rule written exactly the same (same document), or -1:
 * such a rule matches the same events and decides the same, so the base side takes the head's
 * decision instead of matching and evaluating it again.
 */
function unchangedRules(head: readonly CompiledRule[], base: readonly CompiledRule[]): number[] {
  const byText = new Map<string, number>();
  base.forEach((rule, i) => {
    if (rule.enabled) byText.set(JSON.stringify(rule.rule), i);
  });
  return head.map((rule) => (rule.enabled ? (byText.get(JSON.stringify(rule.rule)) ?? -1) : -1));
}

/**
 * Replays events through one rule set, or two (a pull request's rules and its base's) in the same
 * pass: matches each event from its JSON text (PatternIndex.matchText) and builds the event object
 * only when a rule matched it, or when the text is an envelope to open. Then `when` and every
 * action's render and plan run as in `run --dry-run`, nothing executes, and each rule is counted.
 */
export class ReplayPass {
  readonly head: ReplaySide;
  readonly base: ReplaySide | undefined;
  events = 0;
  /** Events at least one rule of the head set matched (run --dry-run's "matched a rule"). */
  matchedEvents = 0;
  invalid = 0;
  readonly invalidSamples: InvalidInput[] = [];
  readonly #now: Date;
  readonly #nowIso: string;

  /** Head rule index → the same rule's index in the base set, or -1 (see unchangedRules). */
  readonly #inBase: number[];

  /** `reuseUnchanged: false` evaluates the base's unchanged rules again (tests compare both ways). */
  constructor(
    rules: readonly CompiledRule[],
    baseRules: readonly CompiledRule[] | undefined,
    opts: { sample: number; now?: Date; keepInvalid?: number; reuseUnchanged?: boolean },
  ) {
    this.#inBase =
      baseRules && opts.reuseUnchanged !== false ? unchangedRules(rules, baseRules) : rules.map(() => -1);
    this.head = new ReplaySide(rules, opts.sample);
    this.base = baseRules
      ? new ReplaySide(baseRules, opts.sample, new Set(this.#inBase.filter((b) => b >= 0)))
      : undefined;
    this.#now = opts.now ?? new Date();
    this.#nowIso = this.#now.toISOString();
    this.#keepInvalid = opts.keepInvalid ?? 20;
  }

  readonly #keepInvalid: number;

  /**
   * A batch of records, with no stack traces taken meanwhile: a failed render or condition is
   * counted by its message alone, and capturing stacks was a visible part of replay's CPU profile
   * (liquid builds several errors per failed render).
   */
  addBatch(records: readonly (InputRecord | RecordError)[]): void {
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    try {
      for (const record of records) this.add(record);
    } finally {
      Error.stackTraceLimit = limit;
    }
  }

  add(record: InputRecord | RecordError): void {
    if ("message" in record) {
      this.#invalid(record.origin, record.message);
      return;
    }
    if (record.text === undefined) {
      this.#addValue(record.value, record.origin);
      return;
    }
    const text = record.text;
    let headKeys: number[];
    try {
      headKeys = this.head.index.matchText(text);
    } catch (err) {
      this.#invalid(record.origin, `not valid JSON: ${(err as Error).message}`);
      return;
    }
    if (headKeys[0] !== EVENT_SHAPE || mayBeEnvelope(text)) {
      // Not a bare event: opened as `run` opens it (envelopes), or reported invalid.
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch (err) {
        this.#invalid(record.origin, `not valid JSON: ${(err as Error).message}`);
        return;
      }
      this.#addValue(value, record.origin);
      return;
    }
    this.events++;
    if (headKeys.length > 1) this.matchedEvents++;
    const baseKeys = this.base ? this.base.index.matchText(text) : [];
    if (headKeys.length === 1 && baseKeys.length <= 1) return;
    const event = JSON.parse(text) as Record<string, unknown>;
    const id = typeof event.id === "string" ? event.id : record.origin;
    const decisions = this.#decide(this.head, headKeys, event);
    this.head.tallies.addDecisions(decisions, id);
    if (this.base) this.#decideBase(this.base, headKeys, decisions, baseKeys, event, id);
  }

  /**
   * The rules the index found (after the shape marker), evaluated together as `run` evaluates an
   * event's matches: one budget for the event, the alarm view read only when a rule uses it.
   */
  #decide(side: ReplaySide, keys: readonly number[], event: Record<string, unknown>): RuleDecision[] {
    const rules: CompiledRule[] = new Array(keys.length - 1);
    for (let i = 1; i < keys.length; i++) rules[i - 1] = side.engine.rules[keys[i] as number] as CompiledRule;
    return side.engine.decide(event, rules, this.#nowIso);
  }

  /**
   * The base side: the head's decisions for rules the base has unchanged, and its own for the rest.
   * When a head decision failed (a failure might be the event's shared budget running out, which
   * depends on the whole set) the base evaluates all of its matches itself, as a separate run would.
   */
  #decideBase(
    base: ReplaySide,
    headKeys: readonly number[],
    headDecisions: readonly RuleDecision[],
    baseKeys: readonly number[],
    event: Record<string, unknown>,
    id: string,
  ): void {
    const keys = [...baseKeys];
    const reused: RuleDecision[] = [];
    const failed = headDecisions.some(
      (d) => d.condition === "error" || d.actions.some((a) => a.status === "error"),
    );
    for (let i = 1; i < headKeys.length; i++) {
      const b = this.#inBase[headKeys[i] as number] as number;
      if (b < 0) continue;
      if (failed) keys.push(b);
      else reused.push(headDecisions[i - 1] as RuleDecision);
    }
    // In rule order, as the index gives them (the shape marker, -1, stays first).
    if (failed) keys.sort((a, b) => a - b);
    if (keys.length > 1) base.tallies.addDecisions(this.#decide(base, keys, event), id);
    base.tallies.addDecisions(reused, id);
  }

  /** What was counted since the last call (a worker thread's answer to a batch); counts start again. */
  takeDelta(): PassDelta {
    const delta: PassDelta = {
      events: this.events,
      matchedEvents: this.matchedEvents,
      invalid: this.invalid,
      invalidSamples: this.invalidSamples.splice(0),
      head: this.head.tallies.takeDelta(),
      ...(this.base ? { base: this.base.tallies.takeDelta() } : {}),
    };
    this.events = 0;
    this.matchedEvents = 0;
    this.invalid = 0;
    return delta;
  }

  #addValue(value: unknown, origin: string): void {
    const { items, errors } = unwrapInput(value, origin);
    for (const e of errors) this.#invalid(origin, `${e.field}: ${e.message}`);
    for (const item of items) {
      this.events++;
      const opts = { now: this.#now, ...(item.rule !== undefined ? { rule: item.rule } : {}) };
      const evaluation = this.head.engine.evaluate(item.event, opts);
      if (evaluation.decisions.length > 0) this.matchedEvents++;
      this.head.tallies.add(evaluation, item.origin);
      this.base?.tallies.add(this.base.engine.evaluate(item.event, opts), item.origin);
    }
  }

  #invalid(origin: string, message: string): void {
    this.invalid++;
    if (this.invalidSamples.length < this.#keepInvalid) this.invalidSamples.push({ origin, message });
  }
}

/**
 * Whether an event-shaped text could still be opened as an envelope by unwrapInput (which looks
 * for `Records` and SNS's `Type: Notification` before taking a bare event): then it is parsed.
 */
const ENVELOPE_KEY = /"(?:Records|Notification)"/;

function mayBeEnvelope(text: string): boolean {
  return ENVELOPE_KEY.test(text);
}
