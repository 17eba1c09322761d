import type { ValuePattern } from "../values/value-pattern.js";
import type { WildcardGlob } from "../values/wildcard.js";
import type { Branch, NodePath } from "./compile-failure.js";
import { buildMachineModel, globIsReAddedApart, patternIdentity, type StateModel } from "./machine-model.js";

/**
 * EventBridge refuses a rule whose wildcards are too complex, measured as event-ruler's
 * MachineComplexityEvaluator does: the most wildcard rule prefixes one value of a field can be in
 * at once. EventBridge does not publish its threshold; one field holding `*.bif`, `*.tiff`,
 * `*.tif` and `*.svs` (complexity 8) was refused (issue 22), so 8 and above are refused here and
 * 7 is the most allowed. See docs/eventbridge-parity.md.
 */
export const MAX_WILDCARD_COMPLEXITY = 7;

/** EventBridge's wording. */
export const WILDCARD_COMPLEXITY_MESSAGE =
  "Rule is too complex - try using fewer wildcard characters or fewer repeating character sequences after a wildcard character";

/** Evaluation stops here: only "over the threshold" matters, and the subsets grow with it. */
const CAP = 100;

/** One wildcard value of a field: its identity (event-ruler's pattern equality) and its byte paths. */
interface Term {
  identity: string;
  globs: readonly WildcardGlob[];
  /** Distinguishes a copy event-ruler added again (its paths are new, its weight the same value's). */
  copy: number;
}

/** A state of one field's byte machine, as event-ruler builds it for wildcards. */
interface ByteState {
  /** Byte transitions; after a wildcard, a byte may lead to several states. */
  readonly next: Map<number, number[]>;
  /** Transitions taken on any byte: a wildcard's self-loop, and into it from the state before it. */
  readonly any: number[];
  /** The terms whose paths pass through this state (a state's weight is their number). */
  readonly terms: Set<string>;
  /** The determinate state a byte leads to (shared prefixes, before any wildcard). */
  readonly prefix: Map<number, number>;
  star: number;
}

const STAR = -1;

/** A glob's tokens: its UTF-8 bytes (quotes included, as event-ruler reads the value), STAR between segments. */
function tokens(glob: WildcardGlob): number[] {
  const out: number[] = [];
  glob.forEach((segment, k) => {
    if (k > 0) out.push(STAR);
    for (const byte of Buffer.from(segment, "utf8")) out.push(byte);
  });
  return out;
}

/**
 * The complexity of one field's wildcards: the byte machine is built as event-ruler builds it
 * (states shared up to the first wildcard, one path per value after it, a wildcard matching the
 * empty run too), then every set of states some input can be in is visited, weighing each state by
 * the wildcard values reachable through it, plus those of wildcards it can enter. Capped at 100.
 */
export function fieldWildcardComplexity(terms: readonly Term[]): number {
  const states: ByteState[] = [newState()];
  const ends = new Map<string, number>();
  // After a wildcard, paths are a value's own: shared only between the byte paths of one value
  // (an anything-but list), by state, token and value.
  const own = new Map<string, number>();
  const alphabet = new Set<number>();
  for (const term of terms)
    for (const glob of term.globs) {
      const path = tokens(glob);
      let current = 0;
      let before = -1;
      let determinate = true;
      path.forEach((token, i) => {
        const last = i === path.length - 1;
        const state = states[current] as ByteState;
        let next = -1;
        // The byte before the closing quote leads to a state of the path's own (event-ruler does not find it again).
        const key = i === path.length - 2 ? "" : `${current} ${token} ${term.identity} ${term.copy}`;
        if (last) next = ends.get(term.identity) ?? -1;
        else if (!determinate) next = key === "" ? -1 : (own.get(key) ?? -1);
        else if (token === STAR) next = state.star;
        else next = state.prefix.get(token) ?? -1;
        const created = next < 0;
        if (created) {
          next = states.length;
          states.push(newState());
          if (last) ends.set(term.identity, next);
          else if (!determinate) {
            if (key !== "") own.set(key, next);
          } else if (token === STAR) state.star = next;
          else state.prefix.set(token, next);
        }
        if (token === STAR) {
          const into = states[next] as ByteState;
          if (into.any.length === 0) {
            state.any.push(next);
            into.any.push(next);
          }
          determinate = false;
        } else if (last || created) {
          alphabet.add(token);
          link(state, token, next);
          // A wildcard also matches nothing: the byte after it leads on from the state before it.
          if (i > 0 && path[i - 1] === STAR) link(states[before] as ByteState, token, next);
        }
        (states[next] as ByteState).terms.add(term.identity);
        before = current;
        current = next;
      });
    }
  if (states.length === 1) return 0;
  const bytes = [STAR, ...alphabet];
  const seen = new Set<string>();
  const pending: number[][] = [[0]];
  let most = 0;
  while (pending.length > 0) {
    const active = pending.pop() as number[];
    for (const byte of bytes) {
      const reached = new Set<number>();
      for (const id of active) {
        const state = states[id] as ByteState;
        for (const to of state.any) reached.add(to);
        if (byte !== STAR) for (const to of state.next.get(byte) ?? []) reached.add(to);
      }
      if (reached.size === 0) continue;
      let size = 0;
      for (const id of reached) {
        const state = states[id] as ByteState;
        size += state.terms.size;
        for (const wildcard of state.any)
          if (!reached.has(wildcard)) size += (states[wildcard] as ByteState).terms.size;
      }
      if (size >= CAP) return CAP;
      if (size > most) most = size;
      const key = [...reached].sort((a, b) => a - b).join(",");
      if (!seen.has(key)) {
        seen.add(key);
        pending.push([...reached]);
      }
    }
  }
  return most;
}

function newState(): ByteState {
  return { next: new Map(), any: [], terms: new Set(), prefix: new Map(), star: -1 };
}

function link(state: ByteState, byte: number, to: number): void {
  const list = state.next.get(byte);
  if (list === undefined) state.next.set(byte, [to]);
  else if (!list.includes(to)) list.push(to);
}

function termOf(pattern: ValuePattern): Term | null {
  if (pattern.type === "wildcard")
    return { identity: patternIdentity(pattern), globs: [pattern.glob], copy: 0 };
  if (pattern.type === "anything-but-wildcard")
    return { identity: patternIdentity(pattern), globs: pattern.values, copy: 0 };
  return null;
}

/**
 * A pattern's wildcard complexity, as EventBridge evaluates a rule: a machine of the branches that
 * hold a wildcard, every field's byte machine, the most complex one; `at` is where that field's first wildcard sits in the pattern.
 */
export function wildcardComplexity(branches: readonly Branch[]): { complexity: number; at: NodePath } {
  const wild = branches.filter((b) =>
    [...b.values()].some((f) => f.entries.some((e) => e.pattern !== "absent" && termOf(e.pattern) !== null)),
  );
  let most = 0;
  let at: NodePath = [];
  if (wild.length === 0) return { complexity: most, at };
  const fields = new Map<object, { terms: Term[]; at: NodePath }>();
  const root = buildMachineModel(wild, (matcher, pattern, path, again) => {
    const term = termOf(pattern);
    if (term === null) return;
    let field = fields.get(matcher);
    if (field === undefined) {
      field = { terms: [], at: path };
      fields.set(matcher, field);
    }
    // Added again when event-ruler does not find its bytes: a cased character after a '*' in (any of) its paths.
    if (again && term.globs.some(globIsReAddedApart))
      field.terms.push({ ...term, copy: field.terms.length + 1 });
    else if (!field.terms.some((t) => t.identity === term.identity)) field.terms.push(term);
  });
  const seen = new Set<StateModel>();
  const visit = (state: StateModel): void => {
    if (seen.has(state) || most >= CAP) return;
    seen.add(state);
    for (const matcher of state.matchers.values()) {
      const field = fields.get(matcher);
      if (field !== undefined) {
        const complexity = fieldWildcardComplexity(field.terms);
        if (complexity > most) {
          most = complexity;
          at = field.at;
        }
      }
      for (const next of matcher.next.values()) visit(next);
      for (const next of matcher.apart.values()) visit(next);
    }
    // event-ruler 2.1 also evaluates what follows an `exists: false`.
    for (const next of state.absentNext.values()) visit(next);
  };
  visit(root);
  return { complexity: most, at };
}
