import type { LeafSlot } from "../reading/event-leaves.js";
import { hashAscii, hashBytes, pushPacked, sameBytes } from "../structures/byte-words.js";
import { isAscii } from "../text/java-text.js";

/**
 * The exact strings rules test at one path, numbered from 0: the strings a JoinedTransitions
 * combines into one key. An event's value at the path is looked up once per event (see
 * JoinedLookup), however many joined transitions read the path.
 */
export class ValueIds {
  private readonly ids = new Map<string, number>();
  /**
   * The ASCII strings' numbers by their bytes (see idAt), made on first use: open addressing over
   * `slots` (a record's place, or -1), each record its hash, length, number and bytes packed.
   */
  private slots = new Int32Array(0);
  private records = new Int32Array(0);
  /** How many strings `slots` holds, or -1 when strings were added since (index again). */
  private indexed = -1;

  get size(): number {
    return this.ids.size;
  }

  /** The number of `value`, given one if it has none (while the automaton is built). */
  add(value: string): number {
    let id = this.ids.get(value);
    if (id === undefined) {
      id = this.ids.size;
      this.ids.set(value, id);
      this.indexed = -1;
    }
    return id;
  }

  /** The number of `value`, or -1 when no rule tests the path for it. */
  idOf(value: unknown): number {
    return typeof value === "string" ? (this.ids.get(value) ?? -1) : -1;
  }

  /**
   * The number of leaf `i` of `slot`: looked up by its bytes in place when it is a plain ASCII
   * string left in them (no string made or hashed), else by its value.
   */
  idOfLeaf(slot: LeafSlot, i: number): number {
    const start = slot.rawStart(i);
    if (start < 0) return this.idOf(slot.value(i));
    if (this.indexed < 0) this.index();
    const words = slot.rawWords();
    const length = slot.rawLength(i);
    const { slots, records } = this;
    const hash = hashBytes(words, start, length);
    const mask = slots.length - 1;
    for (let h = hash & mask; ; h = (h + 1) & mask) {
      const r = slots[h] as number;
      if (r < 0) return -1;
      if (records[r] === hash && records[r + 1] === length && sameBytes(records, r + 3, words, start, length))
        return records[r + 2] as number;
    }
  }

  private index(): void {
    let size = 8;
    while (size < 2 * this.ids.size) size *= 2;
    const slots = new Int32Array(size).fill(-1);
    const records: number[] = [];
    for (const [value, id] of this.ids) {
      // A leaf compared by its bytes is ASCII: other strings are found by idOf.
      if (!isAscii(value)) continue;
      const hash = hashAscii(value);
      let h = hash & (size - 1);
      while ((slots[h] as number) >= 0) h = (h + 1) & (size - 1);
      slots[h] = records.length;
      records.push(hash, value.length, id);
      pushPacked(records, value);
    }
    this.slots = slots;
    // A word past the last record, so a comparison's masked last word reads no further.
    this.records = Int32Array.from([...records, 0]);
    this.indexed = this.ids.size;
  }
}

/**
 * One exact string on each of several paths, looked up as one key: a route's values there, each
 * numbered by its path's ValueIds, form one mixed-radix number. An organisation's rules each pin
 * `source`, `detail-type`, `account` and `region`; as a chain of states those cost an event one
 * lookup per path and state, and every rule with some other condition on one of them (a prefix
 * on `account`, ...) starts a parallel chain of the other three. Joined, each combination of
 * paths costs one lookup.
 */
export class JoinedTransitions<N> {
  /** The state after each filed combination of values, by key. */
  readonly next = new Map<number, N>();
  /** The keys of the first i + 1 values of every filed combination: prunes the search in events with several leaves on a path. */
  private readonly heads: Set<number>[];
  /**
   * `next` as an open-addressing table (keys, -1 for none, and their states), made on the first
   * lookup after a change: keys reach 2^53, and a Map looked up with a key past 2^31 boxes it.
   */
  private keys = new Float64Array(0);
  private tos: N[] = [];
  private sealed = false;

  /**
   * `weights[i]`: what value i's number is multiplied by (the product of the sizes of the
   * ValueIds before it), so every combination has its own key, below 2^53 (see weightsOf).
   */
  constructor(
    readonly paths: readonly string[],
    readonly slots: readonly number[],
    readonly ids: readonly ValueIds[],
    readonly weights: readonly number[],
  ) {
    this.heads = paths.map(() => new Set<number>());
  }

  /** The state after `values` (one per path, each already numbered), made with `make` if new. */
  file(values: readonly string[], make: () => N): N {
    let key = 0;
    for (let i = 0; i < values.length; i++) {
      key += (this.ids[i] as ValueIds).add(values[i] as string) * (this.weights[i] as number);
      (this.heads[i] as Set<number>).add(key);
    }
    let to = this.next.get(key);
    if (to === undefined) {
      to = make();
      this.next.set(key, to);
      this.sealed = false;
    }
    return to;
  }

  /** Replaces every state this leads to by `f(state)` (see FieldTransitions.retarget). */
  retarget(f: (to: N) => N): void {
    for (const [key, to] of this.next) this.next.set(key, f(to));
    this.sealed = false;
  }

  /** `next.get(key)`, from the table. */
  private lookup(key: number): N | undefined {
    if (!this.sealed) this.seal();
    const keys = this.keys;
    const mask = keys.length - 1;
    for (let h = mixKey(key) & mask; ; h = (h + 1) & mask) {
      const k = keys[h] as number;
      if (k === key) return this.tos[h];
      if (k < 0) return undefined;
    }
  }

  private seal(): void {
    let size = 8;
    while (size < 2 * this.next.size) size *= 2;
    const keys = new Float64Array(size).fill(-1);
    const tos = new Array<N>(size);
    for (const [key, to] of this.next) {
      let h = mixKey(key) & (size - 1);
      while ((keys[h] as number) >= 0) h = (h + 1) & (size - 1);
      keys[h] = key;
      tos[h] = to;
    }
    this.keys = keys;
    this.tos = tos;
    this.sealed = true;
  }

  /**
   * Calls `reach` with each state the event's leaves lead to, and how many of the paths hold
   * leaves in arrays of objects (as the automaton counts levels). `first(i)`: the number of leaf 0
   * of path i, or -1 (memoized by the caller: several joins may read one path).
   */
  collect(
    slots: readonly LeafSlot[],
    first: (slot: number, ids: ValueIds) => number,
    reach: (to: N, membered: number) => void,
  ): void {
    let key = 0;
    let membered = 0;
    const n = this.slots.length;
    for (let i = 0; i < n; i++) {
      const s = this.slots[i] as number;
      const slot = slots[s] as LeafSlot;
      // No leaf: the route's exact value is not there. Several: every combination is tried.
      if (slot.n !== 1) {
        if (slot.n > 1) this.collectEach(slots, 0, 0, 0, reach);
        return;
      }
      const id = first(s, this.ids[i] as ValueIds);
      if (id < 0) return;
      key += id * (this.weights[i] as number);
      if (slot.anyMembered) membered++;
    }
    const to = this.lookup(key);
    if (to !== undefined) reach(to, membered);
  }

  /** collect for events with several leaves on some path: each combination filed routes begin with. */
  private collectEach(
    slots: readonly LeafSlot[],
    i: number,
    key: number,
    membered: number,
    reach: (to: N, membered: number) => void,
  ): void {
    const slot = slots[this.slots[i] as number] as LeafSlot;
    const ids = this.ids[i] as ValueIds;
    const weight = this.weights[i] as number;
    const last = i === this.slots.length - 1;
    const heads = this.heads[i] as Set<number>;
    const m = slot.anyMembered ? membered + 1 : membered;
    for (let j = 0; j < slot.n; j++) {
      const id = ids.idOfLeaf(slot, j);
      if (id < 0) continue;
      const k = key + id * weight;
      if (!heads.has(k)) continue;
      if (!last) this.collectEach(slots, i + 1, k, m, reach);
      else {
        const to = this.lookup(k);
        if (to !== undefined) reach(to, m);
      }
    }
  }
}

/** A hash of a key (an integer below 2^53) from both its 32-bit halves. */
function mixKey(key: number): number {
  const h = Math.imul((key >>> 0) ^ Math.imul((key / 4294967296) >>> 0, 0x85ebca6b), 0x9e3779b1);
  return h ^ (h >>> 16);
}

/**
 * The weights of values numbered by `ids` (see JoinedTransitions), and how many of them fit: a
 * key stays below 2^53 (exact in a double), so paths past that are left out of the join.
 */
export function weightsOf(ids: readonly ValueIds[]): number[] {
  const weights: number[] = [];
  let product = 1;
  for (const values of ids) {
    const size = Math.max(1, values.size);
    if (product * size > Number.MAX_SAFE_INTEGER) break;
    weights.push(product);
    product *= size;
  }
  return weights;
}
