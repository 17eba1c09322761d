import type { CompiledRule } from "../../engine/compile/rule-compiler.js";
import { Engine } from "../../engine/engine.js";
import { unwrapInput } from "../../engine/envelope.js";
import { MemberKind, PatternIndex, TopLevelMembers, topLevelEvent } from "../../engine/pattern/index.js";
import { bytesOf, type LineBatch, lineOrigin, longLineMessage } from "../inputs/line-batch.js";
import type { InputRecord, RecordError } from "../inputs/read-inputs.js";
import type { PassDelta } from "./replay-totals.js";
import { RuleTallies } from "./rule-tally.js";
import type { RuleVerdicts } from "./rule-verdicts.js";

/** An input that was not an event, with its place; replay keeps the first few and counts all. */
export interface InvalidInput {
  origin: string;
  message: string;
}

/** Marks text that is an EventBridge event at its top level (string source and detail-type). */
const EVENT_SHAPE = -1;
const EVENT_SHAPE_PATTERN = { source: [{ prefix: "" }], "detail-type": [{ prefix: "" }] };
/** The base's keys when there is no base. */
const NO_KEYS: readonly number[] = [];

/** One rule set's side of a replay: its engine and its tallies. */
class ReplaySide {
  readonly tallies: RuleTallies;
  readonly engine: Engine;
  /** The rules an event matched, and their places in the side's list, for #decide (reused). */
  readonly matched: CompiledRule[] = [];
  readonly places: number[] = [];

  constructor(rules: readonly CompiledRule[], sample: number) {
    this.engine = new Engine(rules);
    this.tallies = new RuleTallies(rules, sample);
  }
}

/**
 * One index for both sides, read once per event: the shape marker, then head rule i as key i, then
 * base rule j as key `baseFrom + j` (left out: the base's rules the head has unchanged). Keys come
 * back in the order they were added, so the head's keys come first, then the base's.
 */
function replayIndex(
  head: readonly CompiledRule[],
  base: readonly CompiledRule[] | undefined,
  skip: ReadonlySet<number>,
): PatternIndex<number> {
  const index = new PatternIndex<number>();
  index.add(EVENT_SHAPE, EVENT_SHAPE_PATTERN);
  head.forEach((rule, i) => {
    if (rule.enabled) index.add(i, rule.pattern, rule.matcher);
  });
  base?.forEach((rule, j) => {
    if (rule.enabled && !skip.has(j)) index.add(head.length + j, rule.pattern, rule.matcher);
  });
  return index;
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
  /** Both sides' rules (see replayIndex). */
  readonly #index: PatternIndex<number>;
  /** Where the base's keys start in #index. */
  readonly #baseFrom: number;
  /** The top-level members of the line #index.matchBytes last read (see #addLines). */
  readonly #members = new TopLevelMembers();

  /** `reuseUnchanged: false` evaluates the base's unchanged rules again (tests compare both ways). */
  constructor(
    rules: readonly CompiledRule[],
    baseRules: readonly CompiledRule[] | undefined,
    opts: { sample: number; now?: Date; keepInvalid?: number; reuseUnchanged?: boolean },
  ) {
    this.#inBase =
      baseRules && opts.reuseUnchanged !== false ? unchangedRules(rules, baseRules) : rules.map(() => -1);
    this.head = new ReplaySide(rules, opts.sample);
    this.base = baseRules ? new ReplaySide(baseRules, opts.sample) : undefined;
    this.#baseFrom = rules.length;
    this.#index = replayIndex(rules, baseRules, new Set(this.#inBase.filter((b) => b >= 0)));
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
  addBatch(records: readonly (InputRecord | RecordError)[] | LineBatch): void {
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    try {
      if ("kind" in records) this.#addLines(records);
      else for (const record of records) this.add(record);
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
    let keys: number[];
    try {
      keys = this.#index.matchText(record.text);
    } catch (err) {
      this.#invalid(record.origin, `not valid JSON: ${(err as Error).message}`);
      return;
    }
    this.#addMatched(keys, record.text, undefined, 0, record.origin);
  }

  /**
   * JSON Lines left as bytes: each line matched from its bytes (PatternIndex.matchBytes), which
   * also records its top-level members. A line some rule matched is built from them (topLevelEvent:
   * nested values parsed only when read); one no rule matched is done with, unless its members make
   * it an envelope (envelopeLike), whose content might match. Lines the index declined, and
   * envelopes, are decoded and parsed whole.
   */
  #addLines(batch: LineBatch): void {
    const { lines } = batch;
    const bytes = bytesOf(batch);
    const members = this.#members;
    for (let i = 0; i < batch.count; i++) {
      const start = lines[3 * i] as number;
      const end = lines[3 * i + 1] as number;
      if (start < 0) {
        this.#invalid(lineOrigin(batch, i), longLineMessage(batch.maxRecordChars));
        continue;
      }
      const keys = this.#index.matchBytes(bytes, start, end, members);
      if (keys !== undefined && keys[0] === EVENT_SHAPE) {
        if (envelopeLike(bytes, members)) {
          // Opened as `run` opens it (JSON.parse's object: the bytes are ASCII, see matchBytes).
          this.#addValue(JSON.parse(bytes.toString("latin1", start, end)), lineOrigin(batch, i));
          continue;
        }
        this.events++;
        // Some rule matched: decided. Else nothing to do.
        if (keys.length > 1) this.#addEvent(keys, topLevelEvent(bytes, start, end, members), batch, i, "");
        continue;
      }
      const text = bytes.toString("utf8", start, end);
      let textKeys: number[];
      try {
        textKeys = keys ?? this.#index.matchText(text);
      } catch (err) {
        this.#invalid(lineOrigin(batch, i), `not valid JSON: ${(err as Error).message}`);
        continue;
      }
      this.#addMatched(textKeys, text, batch, i, "");
    }
  }

  /**
   * An event's text and the keys the index gave it. Its place is `origin`, or line `i` of `batch`
   * (made into a string only when something reports it).
   */
  #addMatched(keys: number[], text: string, batch: LineBatch | undefined, i: number, origin: string): void {
    if (keys[0] !== EVENT_SHAPE || mayBeEnvelope(text)) {
      // Not a bare event: opened as `run` opens it (envelopes), or reported invalid.
      const place = batch ? lineOrigin(batch, i) : origin;
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch (err) {
        this.#invalid(place, `not valid JSON: ${(err as Error).message}`);
        return;
      }
      this.#addValue(value, place);
      return;
    }
    this.events++;
    this.#addEvent(keys, text, batch, i, origin);
  }

  /** A bare event and its keys: decided and counted when a rule matched it. */
  #addEvent(
    keys: number[],
    text: string | Record<string, unknown>,
    batch: LineBatch | undefined,
    i: number,
    origin: string,
  ): void {
    let headKeys = keys;
    let baseKeys = NO_KEYS;
    // One rule set: the keys as they are (nothing made for every event).
    if (this.base) ({ headKeys, baseKeys } = this.#split(keys));
    if (headKeys.length > 1) this.matchedEvents++;
    if (headKeys.length === 1 && baseKeys.length <= 1) return;
    const event = typeof text === "string" ? (JSON.parse(text) as Record<string, unknown>) : text;
    const id = typeof event.id === "string" ? event.id : batch ? lineOrigin(batch, i) : origin;
    const decisions = this.#decide(this.head, headKeys, event);
    this.head.tallies.addDecisions(decisions, id, this.head.places);
    if (this.base) this.#decideBase(this.base, headKeys, decisions, baseKeys, event, id);
  }

  /**
   * An event's keys from #index (shape marker first) as each side's rule indexes, each side's
   * list led by the marker (there is a base).
   */
  #split(keys: number[]): { headKeys: number[]; baseKeys: readonly number[] } {
    const from = this.#baseFrom;
    let n = keys.length;
    while (n > 1 && (keys[n - 1] as number) >= from) n--;
    if (n === keys.length) return { headKeys: keys, baseKeys: [EVENT_SHAPE] };
    const baseKeys = [EVENT_SHAPE];
    for (let i = n; i < keys.length; i++) baseKeys.push((keys[i] as number) - from);
    keys.length = n;
    return { headKeys: keys, baseKeys };
  }

  /**
   * The rules the index found (after the shape marker), evaluated together as `run` evaluates an
   * event's matches: one budget for the event, the alarm view read only when a rule uses it. The
   * outcomes land in the side's verdicts (reused: valid until this side decides again).
   */
  #decide(side: ReplaySide, keys: readonly number[], event: Record<string, unknown>): RuleVerdicts {
    // The side's list, reused from event to event.
    const rules = side.matched;
    const places = side.places;
    rules.length = places.length = keys.length - 1;
    for (let i = 1; i < keys.length; i++) {
      const place = keys[i] as number;
      places[i - 1] = place;
      rules[i - 1] = side.engine.rules[place] as CompiledRule;
    }
    const verdicts = side.tallies.verdicts;
    verdicts.reset();
    side.engine.decideInto(event, rules, this.#nowIso, verdicts);
    return verdicts;
  }

  /**
   * The base side: the head's decisions for rules the base has unchanged, and its own for the rest.
   * When a head decision failed (a failure might be the event's shared budget running out, which
   * depends on the whole set) the base evaluates all of its matches itself, as a separate run would.
   */
  #decideBase(
    base: ReplaySide,
    headKeys: readonly number[],
    headVerdicts: RuleVerdicts,
    baseKeys: readonly number[],
    event: Record<string, unknown>,
    id: string,
  ): void {
    const keys = [...baseKeys];
    const reused: number[] = [];
    const failed = headVerdicts.anyFailed;
    for (let i = 1; i < headKeys.length; i++) {
      const b = this.#inBase[headKeys[i] as number] as number;
      if (b < 0) continue;
      if (failed) keys.push(b);
      else reused.push(i - 1);
    }
    // In rule order, as the index gives them (the shape marker, -1, stays first).
    if (failed) keys.sort((a, b) => a - b);
    if (keys.length > 1) base.tallies.addDecisions(this.#decide(base, keys, event), id, base.places);
    for (const at of reused) base.tallies.addVerdict(headVerdicts, at, id);
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
 * for `Records`, a Lambda destination record's `requestPayload` and SNS's `Type: Notification`
 * before taking a bare event): then it is parsed. A `\u` escape may spell a letter of these words
 * (`"Notific\u0061tion"`), so a text with one is parsed too.
 */
const ENVELOPE_KEY = /"(?:Records|requestPayload|Notification)"|\\u/;

function mayBeEnvelope(text: string): boolean {
  return ENVELOPE_KEY.test(text);
}

const RECORDS = nameBytes("Records");
const REQUEST_PAYLOAD = nameBytes("requestPayload");
const TYPE = nameBytes("Type");
const NOTIFICATION = nameBytes("Notification");

function nameBytes(name: string): number[] {
  return [...name].map((c) => c.charCodeAt(0));
}

/**
 * Whether an event-shaped line may be an envelope unwrapInput opens (which looks for `Records`, a
 * Lambda destination record's `requestPayload` and SNS's `Type: Notification` before taking a bare
 * event): then it is parsed whole and opened as `run` opens it. Decided from its top-level members
 * as read, exactly as on JSON.parse's object (the last value of a repeated key): a `Records` array,
 * a `requestPayload` key, `Type` "Notification". Also true when a key is spelt with escapes (it
 * might spell one of these). Exported for its test.
 */
export function envelopeLike(bytes: Buffer, members: TopLevelMembers): boolean {
  if (members.escapedKeys) return true;
  let records = -1;
  let type = -1;
  // One pass, names told apart by length and first letter before they are compared.
  for (let i = 0; i < members.count; i++) {
    const from = members.keyStart(i);
    const n = members.keyEnd(i) - from;
    const c = bytes[from];
    if (n === 7 && c === 0x52) {
      if (spelt(bytes, from, RECORDS)) records = i;
    } else if (n === 14 && c === 0x72) {
      if (spelt(bytes, from, REQUEST_PAYLOAD)) return true;
    } else if (n === 4 && c === 0x54 && spelt(bytes, from, TYPE)) type = i;
  }
  if (records >= 0 && members.kind(records) === MemberKind.ARRAY) return true;
  if (type < 0) return false;
  const kind = members.kind(type);
  const start = members.valueStart(type);
  const end = members.valueEnd(type);
  if (kind === MemberKind.ESCAPED_STRING)
    return JSON.parse(bytes.toString("latin1", start, end)) === "Notification";
  return (
    kind === MemberKind.STRING &&
    end - start - 2 === NOTIFICATION.length &&
    spelt(bytes, start + 1, NOTIFICATION)
  );
}

/** `bytes` from `at` hold `name`'s letters. */
function spelt(bytes: Buffer, at: number, name: readonly number[]): boolean {
  for (let k = 0; k < name.length; k++) if (bytes[at + k] !== name[k]) return false;
  return true;
}
