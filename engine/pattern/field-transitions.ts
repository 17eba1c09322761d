import { CharTrie } from "./char-trie.js";
import type { LeafSlot } from "./event-leaves.js";
import { IntervalIndex } from "./interval-index.js";
import { numberText } from "./json-node.js";
import { type MatcherMode, matchValuePattern, type ValuePattern } from "./value-pattern.js";

/**
 * The ways out of one automaton state through one field path: every value pattern leading on from
 * here, filed by what it can be looked up by — a hash of exact values, tries of prefixes and
 * suffixes, intervals of numbers and IPv4 addresses — so a leaf value finds the states it leads to
 * without trying the patterns one by one. Patterns nothing can index (anything-but, non-ASCII
 * equals-ignore-case, ...) are tried one by one, and every index whose key is only a necessary
 * condition (ranges, wildcards) is confirmed with matchValuePattern.
 */
export interface Edge<N> {
  to: N;
  pattern: ValuePattern;
  mode: MatcherMode;
  /** The index key is only a necessary condition: confirm with matchValuePattern. */
  check: boolean;
}

function push<K, N>(map: Map<K, N[]>, key: K, to: N): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [to]);
  else if (!list.includes(to)) list.push(to);
}

function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0x7f) return false;
  return true;
}

const IPV4_DIGITS = 8;

export class FieldTransitions<N> {
  /** Next state by the field's whole value list and matcher mode, so equal fields share a state. */
  readonly byList = new Map<string, N>();
  absent: N | null = null;
  private readonly strings = new Map<string, N[]>();
  /** true/false/null, and number spellings in a matcher without numeric or IP patterns. */
  private readonly literals = new Map<string, N[]>();
  private readonly caseless = new Map<string, N[]>();
  private readonly numbers = new Map<number, N[]>();
  private readonly ranges = new IntervalIndex<Edge<N>>();
  private readonly ipv4 = new IntervalIndex<Edge<N>>();
  /** The IPv4 CIDR edges again, for values whose digits are read as they are. */
  private readonly ipv4List: Edge<N>[] = [];
  /** Prefixes (and wildcards by their first segment), quoted like the values they test. */
  private readonly prefixes = new CharTrie<Edge<N>>();
  /** Suffixes (and wildcards by their last segment), quoted, stored reversed. */
  private readonly suffixes = new CharTrie<Edge<N>>();
  private readonly always: N[] = [];
  private readonly others: Edge<N>[] = [];
  /** Index hits of the leaf being collected (collect does not nest, so one buffer serves). */
  private readonly hits: Edge<N>[] = [];

  constructor(
    readonly path: string,
    readonly slot: number,
  ) {}

  add(pattern: ValuePattern, mode: MatcherMode, to: N): void {
    const edge: Edge<N> = { to, pattern, mode, check: true };
    const exact: Edge<N> = { to, pattern, mode, check: false };
    const plain = !mode.hasNumeric && !mode.hasIp;
    switch (pattern.type) {
      case "exact":
        if (pattern.value.startsWith('"')) push(this.strings, pattern.value.slice(1, -1), to);
        else if (plain || !/^-?[0-9]/.test(pattern.value)) push(this.literals, pattern.value, to);
        else this.others.push(edge);
        return;
      case "numeric-equals":
        push(this.numbers, pattern.value, to);
        return;
      case "numeric-range":
        this.ranges.add(pattern.low, pattern.high, edge);
        return;
      case "cidr":
        if (pattern.range.bottom.length === IPV4_DIGITS && pattern.range.top.length === IPV4_DIGITS) {
          this.ipv4.add(
            Number.parseInt(pattern.range.bottom, 16),
            Number.parseInt(pattern.range.top, 16),
            edge,
          );
          this.ipv4List.push(edge);
        } else this.others.push(edge);
        return;
      case "prefix":
        this.prefixes.add(pattern.value, exact);
        return;
      case "suffix":
        this.suffixes.add(pattern.value, exact, true);
        return;
      case "equals-ignore-case":
        if (isAscii(pattern.text)) push(this.caseless, pattern.text.slice(1, -1).toLowerCase(), to);
        else this.others.push(edge);
        return;
      case "wildcard": {
        const first = pattern.glob[0] ?? "";
        const last = pattern.glob[pattern.glob.length - 1] ?? "";
        if (pattern.glob.length > 1 && first.length > 1) this.prefixes.add(first, edge);
        else if (pattern.glob.length > 1 && last.length > 1) this.suffixes.add(last, edge, true);
        else this.others.push(edge);
        return;
      }
      case "exists":
        if (!this.always.includes(to)) this.always.push(to);
        return;
      default:
        this.others.push(edge);
    }
  }

  /** Pushes onto `out` each state leaf `i` of `slot` leads to (a state may come more than once). */
  collect(slot: LeafSlot, i: number, out: N[]): void {
    const value = slot.values[i] ?? null;
    if (typeof value === "string") {
      pushAll(out, this.strings.get(value));
      if (this.caseless.size > 0) {
        const lower = slot.asciiLower(i, value);
        if (lower !== null) pushAll(out, this.caseless.get(lower));
      }
      if (this.prefixes.size > 0 || this.suffixes.size > 0) {
        const text = slot.quoted(i, value);
        if (this.prefixes.size > 0) this.prefixes.prefixesOf(text, false, this.hits);
        if (this.suffixes.size > 0) this.suffixes.prefixesOf(text, true, this.hits);
      }
      if (this.ipv4List.length > 0) {
        const digits = slot.view(i).ipDigits;
        if (digits !== null && digits.length === IPV4_DIGITS)
          this.ipv4.holding(Number.parseInt(digits, 16), this.hits);
        else if (digits !== null) for (const edge of this.ipv4List) follow(edge, slot, i, out);
      }
    } else {
      if (this.literals.size > 0) {
        pushAll(out, this.literals.get(typeof value === "number" ? numberText(value) : String(value)));
      }
      if (typeof value === "number" && (this.numbers.size > 0 || this.ranges.size > 0)) {
        const view = slot.view(i);
        if (view.comparable) {
          pushAll(out, this.numbers.get(view.number));
          this.ranges.holding(view.number, this.hits);
        }
      }
      for (const edge of this.ipv4List) follow(edge, slot, i, out);
    }
    pushAll(out, this.always);
    for (const edge of this.others) follow(edge, slot, i, out);
    if (this.hits.length > 0) {
      for (const edge of this.hits) follow(edge, slot, i, out);
      this.hits.length = 0;
    }
  }
}

/** Pushes the edge's state when leaf `i` of `slot` takes the edge. */
export function follow<N>(edge: Edge<N>, slot: LeafSlot, i: number, out: N[]): void {
  if (!edge.check || matchValuePattern(edge.pattern, slot.view(i), edge.mode)) out.push(edge.to);
}

function pushAll<N>(out: N[], items: readonly N[] | undefined): void {
  if (items !== undefined) for (const item of items) out.push(item);
}
