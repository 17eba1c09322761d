import type { LeafSlot, Scalar } from "../reading/event-leaves.js";
import { CharTrie, quotedStartsWith, reverse } from "../structures/char-trie.js";
import { IntervalIndex } from "../structures/interval-index.js";
import { numberText } from "../syntax/json-node.js";
import { isAscii } from "../text/java-text.js";
import { type MatcherMode, matchValuePattern, type ValuePattern } from "../values/value-pattern.js";
import type { Edge } from "./edge.js";
import { FLAT_LIST, type FlatForm } from "./state-code.js";

/** `map` (made if null) with `to` filed under `key` once. */
function filed<K, N>(map: Map<K, N[]> | null, key: K, to: N): Map<K, N[]> {
  const out = map ?? new Map<K, N[]>();
  const list = out.get(key);
  if (list === undefined) out.set(key, [to]);
  else if (!list.includes(to)) list.push(to);
  return out;
}

/**
 * Two or more states one key leads to. A key's single state (the usual case) is filed as it is, so
 * a lookup reaches no list (measured: bench/README.md, "Figures moved from code comments").
 */
class Several<N> {
  constructor(readonly items: N[]) {}
}

type Filed<N> = N | Several<N>;

/** `map` (made if null) with `to` filed under `key` once. */
function fileOne<K, N>(map: Map<K, Filed<N>> | null, key: K, to: N): Map<K, Filed<N>> {
  const out = map ?? new Map<K, Filed<N>>();
  const had = out.get(key);
  if (had === undefined) out.set(key, to);
  else if (had instanceof Several) {
    if (!had.items.includes(to)) had.items.push(to);
  } else if (had !== to) out.set(key, new Several([had, to]));
  return out;
}

function pushFiled<N>(out: N[], filed: Filed<N> | undefined): void {
  if (filed === undefined) return;
  if (filed instanceof Several) for (const item of filed.items) out.push(item);
  else out.push(filed);
}

/** `list` (made if null) with `item` appended. */
function appended<T>(list: T[] | null, item: T): T[] {
  const out = list ?? [];
  out.push(item);
  return out;
}

const IPV4_DIGITS = 8;

/** A trie of one key (a lone suffix is already stored reversed), or null for none. */
function lone<N>(key: string | null, to: N | null): CharTrie<N> | null {
  if (key === null) return null;
  const trie = new CharTrie<N>();
  trie.add(key, to as N);
  return trie;
}

/** Shared by every FieldTransitions: collect does not nest, so one buffer of index hits serves. */
const hits: Edge<never>[] = [];

// Bits of FieldTransitions.kinds: which indexes exist.
const ONE_STRING = 1;
const STRINGS = 2;
const CASELESS = 4;
const ONE_PREFIX = 8;
const PREFIXES = 16;
const ONE_SUFFIX = 32;
const SUFFIXES = 64;
const IPV4 = 128;
const LITERALS = 256;
const NUMERIC = 512;
const ALWAYS = 1024;
const BUT = 2048;
const OTHERS = 4096;
const STRING_REST = CASELESS | ONE_PREFIX | PREFIXES | ONE_SUFFIX | SUFFIXES | IPV4;
const ANY_VALUE = ALWAYS | BUT | OTHERS;

/**
 * The ways out of one automaton state through one field path: every value pattern leading on from
 * here, filed by what it can be looked up by — a hash of exact values, tries of prefixes and
 * suffixes, intervals of numbers and IPv4 addresses — so a leaf value finds the states it leads to
 * without trying the patterns one by one. Patterns nothing can index (non-ASCII
 * equals-ignore-case, anything-but forms other than lists of strings, ...) are tried one by one.
 * Where an index's key is only a necessary condition (ranges, CIDRs, wildcards), it files an Edge,
 * confirmed with matchValuePattern; the other indexes hold the states themselves.
 */
export class FieldTransitions<N> {
  /**
   * Which indexes exist (bits above), so collect reads only the fields it needs: the fields used
   * most come first and share the object's first cache line, and at 10,000 rules most lookups miss
   * the cache.
   */
  private kinds = 0;
  absent: N | null = null;
  // Each index exists only once a condition needs it: a rule set has many states, most with one
  // or two kinds of condition, and small states keep the automaton in cache.
  /** Exact strings: most states deep in the automaton have one, kept without a Map. */
  private oneString: string | null = null;
  /** The state oneString leads to when it leads to one (read without reaching oneStringTo). */
  private oneStringNext: N | null = null;
  private oneStringTo: N[] = [];
  /** See oneSuffix below. */
  private onePrefix: string | null = null;
  private onePrefixTo: N | null = null;
  private strings: Map<string, Filed<N>> | null = null;
  /** true/false/null, and number spellings in a matcher without numeric or IP patterns. */
  private literals: Map<string, Filed<N>> | null = null;
  private caseless: Map<string, Filed<N>> | null = null;
  private numbers: Map<number, Filed<N>> | null = null;
  private ranges: IntervalIndex<Edge<N>> | null = null;
  private ipv4: IntervalIndex<Edge<N>> | null = null;
  /** The IPv4 CIDR edges again, for values whose digits are read as they are. */
  private ipv4List: Edge<N>[] | null = null;
  /** Prefixes, quoted like the values they test, and the states they lead to. */
  private prefixes: CharTrie<N> | null = null;
  /** Wildcards by their first literal segment (quoted), to be confirmed. */
  private globPrefixes: CharTrie<Edge<N>> | null = null;
  /**
   * A lone prefix (or suffix, stored reversed) and its state, before any trie: the common case at
   * the end of routes, reached with no trie or list.
   */
  private oneSuffix: string | null = null;
  private oneSuffixTo: N | null = null;
  /** Suffixes, quoted, stored reversed. */
  private suffixes: CharTrie<N> | null = null;
  /** Wildcards by their last literal segment (quoted, reversed), to be confirmed. */
  private globSuffixes: CharTrie<Edge<N>> | null = null;
  private always: N[] | null = null;
  /**
   * String anything-but lists: every value but the ones named leads on. A string finds the lists
   * naming it in `butNamed` (by value, positions in `but`) and takes all others; any other value
   * takes them all. `butMarks[j]` is set to the lookup's stamp when list j names the value at hand.
   */
  private but: N[] | null = null;
  private butNamed: Map<string, number[]> | null = null;
  private butMarks: Int32Array | null = null;
  private butStamp = 0;
  private others: Edge<N>[] | null = null;

  constructor(
    readonly path: string,
    readonly slot: number,
  ) {}

  add(pattern: ValuePattern, mode: MatcherMode, to: N): void {
    this.file(pattern, mode, to);
    this.kinds = this.kindsNow();
  }

  private kindsNow(): number {
    return (
      (this.oneString !== null ? ONE_STRING : 0) |
      (this.strings !== null ? STRINGS : 0) |
      (this.caseless !== null ? CASELESS : 0) |
      (this.onePrefix !== null ? ONE_PREFIX : 0) |
      (this.prefixes !== null || this.globPrefixes !== null ? PREFIXES : 0) |
      (this.oneSuffix !== null ? ONE_SUFFIX : 0) |
      (this.suffixes !== null || this.globSuffixes !== null ? SUFFIXES : 0) |
      (this.ipv4List !== null ? IPV4 : 0) |
      (this.literals !== null ? LITERALS : 0) |
      (this.numbers !== null || this.ranges !== null ? NUMERIC : 0) |
      (this.always !== null ? ALWAYS : 0) |
      (this.but !== null ? BUT : 0) |
      (this.others !== null ? OTHERS : 0)
    );
  }

  private file(pattern: ValuePattern, mode: MatcherMode, to: N): void {
    const edge: Edge<N> = { to, pattern, mode };
    const plain = !mode.hasNumeric && !mode.hasIp;
    switch (pattern.type) {
      case "exact":
        if (pattern.value.startsWith('"')) this.addString(pattern.value.slice(1, -1), to);
        else if (plain || !/^-?[0-9]/.test(pattern.value))
          this.literals = fileOne(this.literals, pattern.value, to);
        else this.others = appended(this.others, edge);
        return;
      case "numeric-equals":
        this.numbers = fileOne(this.numbers, pattern.value, to);
        return;
      case "numeric-range":
        this.ranges = this.ranges ?? new IntervalIndex();
        this.ranges.add(pattern.low, pattern.high, edge);
        return;
      case "cidr":
        if (pattern.range.bottom.length === IPV4_DIGITS && pattern.range.top.length === IPV4_DIGITS) {
          this.ipv4 = this.ipv4 ?? new IntervalIndex();
          this.ipv4.add(
            Number.parseInt(pattern.range.bottom, 16),
            Number.parseInt(pattern.range.top, 16),
            edge,
          );
          this.ipv4List = appended(this.ipv4List, edge);
        } else this.others = appended(this.others, edge);
        return;
      case "prefix":
        if (this.prefixes === null && this.onePrefix === null) {
          this.onePrefix = pattern.value;
          this.onePrefixTo = to;
        } else this.prefixTrie().add(pattern.value, to);
        return;
      case "suffix":
        if (this.suffixes === null && this.oneSuffix === null) {
          this.oneSuffix = reverse(pattern.value);
          this.oneSuffixTo = to;
        } else this.suffixTrie().add(pattern.value, to, true);
        return;
      case "equals-ignore-case":
        if (isAscii(pattern.text))
          this.caseless = fileOne(this.caseless, pattern.text.slice(1, -1).toLowerCase(), to);
        else this.others = appended(this.others, edge);
        return;
      case "wildcard": {
        const first = pattern.glob[0] ?? "";
        const last = pattern.glob[pattern.glob.length - 1] ?? "";
        if (pattern.glob.length > 1 && first.length > 1) {
          this.globPrefixes ??= new CharTrie();
          this.globPrefixes.add(first, edge);
        } else if (pattern.glob.length > 1 && last.length > 1) {
          this.globSuffixes ??= new CharTrie();
          this.globSuffixes.add(last, edge, true);
        } else this.others = appended(this.others, edge);
        return;
      }
      case "exists":
        if (!this.always?.includes(to)) this.always = appended(this.always, to);
        return;
      case "anything-but":
        // Lists of numbers (or of nothing) depend on how the matcher reads numbers: tried one by one.
        if (pattern.numbers.length > 0 || pattern.strings.size === 0) break;
        this.but = appended(this.but, to);
        for (const quoted of pattern.strings) {
          // Filed unquoted, as the leaves' javaView reads.
          this.butNamed = filed(this.butNamed, quoted.slice(1, -1), this.but.length - 1);
        }
        return;
    }
    // The rest (and what the cases above leave) is tried one by one.
    this.others = appended(this.others, edge);
  }

  /** The prefix trie, made on first need with the lone prefix moved into it. */
  private prefixTrie(): CharTrie<N> {
    if (this.prefixes === null) {
      this.prefixes = new CharTrie();
      if (this.onePrefix !== null) this.prefixes.add(this.onePrefix, this.onePrefixTo as N);
      this.onePrefix = null;
      this.onePrefixTo = null;
    }
    return this.prefixes;
  }

  /** The suffix trie (keys reversed), made on first need with the lone suffix moved into it. */
  private suffixTrie(): CharTrie<N> {
    if (this.suffixes === null) {
      this.suffixes = new CharTrie();
      // Already reversed: filed as it is.
      if (this.oneSuffix !== null) this.suffixes.add(this.oneSuffix, this.oneSuffixTo as N);
      this.oneSuffix = null;
      this.oneSuffixTo = null;
    }
    return this.suffixes;
  }

  private addString(value: string, to: N): void {
    if (this.strings === null && (this.oneString === null || this.oneString === value)) {
      this.oneString = value;
      if (!this.oneStringTo.includes(to)) this.oneStringTo.push(to);
      this.oneStringNext = this.oneStringTo.length === 1 ? to : null;
      return;
    }
    if (this.oneString !== null) {
      const to0 = this.oneStringTo[0] as N;
      this.strings = new Map([
        [this.oneString, this.oneStringTo.length === 1 ? to0 : new Several([...this.oneStringTo])],
      ]);
      this.oneString = null;
      this.oneStringNext = null;
    }
    this.strings = fileOne(this.strings, value, to);
  }

  /**
   * Replaces every state this leads to by `f(state)`, once filing is done: lets the automaton put
   * a number where a state would only be read for its one accepted entry (see MatchAutomaton).
   */
  retarget(f: (to: N) => N): void {
    const all = (list: N[] | null): void => {
      if (list !== null) for (let i = 0; i < list.length; i++) list[i] = f(list[i] as N);
    };
    const each = <K>(map: Map<K, Filed<N>> | null): void =>
      map?.forEach((to, key) => {
        if (to instanceof Several) all(to.items);
        else map.set(key, f(to));
      });
    if (this.absent !== null) this.absent = f(this.absent);
    if (this.oneStringNext !== null) this.oneStringNext = f(this.oneStringNext);
    all(this.oneStringTo);
    if (this.onePrefixTo !== null) this.onePrefixTo = f(this.onePrefixTo);
    if (this.oneSuffixTo !== null) this.oneSuffixTo = f(this.oneSuffixTo);
    each(this.strings);
    each(this.literals);
    each(this.caseless);
    each(this.numbers);
    all(this.always);
    all(this.but);
    this.prefixes?.retarget(f);
    this.suffixes?.retarget(f);
    // Edges are shared between indexes (a CIDR is in ipv4 and ipv4List): each is changed once.
    const edges = new Set<Edge<N>>();
    const add = (edge: Edge<N>): void => {
      edges.add(edge);
    };
    this.ranges?.forEach(add);
    this.ipv4?.forEach(add);
    this.ipv4List?.forEach(add);
    this.globPrefixes?.forEach(add);
    this.globSuffixes?.forEach(add);
    this.others?.forEach(add);
    for (const edge of edges) edge.to = f(edge.to);
  }

  /**
   * Takes out of this field the conditions StateCode writes (see FlatForm) and returns them, once
   * filing is done; null when none has a flat form. The rest (literals, numbers, CIDRs, wildcards
   * with no literal first or last segment, the conditions tried one by one, a list longer than FLAT_LIST) stays here, so a field holding a
   * numeric range next to prefixes still has its prefixes written as code (`isEmpty` tells whether
   * anything stayed). A leaf finds through the two together what it found through this alone.
   */
  takeFlat(): FlatForm<N> | null {
    const pairs = (map: Map<string, Filed<N>> | null): [string, N][] => {
      const out: [string, N][] = [];
      map?.forEach((to, key) => {
        if (to instanceof Several) for (const item of to.items) out.push([key, item]);
        else out.push([key, to]);
      });
      return out;
    };
    const form: FlatForm<N> = {
      slot: this.slot,
      absent: this.absent,
      strings: [],
      caseless: [],
      prefixes: this.prefixes ?? lone(this.onePrefix, this.onePrefixTo),
      suffixes: this.suffixes ?? lone(this.oneSuffix, this.oneSuffixTo),
      globPrefixes: this.globPrefixes,
      globSuffixes: this.globSuffixes,
      always: this.always ?? [],
      buts: [],
    };
    this.absent = null;
    this.prefixes = this.suffixes = this.always = null;
    this.globPrefixes = this.globSuffixes = null;
    this.onePrefix = this.onePrefixTo = this.oneSuffix = this.oneSuffixTo = null;
    const strings =
      this.oneString !== null
        ? this.oneStringTo.map((to): [string, N] => [this.oneString as string, to])
        : pairs(this.strings);
    if (strings.length <= FLAT_LIST) {
      form.strings = strings;
      this.oneString = this.oneStringNext = this.strings = null;
      this.oneStringTo = [];
    }
    const caseless = pairs(this.caseless);
    if (caseless.length <= FLAT_LIST) {
      form.caseless = caseless;
      this.caseless = null;
    }
    if (this.but !== null && this.but.length <= FLAT_LIST) {
      const buts = this.but.map((to) => ({ to, names: [] as string[] }));
      this.butNamed?.forEach((lists, name) => {
        for (const j of lists) buts[j]?.names.push(name);
      });
      form.buts = buts;
      this.but = this.butNamed = this.butMarks = null;
    }
    this.kinds = this.kindsNow();
    const taken =
      form.absent !== null ||
      form.strings.length + form.caseless.length + form.always.length + form.buts.length > 0 ||
      form.prefixes !== null ||
      form.suffixes !== null ||
      form.globPrefixes !== null ||
      form.globSuffixes !== null;
    return taken ? form : null;
  }

  /** Whether no condition (and no absence) is left here (see takeFlat). */
  isEmpty(): boolean {
    return this.kinds === 0 && this.absent === null;
  }

  /** Pushes onto `out` each state leaf `i` of `slot` leads to (a state may come more than once). */
  collect(slot: LeafSlot, i: number, out: N[]): void {
    const k = this.kinds;
    // Leaves are made on first read (see LeafSlot.value): `exists` alone needs none.
    const value = (k & ~ALWAYS) !== 0 ? slot.value(i) : null;
    if (typeof value === "string") {
      if ((k & ONE_STRING) !== 0) {
        if (value === this.oneString) {
          if (this.oneStringNext !== null) out.push(this.oneStringNext);
          else pushAll(out, this.oneStringTo);
        }
      } else if ((k & STRINGS) !== 0) pushFiled(out, this.strings?.get(value));
      if ((k & ONE_PREFIX) !== 0) {
        if (quotedStartsWith(slot.javaView(i, value), this.onePrefix as string, false))
          out.push(this.onePrefixTo as N);
      }
      if ((k & STRING_REST & ~ONE_PREFIX) !== 0) this.collectString(slot, i, value, out);
    } else if ((k & (LITERALS | NUMERIC | IPV4)) !== 0) this.collectOther(slot, i, value, out);
    if ((k & ANY_VALUE) !== 0) {
      if (this.always !== null) pushAll(out, this.always);
      if (this.but !== null) this.allBut(slot, i, value, out);
      if (this.others !== null) for (const edge of this.others) follow(edge, slot, i, out);
    }
    const found = hits as Edge<N>[];
    if (found.length > 0) {
      for (const edge of found) follow(edge, slot, i, out);
      found.length = 0;
    }
  }

  private collectString(slot: LeafSlot, i: number, value: string, out: N[]): void {
    const found = hits as Edge<N>[];
    if (this.caseless !== null) {
      const lower = slot.asciiLower(i, value);
      if (lower !== null) pushFiled(out, this.caseless.get(lower));
    }
    if (this.prefixes !== null) this.prefixes.quotedPrefixesOf(slot.javaView(i, value), false, out);
    if (this.globPrefixes !== null) this.globPrefixes.quotedPrefixesOf(slot.javaView(i, value), false, found);
    if (this.oneSuffix !== null) {
      if (quotedStartsWith(slot.javaView(i, value), this.oneSuffix, true)) out.push(this.oneSuffixTo as N);
    } else if (this.suffixes !== null) this.suffixes.quotedPrefixesOf(slot.javaView(i, value), true, out);
    if (this.globSuffixes !== null) this.globSuffixes.quotedPrefixesOf(slot.javaView(i, value), true, found);
    if (this.ipv4List !== null) {
      const digits = slot.view(i).ipDigits;
      if (digits !== null && digits.length === IPV4_DIGITS)
        this.ipv4?.holding(Number.parseInt(digits, 16), found);
      else if (digits !== null) for (const edge of this.ipv4List) follow(edge, slot, i, out);
    }
  }

  private collectOther(slot: LeafSlot, i: number, value: Scalar, out: N[]): void {
    const found = hits as Edge<N>[];
    if (this.literals !== null) {
      pushFiled(out, this.literals.get(typeof value === "number" ? numberText(value) : String(value)));
    }
    if (typeof value === "number" && (this.numbers !== null || this.ranges !== null)) {
      const view = slot.view(i);
      if (view.comparable) {
        if (this.numbers !== null) pushFiled(out, this.numbers.get(view.number));
        this.ranges?.holding(view.number, found);
      }
    }
    if (this.ipv4List !== null) for (const edge of this.ipv4List) follow(edge, slot, i, out);
  }

  private allBut(slot: LeafSlot, i: number, value: Scalar, out: N[]): void {
    const but = this.but as N[];
    const named = typeof value === "string" ? this.butNamed?.get(slot.javaView(i, value)) : undefined;
    if (named === undefined) {
      for (let j = 0; j < but.length; j++) out.push(but[j] as N);
      return;
    }
    // Made on the first lookup that needs them, when every list is filed.
    let marks = this.butMarks;
    if (marks === null || marks.length !== but.length) {
      marks = new Int32Array(but.length);
      this.butMarks = marks;
    }
    // Stamps start again before they outgrow the marks' 32 bits.
    if (this.butStamp === 0x7fffffff) {
      marks.fill(0);
      this.butStamp = 0;
    }
    const stamp = ++this.butStamp;
    for (const j of named) marks[j] = stamp;
    for (let j = 0; j < but.length; j++) if (marks[j] !== stamp) out.push(but[j] as N);
  }
}

/** Pushes the edge's state when leaf `i` of `slot` takes the edge. */
export function follow<N>(edge: Edge<N>, slot: LeafSlot, i: number, out: N[]): void {
  if (matchValuePattern(edge.pattern, slot.view(i), edge.mode)) out.push(edge.to);
}

function pushAll<N>(out: N[], items: readonly N[] | undefined): void {
  if (items !== undefined) for (const item of items) out.push(item);
}
