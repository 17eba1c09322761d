import type { IntBuffer } from "../structures/int-buffer.js";
import type { FieldTransitions } from "./field-transitions.js";

const NONE: number[] = [];

const NO_FIELDS: FieldTransitions<Target>[] = [];

/**
 * A state of MatchAutomaton while routes are filed. Once they are, the walk reads states from
 * their code (see StateCodeWriter.state): the seen marks, what they accept and their fields with a
 * flat form sit there, in neighbouring cells.
 */
export class State {
  /** How many entries are accepted here; the first one's id. */
  acceptN = 0;
  accept0 = -1;
  fieldN = 0;
  /** Where the state's code starts, once written (see MatchAutomaton.writeCode). */
  code = -1;
  /** Entries accepted here, and their keys (what a plain acceptance reports, with no lookup). */
  accepts: number[] = NONE;
  keys: number[] = NONE;
  /** Every field. */
  fields: FieldTransitions<Target>[] = NO_FIELDS;

  /** Accepts entry `id` (reported as `key`). */
  accept(id: number, key: number): void {
    if (this.acceptN === 0) {
      this.accept0 = id;
      this.accepts = [];
      this.keys = [];
    }
    this.accepts.push(id);
    this.keys.push(key);
    this.acceptN++;
  }
}

/**
 * Where a transition leads: a state, or for a state with no fields (an end of routes), what it
 * accepts: the id of its one entry (>= 0), or -1 - i for the list of entries at `RouteEnds.ends[i]`
 * (a count, then the ids). Most states an event reaches at 10,000 rules are ends, and reading what
 * they accept where the transition is filed saves reaching the state and its lists (cache misses,
 * per match).
 */
export type Target = State | number;

/** What the ends of routes accept, once filing is done (see Target). */
export class RouteEnds {
  /** Per entry, its key (what an accepted end reports). */
  readonly keyOf: Int32Array;
  /** The entry lists of ends that accept several. */
  readonly ends: Int32Array;

  /**
   * Rewrites every transition of `transitions` and `joins` that leads to an end; `keys[id]` is
   * entry id's key.
   */
  constructor(keys: readonly number[], transitions: Iterable<{ retarget(f: (to: Target) => Target): void }>) {
    const ends: number[] = [];
    const listed = new Map<State, number>();
    const end = (to: Target): Target => {
      if (typeof to === "number" || to.fieldN > 0 || to.acceptN === 0) return to;
      if (to.acceptN === 1) return to.accept0;
      let at = listed.get(to);
      if (at === undefined) {
        at = ends.length;
        ends.push(to.acceptN);
        for (const id of to.accepts) ends.push(id);
        listed.set(to, at);
      }
      return -1 - at;
    };
    for (const t of transitions) t.retarget(end);
    this.ends = Int32Array.from(ends);
    this.keyOf = Int32Array.from(keys);
  }

  /**
   * Pushes what end `target` (a number) accepts: keys onto `accepted` below level 2, entry ids
   * onto `maybe` at level 2. A key reported twice is kept once by the caller.
   */
  report(target: number, level: number, accepted: IntBuffer, maybe: IntBuffer): void {
    if (target >= 0) {
      if (level < 2) accepted.push(this.keyOf[target] as number);
      else maybe.push(target);
      return;
    }
    const ends = this.ends;
    const at = -1 - target;
    const last = at + (ends[at] as number);
    if (level < 2)
      for (let i = at + 1; i <= last; i++) accepted.push(this.keyOf[ends[i] as number] as number);
    else for (let i = at + 1; i <= last; i++) maybe.push(ends[i] as number);
  }
}
