import type { BranchEntry } from "./candidate-index.js";
import { consistentElements } from "./element-consistency.js";
import { EventLeaves, type LeafSlot } from "./event-leaves.js";
import type { RouteField } from "./fast-route.js";
import { FieldTransitions } from "./field-transitions.js";

/**
 * All branches that routeOf can describe, as one automaton over field paths and values, in the
 * manner of event-ruler's machine: a branch is a route of field conditions (sorted by path), routes
 * with the same leading conditions share states, and an event moves from a state only along
 * conditions its leaves satisfy, found through FieldTransitions' indexes. So the work per event
 * follows the states the event reaches, not the number of branches.
 *
 * Array consistency (a branch's values must come from the same element of every array they share)
 * can only matter when two of the branch's fields read paths holding leaves in arrays of objects, or
 * when `exists: false` meets a path whose leaves are all in such arrays; a route counts those fields
 * (its "level", 0 to 2) and an acceptance at level 2 is a "maybe" the caller confirms with the exact
 * walk. With at most one such field, the exact walk finds the same values, so acceptance is the answer.
 */
const NONE: number[] = [];

class State {
  // Most states are passed through by few routes: their lists start empty and shared.
  accepts: number[] = NONE;
  fields: FieldTransitions<State>[] = [];
  /** Epoch of the last event that reached this state at level 0, 1, 2. */
  seen0 = 0;
  seen1 = 0;
  seen2 = 0;
}

interface AutomatonEntry extends BranchEntry {
  route: readonly RouteField[];
  /** The leaf slot of each route field. */
  slots: readonly number[];
}

function listKey(field: RouteField): string {
  if (field.absent) return "absent";
  return `${field.mode.hasNumeric ? 1 : 0}${field.mode.hasIp ? 1 : 0}\u0000${field.ids.join("\u0000")}`;
}

export class MatchAutomaton {
  private readonly root = new State();
  readonly leaves = new EventLeaves();
  readonly entries: AutomatonEntry[] = [];
  private epoch = 0;
  private readonly stack: State[] = [];
  /**
   * Whether a "maybe" entry matches, when the leaves alone can tell (see consistentElements); null
   * when only the exact walk can.
   */
  decide(id: number): boolean | null {
    const entry = this.entries[id] as AutomatonEntry;
    return consistentElements(entry.route, entry.slots, this.leaves);
  }

  /** Entries accepted for the current event, and those accepted only with membered leaves. */
  readonly accepted: number[] = [];
  readonly maybe: number[] = [];

  add(route: readonly RouteField[], entry: BranchEntry): void {
    let state = this.root;
    for (const field of route) {
      let transitions = state.fields.find((t) => t.path === field.path);
      if (transitions === undefined) {
        transitions = new FieldTransitions<State>(field.path, this.leaves.slotOf(field.path));
        state.fields.push(transitions);
      }
      const key = listKey(field);
      let next = field.absent ? transitions.absent : transitions.byList.get(key);
      if (next === undefined || next === null) {
        next = new State();
        if (field.absent) transitions.absent = next;
        else {
          transitions.byList.set(key, next);
          for (const pattern of field.patterns) transitions.add(pattern, field.mode, next);
        }
      }
      state = next;
    }
    if (state.accepts === NONE) state.accepts = [];
    state.accepts.push(this.entries.length);
    this.entries.push({ ...entry, route, slots: route.map((f) => this.leaves.slotOf(f.path)) });
  }

  /**
   * Reads `event` and fills `accepted` and `maybe`; false when the event must take the exact route
   * (see EventLeaves.read).
   */
  run(event: unknown): boolean {
    this.accepted.length = 0;
    this.maybe.length = 0;
    if (!this.leaves.read(event)) return false;
    this.epoch++;
    this.visit(this.root, 0);
    return true;
  }

  private visit(state: State, level: number): void {
    const epoch = this.epoch;
    // A state reached before at the same or a lower level has nothing more to give.
    if (state.seen0 === epoch || (level > 0 && state.seen1 === epoch) || (level > 1 && state.seen2 === epoch))
      return;
    if (level === 0) state.seen0 = epoch;
    else if (level === 1) state.seen1 = epoch;
    else state.seen2 = epoch;
    if (state.accepts.length > 0) {
      const into = level < 2 ? this.accepted : this.maybe;
      for (const id of state.accepts) into.push(id);
    }
    const slots = this.leaves.slots;
    for (const transitions of state.fields) {
      const slot = slots[transitions.slot] as LeafSlot;
      const n = slot.n;
      if (transitions.absent !== null) {
        // With no leaf the field is absent; leaves all in array elements may be in other elements
        // than the branch's other values, which only the exact walk can tell.
        if (n === 0) this.visit(transitions.absent, level);
        else if (allMembered(slot)) this.visit(transitions.absent, 2);
      }
      if (n === 0) continue;
      const next = slot.anyMembered ? Math.min(2, level + 1) : level;
      for (let i = 0; i < n; i++) {
        const start = this.stack.length;
        transitions.collect(slot, i, this.stack);
        const end = this.stack.length;
        for (let k = start; k < end; k++) this.visit(this.stack[k] as State, next);
        this.stack.length = start;
      }
    }
  }
}

function allMembered(slot: LeafSlot): boolean {
  for (let i = 0; i < slot.n; i++) if (slot.membered[i] !== true) return false;
  return true;
}
