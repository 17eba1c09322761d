import { EventLeaves, type LeafSlot } from "../reading/event-leaves.js";
import { readEventBytes, readEventText } from "../reading/event-text-reader.js";
import type { TopLevelMembers } from "../reading/top-level-members.js";
import { IntBuffer } from "../structures/int-buffer.js";
import type { BranchEntry } from "../walk/candidate-index.js";
import { RouteEnds, State, type Target } from "./automaton-state.js";
import { consistentElements } from "./element-consistency.js";
import type { RouteField } from "./fast-route.js";
import { FieldTransitions } from "./field-transitions.js";
import { JoinPlan, joinedValue } from "./join-plan.js";
import type { JoinedTransitions, ValueIds } from "./joined-transitions.js";
import {
  absentAt,
  collectCode,
  type FlatForm,
  NO_TARGET,
  STATE_BASE,
  StateCodeWriter,
} from "./state-code.js";

/** A branch filed in the automaton: its route, and the leaf slot of each route field. */
interface AutomatonEntry extends BranchEntry {
  route: readonly RouteField[];
  /** The leaf slot of each route field. */
  slots: readonly number[];
}

function listKey(field: RouteField): string {
  if (field.absent) return "absent";
  return `${field.mode.hasNumeric ? 1 : 0}${field.mode.hasIp ? 1 : 0}\u0000${field.ids.join("\u0000")}`;
}

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
export class MatchAutomaton {
  /** Routes' exact strings on the paths most routes test, each list of paths one lookup (see JoinPlan). */
  private joins: JoinedTransitions<Target>[] = [];
  /** What the ends of routes accept (see Target). */
  private ends = new RouteEnds([], []);
  /** Built before the first walk, so an automaton with no routes has its root's code too. */
  private built = false;
  readonly leaves = new EventLeaves();
  readonly entries: AutomatonEntry[] = [];
  private epoch = 0;
  private readonly stack: Target[] = [];
  /** Every state with fields (and the root) written as code (see StateCodeWriter.state). */
  private code: Int32Array = new Int32Array(0);
  /** Where the root's code starts. */
  private rootAt = 0;
  /** Where each state's code starts: their seen marks are cleared when the epoch wraps. */
  private stateAts = new Int32Array(0);
  /** What fields keep as objects (the conditions with no flat form), by the index a state's code holds. */
  private restFields: FieldTransitions<Target>[][] = [];
  /** Targets found by code for one leaf, visited before the next leaf's are sought. */
  private readonly codeTargets = new IntBuffer();
  /** Per leaf slot: the event (epoch) whose leaf 0 was last numbered for joins, and its number. */
  private idEpoch: number[] = [];
  private idMemo: number[] = [];
  /** Per entry: the event (epoch) that last reported it as maybe (see dedupeMaybe). */
  private maybeSeen = new Int32Array(0);
  private readonly firstId = (slot: number, ids: ValueIds): number => {
    if (this.idEpoch[slot] === this.epoch) return this.idMemo[slot] as number;
    const id = ids.idOfLeaf(this.leaves.slots[slot] as LeafSlot, 0);
    this.idEpoch[slot] = this.epoch;
    this.idMemo[slot] = id;
    return id;
  };
  private readonly reach = (to: Target, membered: number): void => this.visit(to, Math.min(2, membered));
  /**
   * Whether a "maybe" entry matches, when the leaves alone can tell (see consistentElements); null
   * when only the exact walk can.
   */
  decide(id: number): boolean | null {
    const entry = this.entries[id] as AutomatonEntry;
    return consistentElements(entry.route, entry.slots, this.leaves);
  }

  /**
   * For the current event: keys (BranchEntry.keyIndex, a key may repeat) of the entries accepted,
   * and the entries accepted only with membered leaves, which need `decide`.
   */
  readonly accepted = new IntBuffer();
  readonly maybe = new IntBuffer();

  add(route: readonly RouteField[], entry: BranchEntry): void {
    this.entries.push({ ...entry, route, slots: route.map((f) => this.leaves.slotOf(f.path)) });
    this.built = false;
  }

  /**
   * Files every entry's route: its joined fields through one lookup (see JoinPlan), the rest in
   * one order common to all routes (see fieldOrder), so that routes share their leading states.
   * Done on the first event after additions: the order depends on every route.
   */
  private build(): void {
    const order = fieldOrder(this.entries.map((e) => e.route));
    const rank = order.rank;
    // Only the code is kept (see writeCode): the states and the fields written there are dropped.
    const root = new State();
    const states = [root];
    const made = (): State => {
      const state = new State();
      states.push(state);
      return state;
    };
    // Next state by the field's whole value list and matcher mode, so equal fields share a state;
    // needed only while filing (kept out of the automaton the events walk).
    const byList = new Map<FieldTransitions<Target>, Map<string, State>>();
    const plan = new JoinPlan<Target>(
      this.entries.map((e) => e.route),
      order.uses,
      rank,
      (path) => this.leaves.slotOf(path),
    );
    const routes = this.entries.map((entry, id) => {
      const { join, joined, rest } = plan.split(id, entry.route);
      rest.sort((a, b) => fanOut(a) - fanOut(b) || (rank.get(a.path) ?? 0) - (rank.get(b.path) ?? 0));
      const key = [...joined, ...rest].map((f) => `${f.path}\u0001${listKey(f)}`).join("\u0002");
      return { id, join, joined, rest, key };
    });
    // Filed in the order of their conditions, so the objects of one subtree are made one after
    // another (and sit near each other in memory, which an event walking it notices).
    routes.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.id - b.id));
    for (const { id, join, joined, rest } of routes) {
      const values = joined.map((f) => joinedValue(f) as string);
      const start = join === null ? root : (join.file(values, made) as State);
      this.file(start, rest, id, byList, made);
    }
    this.joins = plan.filled();
    this.ends = new RouteEnds(
      this.entries.map((entry) => entry.keyIndex),
      [...byList.keys(), ...this.joins],
    );
    this.writeCode(root, states);
    this.idEpoch = this.leaves.slots.map(() => 0);
    this.idMemo = this.leaves.slots.map(() => -1);
    this.built = true;
  }

  private file(
    start: State,
    route: readonly RouteField[],
    id: number,
    byList: Map<FieldTransitions<Target>, Map<string, State>>,
    made: () => State,
  ): void {
    let state = start;
    for (const field of route) {
      let transitions = state.fields.find((t) => t.path === field.path);
      if (transitions === undefined) {
        transitions = new FieldTransitions<Target>(field.path, this.leaves.slotOf(field.path));
        if (state.fieldN === 0) state.fields = [];
        state.fields.push(transitions);
        state.fieldN++;
      }
      const key = listKey(field);
      let lists = byList.get(transitions);
      if (lists === undefined) {
        lists = new Map();
        byList.set(transitions, lists);
      }
      // Before retargeting, every target is a state.
      let next = (field.absent ? transitions.absent : lists.get(key)) as State | null | undefined;
      if (next === undefined || next === null) {
        next = made();
        if (field.absent) transitions.absent = next;
        else {
          lists.set(key, next);
          for (const pattern of field.patterns) transitions.add(pattern, field.mode, next);
        }
      }
      state = next;
    }
    state.accept(id, (this.entries[id] as AutomatonEntry).keyIndex);
  }

  /**
   * Writes every state that has fields (and the root) as code, in the order the states were made,
   * so a subtree's code is contiguous: its seen marks, what it accepts, and its fields' conditions
   * with a flat form; the other conditions stay objects (`restFields`). Then every transition still leading to a state
   * leads to its code instead (STATE_BASE + where it starts), so the walk reaches no State object.
   */
  private writeCode(root: State, states: readonly State[]): void {
    const written = states.filter((state) => state === root || state.fieldN > 0);
    const rests: FieldTransitions<Target>[][] = [];
    const parts = written.map((state) => {
      const flat: FlatForm<Target>[] = [];
      const rest: FieldTransitions<Target>[] = [];
      for (const t of state.fields) {
        const form = t.takeFlat();
        if (form !== null) flat.push(form);
        if (!t.isEmpty()) rest.push(t);
      }
      if (rest.length > 0) rests.push(rest);
      return { state, flat, rest: rest.length > 0 ? rests.length - 1 : -1 };
    });
    // Targets take one cell whatever they are: a first pass with none finds where each state starts.
    const dry = new StateCodeWriter<Target>();
    for (const { state, flat, rest } of parts)
      state.code = dry.state(state.accepts, state.keys, rest, flat, () => 0);
    const encode = (to: Target): number => {
      if (typeof to === "number") return to;
      // A state with no fields accepts, so RouteEnds made it an end.
      if (to.code < 0) throw new Error("internal: a transition leads to a state with no code");
      return STATE_BASE + to.code;
    };
    const writer = new StateCodeWriter<Target>();
    for (const { state, flat, rest } of parts) writer.state(state.accepts, state.keys, rest, flat, encode);
    for (const rest of rests) for (const t of rest) t.retarget(encode);
    for (const join of this.joins) join.retarget(encode);
    this.code = writer.finish();
    this.rootAt = root.code;
    this.stateAts = Int32Array.from(written, (state) => state.code);
    this.restFields = rests;
  }

  /**
   * Reads `event` and fills `accepted` and `maybe`; false when the event must take the exact route
   * (see EventLeaves.read).
   */
  run(event: unknown): boolean {
    this.accepted.clear();
    this.maybe.clear();
    if (!this.leaves.read(event)) return false;
    this.walk();
    return true;
  }

  /**
   * `run` on the JSON text of an event, read without building the object; false when the text
   * needs JSON.parse (see readEventText), and then nothing is filled.
   */
  runText(text: string): boolean {
    this.accepted.clear();
    this.maybe.clear();
    if (!readEventText(text, this.leaves)) return false;
    this.walk();
    return true;
  }

  /**
   * `runText` on the UTF-8 text in `bytes` [start, end), read from the bytes (see readEventBytes,
   * which fills `members` when given).
   */
  runBytes(bytes: Uint8Array, start: number, end: number, members?: TopLevelMembers): boolean {
    this.accepted.clear();
    this.maybe.clear();
    if (!readEventBytes(bytes, start, end, this.leaves, members)) return false;
    this.walk();
    return true;
  }

  private walk(): void {
    if (!this.built) this.build();
    // Seen marks are 32-bit cells in code: they start again before the epoch outgrows them.
    if (++this.epoch === 0x7fffffff) this.restartEpochs();
    const slots = this.leaves.slots;
    for (const join of this.joins) join.collect(slots, this.firstId, this.reach);
    this.visitAt(this.rootAt, 0);
    if (this.maybe.n > 1) this.dedupeMaybe();
  }

  /**
   * Keeps each maybe entry once: an end is reported per leaf leading to it, and an array of 4,000
   * objects reported one entry 2,000 times, each then decided again (issue 19).
   */
  private dedupeMaybe(): void {
    const { maybe, epoch } = this;
    if (this.maybeSeen.length < this.entries.length) this.maybeSeen = new Int32Array(this.entries.length);
    const seen = this.maybeSeen;
    let kept = 0;
    for (let i = 0; i < maybe.n; i++) {
      const id = maybe.items[i] as number;
      if (seen[id] === epoch) continue;
      seen[id] = epoch;
      maybe.items[kept++] = id;
    }
    maybe.n = kept;
  }

  private restartEpochs(): void {
    for (const at of this.stateAts) this.code.fill(0, at, at + 3);
    this.idEpoch.fill(0);
    this.maybeSeen.fill(0);
    this.epoch = 1;
  }

  /** Visits a target: an end (see RouteEnds) or a state's code (STATE_BASE + where it starts). */
  private visit(to: Target, level: number): void {
    // Once built, transitions lead to numbers only (see writeCode).
    const n = typeof to === "number" ? to : STATE_BASE + to.code;
    if (n >= STATE_BASE) this.visitAt(n - STATE_BASE, level);
    else this.ends.report(n, level, this.accepted, this.maybe);
  }

  /** Visits the state whose code starts at `at` (see StateCodeWriter.state). */
  private visitAt(at: number, level: number): void {
    const code = this.code;
    const epoch = this.epoch;
    // A state reached before at the same or a lower level has nothing more to give.
    if (code[at] === epoch || (level > 0 && code[at + 1] === epoch) || (level > 1 && code[at + 2] === epoch))
      return;
    code[at + level] = epoch;
    const accepts = code[at + 3] as number;
    let p = at + 4;
    if (accepts > 0) {
      if (level < 2) for (let k = 0; k < accepts; k++) this.accepted.push(code[p + 2 * k + 1] as number);
      else for (let k = 0; k < accepts; k++) this.maybe.push(code[p + 2 * k] as number);
      p += 2 * accepts;
    }
    const rest = code[p] as number;
    this.runFields(p + 1, level);
    if (rest >= 0) for (const t of this.restFields[rest] as FieldTransitions<Target>[]) this.cross(t, level);
  }

  /** Visits every state the event's leaves lead to through the fields written as code at `at`. */
  private runFields(at: number, level: number): void {
    const code = this.code;
    const fields = code[at] as number;
    if (fields === 0) return;
    const slots = this.leaves.slots;
    const targets = this.codeTargets;
    let p = at + 1;
    for (let f = 0; f < fields; f++) {
      const slot = slots[code[p] as number] as LeafSlot;
      const n = slot.n;
      const absent = absentAt(code, p);
      // As in cross: no leaf, or leaves all in array elements (which only the exact walk settles).
      if (absent !== NO_TARGET) {
        if (n === 0) this.visit(absent, level);
        else if (allMembered(slot)) this.visit(absent, 2);
      }
      if (n > 0) {
        const next = slot.anyMembered ? Math.min(2, level + 1) : level;
        for (let i = 0; i < n; i++) {
          const start = targets.n;
          collectCode(code, p, slot, i, targets);
          // A nested visit pushes and pops above `start`.
          while (targets.n > start) this.visit(targets.items[--targets.n] as number, next);
        }
      }
      p += code[p + 2] as number;
    }
  }

  /** Visits every state the event's leaves lead to through `transitions`, from a state at `level`. */
  private cross(transitions: FieldTransitions<Target>, level: number): void {
    const slot = this.leaves.slots[transitions.slot] as LeafSlot;
    const n = slot.n;
    if (transitions.absent !== null) {
      // With no leaf the field is absent; leaves all in array elements may be in other elements
      // than the branch's other values, which only the exact walk can tell.
      if (n === 0) this.visit(transitions.absent, level);
      else if (allMembered(slot)) this.visit(transitions.absent, 2);
    }
    if (n === 0) return;
    const next = slot.anyMembered ? Math.min(2, level + 1) : level;
    const stack = this.stack;
    for (let i = 0; i < n; i++) {
      const start = stack.length;
      transitions.collect(slot, i, stack);
      // Popped one by one (cheaper than cutting the length); a nested visit pops what it pushes.
      while (stack.length > start) this.visit(stack.pop() as Target, next);
    }
  }
}

/**
 * The position of each field path in routes: paths more routes test come first, and among those,
 * paths with fewer distinct conditions; so the conditions many routes share (source, account,
 * region, ...) are tested once near the root, and the conditions few routes have sit near the
 * accepting states. Any order gives the same answers (a route is a conjunction); this one keeps the
 * states an event passes through, and the automaton's size, small.
 */
function fieldOrder(routes: readonly (readonly RouteField[])[]): {
  rank: Map<string, number>;
  uses: Map<string, number>;
} {
  const uses = new Map<string, number>();
  const lists = new Map<string, Set<string>>();
  for (const route of routes)
    for (const field of route) {
      uses.set(field.path, (uses.get(field.path) ?? 0) + 1);
      let seen = lists.get(field.path);
      if (seen === undefined) {
        seen = new Set();
        lists.set(field.path, seen);
      }
      seen.add(listKey(field));
    }
  const paths = [...uses.keys()].sort(
    (a, b) =>
      (uses.get(b) ?? 0) - (uses.get(a) ?? 0) ||
      (lists.get(a)?.size ?? 0) - (lists.get(b)?.size ?? 0) ||
      (a < b ? -1 : a > b ? 1 : 0),
  );
  return { rank: new Map(paths.map((p, i) => [p, i])), uses };
}

/**
 * How many next states one leaf value can reach through a field, as a class: 0 for one exact value
 * (a hash lookup finds at most the one state of that value), 1 for a few exact values or `exists`,
 * 2 for conditions many of which can hold at once (prefixes, ranges, anything-but, ...). Fields of
 * class 0 go first in every route, so an event follows one line of states for as long as it can.
 */
function fanOut(field: RouteField): number {
  if (field.absent) return 2;
  let exact = true;
  for (const p of field.patterns) {
    if (p.type === "exists") return 1;
    if (p.type !== "exact" && p.type !== "numeric-equals") exact = false;
  }
  return !exact ? 2 : field.patterns.length === 1 ? 0 : 1;
}

function allMembered(slot: LeafSlot): boolean {
  for (let i = 0; i < slot.n; i++) if (!slot.membered(i)) return false;
  return true;
}
