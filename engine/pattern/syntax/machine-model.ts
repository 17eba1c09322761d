import { caseUnits } from "../text/ignore-case.js";
import type { ValuePattern } from "../values/value-pattern.js";
import type { WildcardGlob } from "../values/wildcard.js";
import type { Branch, NodePath, PatternEntry } from "./compile-failure.js";

/**
 * A model of the state machine event-ruler builds from a pattern's branches, kept only for what
 * changes results: branches share the value matcher of a field whenever they reach it from the same
 * state, and a shared matcher reads values differently once any branch put a numeric pattern in it
 * (comparable numbers are then compared only numerically) or an IP pattern (string values are then
 * also read as addresses). Matching walks this model to know which matcher a branch is using.
 *
 * What the model deliberately leaves out: event-ruler's bookkeeping of which branch ("sub-rule") ends
 * where. It sometimes drops a branch that overlaps an earlier one, and sometimes (depending on hash
 * codes, so from one run to the next) misses values; either way the pattern means the plain OR of its
 * branches, which is what rulebridge matches (docs/eventbridge-parity.md).
 */
export class ValueMatcherModel {
  hasNumeric = false;
  hasIp = false;
  /** Where each pattern leads, by patternIdentity. */
  readonly next = new Map<string, StateModel>();
  /**
   * Where a branch's copy of a pattern added apart leads (see isReAddedApart), by `branch:identity`:
   * the branch goes on from there, not from the first copy's state.
   */
  readonly apart = new Map<string, StateModel>();

  /** The state `branch`'s pattern `id` leads to from here. */
  nextFor(branch: number, id: string): StateModel | undefined {
    if (this.apart.size === 0) return this.next.get(id);
    return this.apart.get(`${branch}:${id}`) ?? this.next.get(id);
  }
}

export class StateModel {
  readonly matchers = new Map<string, ValueMatcherModel>();
  readonly absentNext = new Map<string, StateModel>();
}

/** event-ruler's equality of patterns (same pattern object ⇒ same matcher and next state). */
export function patternIdentity(p: ValuePattern): string {
  switch (p.type) {
    case "equals-ignore-case":
    case "prefix-ignore-case":
    case "suffix-ignore-case":
      return `${p.type}:${p.text}`;
    case "anything-but-ignore-case":
      return `${p.type}:${JSON.stringify([...new Set(p.texts)].sort())}`;
    case "anything-but":
      return `${p.type}:${JSON.stringify([...p.strings].sort())}:${JSON.stringify([...new Set(p.numbers)].sort())}`;
    case "anything-but-prefix":
    case "anything-but-suffix":
      return `${p.type}:${JSON.stringify([...new Set(p.values)].sort())}`;
    case "anything-but-wildcard":
      return `${p.type}:${JSON.stringify([...new Set(p.values.map((g) => JSON.stringify(g)))].sort())}`;
    case "numeric-equals":
      return `${p.type}:${String(p.value)}`;
    default:
      return JSON.stringify(p);
  }
}

function isNumeric(p: ValuePattern): boolean {
  return (
    p.type === "numeric-equals" ||
    p.type === "numeric-range" ||
    (p.type === "anything-but" && p.numbers.length > 0)
  );
}

/**
 * Whether event-ruler's byte machine fails to find a wildcard it already holds when the same
 * wildcard is added again: walking the wildcard's states, a character after a '*' that has two case
 * forms stops the walk (event-ruler cannot tell whether the '*' loop and that character's path
 * "converge"), so the wildcard is added a second time, with a new next state. The field after it
 * then gets a matcher of its own.
 */
export function globIsReAddedApart(glob: WildcardGlob): boolean {
  for (let k = 1; k < glob.length; k++) {
    // Characters outside the BMP count as case-less (event-ruler decodes only 3 of their 4 bytes).
    for (const char of glob[k] ?? "") {
      if (char.length === 1 && (caseUnits(char)[0]?.length ?? 0) > 1) return true;
    }
  }
  return false;
}

/** See globIsReAddedApart; an anything-but wildcard set is found again when any of its values is. */
function isReAddedApart(p: ValuePattern): boolean {
  if (p.type === "wildcard") return globIsReAddedApart(p.glob);
  return p.type === "anything-but-wildcard" && p.values.every(globIsReAddedApart);
}

/** Adds one field's entries at `state`; returns the states they lead to, in order. */
function addEntries(
  state: StateModel,
  path: string,
  entries: readonly PatternEntry[],
  branch: number,
  added?: AddedPattern,
): Set<StateModel> {
  let matcher = state.matchers.get(path);
  let last: StateModel | null = null;
  const reached = new Set<StateModel>();
  for (const entry of entries) {
    let next: StateModel | null;
    if (entry.pattern === "absent") {
      next = state.absentNext.get(path) ?? last ?? new StateModel();
      state.absentNext.set(path, next);
    } else if (entry.emptySet) {
      // Nothing is added for an empty anything-but; the chain carries on from the previous entry.
      next = last;
    } else {
      if (matcher === undefined) {
        matcher = new ValueMatcherModel();
        state.matchers.set(path, matcher);
      }
      const id = patternIdentity(entry.pattern);
      const known = matcher.next.get(id);
      if (known !== undefined && isReAddedApart(entry.pattern)) {
        next = last ?? new StateModel();
        matcher.apart.set(`${branch}:${id}`, next);
      } else {
        next = known ?? last ?? new StateModel();
        matcher.next.set(id, next);
      }
      added?.(matcher, entry.pattern, entry.path, known !== undefined);
      if (isNumeric(entry.pattern)) matcher.hasNumeric = true;
      if (entry.pattern.type === "cidr") matcher.hasIp = true;
    }
    if (next !== null) reached.add(next);
    last = next;
  }
  return reached;
}

/** Adds field `i` onwards of `branch` at `state`, as event-ruler's addStep does. */
function addFrom(
  state: StateModel,
  branch: Branch,
  paths: readonly string[],
  i: number,
  index: number,
  added?: AddedPattern,
): void {
  const path = paths[i];
  if (path === undefined) return;
  const reached = addEntries(state, path, branch.get(path)?.entries ?? [], index, added);
  for (const next of reached) addFrom(next, branch, paths, i + 1, index, added);
}

/**
 * Told of each value pattern as it is added to a matcher (the wildcard complexity reads them);
 * `again`: the matcher already held an equal pattern.
 */
export type AddedPattern = (
  matcher: ValueMatcherModel,
  pattern: ValuePattern,
  at: NodePath,
  again: boolean,
) => void;

/** Models the machine event-ruler builds for `branches` (added in order, fields sorted). */
export function buildMachineModel(branches: readonly Branch[], added?: AddedPattern): StateModel {
  const root = new StateModel();
  branches.forEach((branch, index) => {
    addFrom(root, branch, [...branch.keys()].sort(), 0, index, added);
  });
  return root;
}
