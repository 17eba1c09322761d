import type { Branch, PatternEntry } from "./compile-failure.js";
import type { ValuePattern } from "./value-pattern.js";

/**
 * A model of the state machine event-ruler builds from a pattern's branches, kept only for what
 * changes results: branches share the value matcher of a field whenever they reach it from the same
 * state, and a shared matcher reads values differently once any branch put a numeric pattern in it
 * (comparable numbers are then compared only numerically) or an IP pattern (string values are then
 * also read as addresses). Matching walks this model to know which matcher a branch is using.
 */
export class ValueMatcherModel {
  hasNumeric = false;
  hasIp = false;
  /** A wildcard whose text starts with '*' has been added (its loop sits right after the quote). */
  leadingStar = false;
  readonly next = new Map<string, StateModel>();
  /**
   * Transitions of ignore-case and suffix patterns first added after such a wildcard: event-ruler's
   * automaton then builds a wider path to their match (see loosenFirstUnit and looseSuffix).
   * (Re-adding such a pattern in a later $or branch behaves differently from run to run in
   * event-ruler itself; we widen a re-addition only when its list holds such a wildcard too.)
   */
  readonly looseNext = new Map<string, StateModel>();
}

const LOOSE_TYPES = new Set<ValuePattern["type"]>([
  "equals-ignore-case",
  "anything-but-ignore-case",
  "suffix-ignore-case",
  "suffix",
  "anything-but-suffix",
]);

/** A wildcard (or anything-but wildcard) whose text starts with '*'. */
export function startsWithStar(p: ValuePattern): boolean {
  const leading = (glob: readonly string[]): boolean => glob.length > 1 && glob[0] === '"';
  if (p.type === "wildcard") return leading(p.glob);
  return p.type === "anything-but-wildcard" && p.values.some(leading);
}

export class StateModel {
  readonly matchers = new Map<string, ValueMatcherModel>();
  readonly absentNext = new Map<string, StateModel>();
  /** Branches registered as ending / continuing here, by the pattern that led here. */
  readonly terminal = new Map<string, Set<number>>();
  readonly nonTerminal = new Map<string, Set<number>>();

  register(patternId: string, branch: number, terminal: boolean): void {
    const table = terminal ? this.terminal : this.nonTerminal;
    const set = table.get(patternId) ?? new Set<number>();
    set.add(branch);
    table.set(patternId, set);
  }
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

function entryId(entry: PatternEntry): string {
  return entry.pattern === "absent" ? "absent" : patternIdentity(entry.pattern);
}

/** Adds one field's entries at `state`; returns the states they lead to, in order. */
function addEntries(state: StateModel, path: string, entries: readonly PatternEntry[]): Set<StateModel> {
  let matcher = state.matchers.get(path);
  const listHasLeadingStar = entries.some((e) => e.pattern !== "absent" && startsWithStar(e.pattern));
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
      // A first addition builds the wider path; so does a re-addition alongside such a wildcard
      // (observed; event-ruler's answer for re-additions varies between runs).
      const widened =
        matcher.leadingStar &&
        LOOSE_TYPES.has(entry.pattern.type) &&
        (!matcher.next.has(id) || listHasLeadingStar);
      const table = widened ? matcher.looseNext : matcher.next;
      if (startsWithStar(entry.pattern)) matcher.leadingStar = true;
      next = table.get(id) ?? last ?? new StateModel();
      table.set(id, next);
      if (isNumeric(entry.pattern)) matcher.hasNumeric = true;
      if (entry.pattern.type === "cidr") matcher.hasIp = true;
    }
    if (next !== null) reached.add(next);
    last = next;
  }
  return reached;
}

interface BranchWalk {
  branch: Branch;
  paths: readonly string[];
  /** States reached by each field's entries (where the branch gets registered). */
  reached: Set<StateModel>[];
}

function union(into: Set<number>, from: Set<number> | undefined): void {
  if (from) for (const x of from) into.add(x);
}

/**
 * Adds field `i` onwards and returns the earlier branches that already cover this one: event-ruler
 * treats a branch as a duplicate when some earlier branch registered, for every field, at least one
 * of this branch's patterns — and then never registers it, so its other patterns never match.
 */
function addFrom(state: StateModel, i: number, walk: BranchWalk): Set<number> {
  const path = walk.paths[i] ?? "";
  const entries = walk.branch.get(path)?.entries ?? [];
  const reached = addEntries(state, path, entries);
  const slot = walk.reached[i] ?? new Set<StateModel>();
  for (const next of reached) slot.add(next);
  walk.reached[i] = slot;
  const terminal = i + 1 === walk.paths.length;
  let covering = new Set<number>();
  let forField: Set<number> | null = null;
  for (const next of reached) {
    if (terminal) {
      covering = new Set<number>();
      for (const entry of entries) union(covering, next.terminal.get(entryId(entry)));
      continue;
    }
    covering = addFrom(next, i + 1, walk);
    if (covering.size === 0) continue;
    forField = new Set<number>();
    for (const entry of entries) union(forField, next.nonTerminal.get(entryId(entry)));
  }
  if (terminal) return covering;
  const kept = forField;
  return kept === null ? new Set() : new Set([...covering].filter((x) => kept.has(x)));
}

/** The modelled machine and which branches event-ruler keeps (duplicates are dropped). */
export interface MachineModel {
  root: StateModel;
  kept: readonly boolean[];
}

/** Models the machine event-ruler builds for `branches` (added in order, fields sorted). */
export function buildMachineModel(branches: readonly Branch[]): MachineModel {
  const root = new StateModel();
  const kept = branches.map((branch, index) => {
    const walk: BranchWalk = { branch, paths: [...branch.keys()].sort(), reached: [] };
    if (addFrom(root, 0, walk).size > 0) return false;
    walk.paths.forEach((path, i) => {
      const terminal = i + 1 === walk.paths.length;
      for (const entry of walk.branch.get(path)?.entries ?? []) {
        if (entry.pattern !== "absent" && entry.emptySet) continue;
        for (const state of walk.reached[i] ?? []) state.register(entryId(entry), index, terminal);
      }
    });
    return true;
  });
  return { root, kept };
}
