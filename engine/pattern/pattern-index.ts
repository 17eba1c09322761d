import type { AutomatonKit } from "./automaton/kit.js";
import type { MatchAutomaton } from "./automaton/match-automaton.js";
import { availableAutomaton } from "./automaton-source.js";
import type { TopLevelMembers } from "./reading/top-level-members.js";
import { IntBuffer } from "./structures/int-buffer.js";
import { asciiText } from "./text/ascii-bytes.js";
import { type Alternative, UsedSteps } from "./walk/alternative.js";
import { type BranchEntry, CandidateIndex } from "./walk/candidate-index.js";
import { type CompiledPattern, compileProgramOrThrow } from "./walk/compiled-pattern.js";
import { type FlatEvent, flattenEvent } from "./walk/flat-event.js";

/**
 * Many patterns, one event: the keys whose pattern matches, with the answers compilePattern gives
 * each pattern on its own. Branches go into one MatchAutomaton, which reads only the fields some
 * pattern tests and decides most branches alone; branches whose answer depends on more than their
 * own fields (see routeOf), acceptances that need array consistency, and events outside plain JSON
 * data take the exact route (flattened event, per-branch walk), which is what the automaton is
 * tested against.
 */
export interface PatternIndexOptions {
  /**
   * How many `match` calls go by the exact walk before the automaton is built (default 0: on the
   * first). Building it costs more than walking a few events; a short-lived process (a Lambda cold
   * start) may never see enough events to repay it. `matchText` always uses the automaton (once
   * available: the engine bundle loads its code on first use, see automaton-source.ts).
   */
  walksFirst?: number;
}

export class PatternIndex<K> {
  private readonly keys: K[] = [];
  private readonly keyPositions = new Map<K, number>();
  /** Built when first needed and available (see automaton-source.ts). */
  private automaton: MatchAutomaton | undefined;
  private kit: AutomatonKit | undefined;
  /** Branches the automaton cannot decide alone. */
  private readonly apart = new CandidateIndex();
  /** Every branch, for events the automaton cannot read. */
  private readonly all = new CandidateIndex();
  /** Member names some pattern reads: an event the automaton read is flattened only under these. */
  private readonly steps = new UsedSteps([]);
  /** Branches added but not yet filed in the automaton or `apart` (see fileBranches). */
  private pending: BranchEntry[] = [];
  private walksLeft: number;
  private readonly enters = (name: string): boolean => this.steps.used(name);
  /** The bytes matchBytes reads, while it reads them (for the exact walk's JSON.parse). */
  private bytes: Uint8Array | null = null;
  private bytesStart = 0;
  private bytesEnd = 0;
  /**
   * One bit per key: found by this call; and one bit per word of those: the word holds a find.
   * Cleared at the start of each call from the previous call's finds. The answer is read off both
   * in order, with no sort: an event matching 13 of 10,000 rules reads 10 words of the second and
   * 13 of the first (faster than sorting the finds: bench/README.md).
   */
  private bits = new Int32Array(1);
  private words = new Int32Array(1);
  private busy = false;
  private readonly found = new IntBuffer();
  private readonly done = (keyIndex: number): boolean =>
    ((this.bits[keyIndex >> 5] as number) & (1 << keyIndex)) !== 0;
  private readonly mark = (keyIndex: number): void => {
    const w = keyIndex >> 5;
    const word = this.bits[w] as number;
    const bit = 1 << keyIndex;
    if ((word & bit) !== 0) return;
    if (word === 0) this.words[w >> 5] = (this.words[w >> 5] as number) | (1 << w);
    this.bits[w] = word | bit;
    this.found.push(keyIndex);
  };

  constructor(opts: PatternIndexOptions = {}) {
    this.walksLeft = opts.walksFirst ?? 0;
  }

  /** Number of distinct keys added. */
  get size(): number {
    return this.keys.length;
  }

  /**
   * Adds a pattern under `key` (adding a key again ORs the patterns). Throws PatternSyntaxError.
   * `compiled`: compilePattern(pattern), when the caller holds it (a compiled rule's matcher), so
   * the pattern is not compiled again: compiling is most of what adding costs.
   */
  add(key: K, pattern: unknown, compiled?: CompiledPattern): void {
    const program = compileProgramOrThrow(pattern, compiled);
    let keyIndex = this.keyPositions.get(key);
    if (keyIndex === undefined) {
      keyIndex = this.keys.length;
      this.keys.push(key);
      this.keyPositions.set(key, keyIndex);
      if (this.keys.length > 32 * this.bits.length) {
        const bits = new Int32Array(2 * this.bits.length);
        bits.set(this.bits);
        this.bits = bits;
        const words = new Int32Array(Math.ceil(bits.length / 32));
        words.set(this.words);
        this.words = words;
      }
    }
    for (const alt of program.alternatives) {
      this.steps.add(alt.fields.map((f) => f.path));
      const entry: BranchEntry = { keyIndex, program, alternative: alt.index };
      this.all.add(entry);
      this.pending.push(entry);
    }
  }

  /** The automaton with every branch filed, or undefined while it is not available (then: walk). */
  private readyAutomaton(): MatchAutomaton | undefined {
    if (this.automaton === undefined) {
      const kit = availableAutomaton();
      if (kit === undefined) return undefined;
      this.kit = kit;
      this.automaton = new kit.MatchAutomaton();
    }
    if (this.pending.length > 0) this.fileBranches(this.automaton, this.kit as AutomatonKit);
    return this.automaton;
  }

  /** Files the branches added since the last call where the automaton route needs them. */
  private fileBranches(automaton: MatchAutomaton, kit: AutomatonKit): void {
    for (const entry of this.pending) {
      const { program, alternative } = entry;
      const route = kit.routeOf(program.alternatives[alternative] as Alternative, program.root);
      if (route === null) this.apart.add(entry);
      else automaton.add(route, entry);
    }
    this.pending = [];
  }

  /** Keys whose pattern matches `event`, in the order they were first added, each once. */
  match(event: unknown): K[] {
    // A getter in the event calling back into this index must not reuse the buffers in use.
    if (this.busy) return this.matchReentered(event);
    this.busy = true;
    try {
      return this.matchOrThrow(event);
    } catch {
      // Defensive: matching must never throw, whatever the event.
      return [];
    } finally {
      this.busy = false;
    }
  }

  /**
   * `match(JSON.parse(text))`, mostly without building the object: the text is read straight into
   * the automaton, and parsed only when an answer needs the exact walk or the text is out of the
   * ordinary. Throws JSON.parse's SyntaxError when `text` is not JSON.
   */
  matchText(text: string): K[] {
    if (!this.busy) {
      this.busy = true;
      try {
        this.walksLeft = 0;
        const automaton = this.readyAutomaton();
        if (automaton?.runText(text)) {
          this.begin();
          return this.collectRun(automaton, undefined, text);
        }
      } catch {
        // Defensive, as in match: the parsed text is matched below.
      } finally {
        this.busy = false;
      }
    }
    return this.match(JSON.parse(text));
  }

  /**
   * `matchText` of the UTF-8 text in `bytes` [start, end) (a line of a larger buffer, say), read
   * straight from the bytes: no string of the event is made unless an answer needs the exact walk.
   * undefined: declined — the caller decodes the text and calls matchText. Declined are bytes that
   * are not plain ASCII (>= 0x80: so invalid UTF-8 never needs handling here), text that is not
   * JSON or out of the ordinary (what matchText would parse), a reentered call, the automaton not
   * yet available, and a range not inside `bytes`. `members`, when given, is filled with the
   * top-level object's members as read (see TopLevelMembers): valid only when keys are returned,
   * and until the bytes change.
   */
  matchBytes(bytes: Uint8Array, start: number, end: number, members?: TopLevelMembers): K[] | undefined {
    // A range outside `bytes` is declined too: its view would read the buffer around them.
    if (this.busy || !(start >= 0 && start <= end && end <= bytes.length)) return undefined;
    this.busy = true;
    try {
      this.walksLeft = 0;
      const automaton = this.readyAutomaton();
      if (automaton === undefined || !automaton.runBytes(bytes, start, end, members)) return undefined;
      this.begin();
      this.bytes = bytes;
      this.bytesStart = start;
      this.bytesEnd = end;
      return this.collectRun(automaton, undefined, null);
    } catch {
      // Defensive, as in match: the caller matches the decoded text.
      return undefined;
    } finally {
      this.bytes = null;
      this.busy = false;
    }
  }

  private matchReentered(event: unknown): K[] {
    try {
      const flat = flattenEvent(event);
      const found = new Set<number>();
      if (flat !== null)
        this.all.collect(
          flat,
          (k) => found.has(k),
          (k) => found.add(k),
        );
      return [...found].sort((a, b) => a - b).map((k) => this.keys[k] as K);
    } catch {
      return [];
    }
  }

  private matchOrThrow(event: unknown): K[] {
    this.begin();
    const { done, mark } = this;
    const automaton = this.walksLeft > 0 ? undefined : this.readyAutomaton();
    if (this.walksLeft > 0) this.walksLeft--;
    if (automaton === undefined || !automaton.run(event)) {
      const flat = flattenEvent(event);
      if (flat !== null) this.all.collect(flat, done, mark);
      return this.result();
    }
    return this.collectRun(automaton, event, null);
  }

  /**
   * The answer from the automaton's run, with the exact walk where it is needed: on `event`, or on
   * `text` parsed then (when the automaton read the event from its text), or on the bytes
   * matchBytes reads, decoded and parsed then.
   */
  private collectRun(automaton: MatchAutomaton, event: unknown, text: string | null): K[] {
    const { done, mark } = this;
    const { accepted, maybe } = automaton;
    for (let i = 0; i < accepted.n; i++) mark(accepted.items[i] as number);
    let flat: FlatEvent | null | undefined;
    for (let i = 0; i < maybe.n; i++) {
      const id = maybe.items[i] as number;
      const entry = automaton.entries[id] as BranchEntry;
      if (done(entry.keyIndex)) continue;
      const decided = automaton.decide(id);
      if (decided !== null) {
        if (decided) mark(entry.keyIndex);
        continue;
      }
      flat ??= flattenEvent(this.eventOf(event, text), this.enters);
      if (flat !== null && entry.program.matchesAlternative(entry.alternative, flat)) mark(entry.keyIndex);
    }
    if (this.apart.size > 0) {
      flat ??= flattenEvent(this.eventOf(event, text), this.enters);
      if (flat !== null) this.apart.collect(flat, done, mark);
    }
    return this.result();
  }

  /** The event collectRun walks: given, or parsed from the text or bytes read. */
  private eventOf(event: unknown, text: string | null): unknown {
    if (text !== null) return JSON.parse(text);
    // The reader accepted the bytes: ASCII only, so read as latin1 they are the UTF-8 text.
    if (this.bytes !== null) return JSON.parse(asciiText(this.bytes, this.bytesStart, this.bytesEnd));
    return event;
  }

  /** Forgets the previous call's finds. */
  private begin(): void {
    const { items, n } = this.found;
    for (let i = 0; i < n; i++) {
      const k = items[i] as number;
      this.bits[k >> 5] = 0;
      this.words[k >> 10] = 0;
    }
    this.found.clear();
  }

  /** The keys found, in order: read off the words that hold finds, then off their bits. */
  private result(): K[] {
    const { items: found, n } = this.found;
    const out = new Array<K>(n);
    if (n <= 1) {
      if (n === 1) out[0] = this.keys[found[0] as number] as K;
      return out;
    }
    let low = found[0] as number;
    let high = low;
    for (let i = 1; i < n; i++) {
      const k = found[i] as number;
      if (k < low) low = k;
      else if (k > high) high = k;
    }
    const { bits, words, keys } = this;
    let o = 0;
    for (let s = low >> 10; s <= high >> 10; s++) {
      let held = words[s] as number;
      while (held !== 0) {
        const w = (s << 5) + (31 - Math.clz32(held & -held));
        let word = bits[w] as number;
        while (word !== 0) {
          const bit = word & -word;
          out[o++] = keys[(w << 5) + (31 - Math.clz32(bit))] as K;
          word ^= bit;
        }
        held &= held - 1;
      }
    }
    return out;
  }
}
