import type { StateModel } from "../syntax/machine-model.js";
import { javaSplit } from "../text/java-text.js";
import { type MatcherMode, matchValuePattern, type ValuePattern } from "../values/value-pattern.js";
import { inJavaOrder, type Membership, mergeMembership, NO_MEMBERSHIP } from "./array-membership.js";
import type { EventField, FlatEvent } from "./flat-event.js";

/** One field condition of an $or branch. */
export interface AlternativeField {
  path: string;
  patterns: readonly ValuePattern[];
  /** patternIdentity of each pattern, to follow the machine model. */
  ids: readonly string[];
  /** `{"exists": false}` is among the field's values. */
  absent: boolean;
}

/** One $or branch: its field conditions, in event-ruler's evaluation order (sorted by path). */
export interface Alternative {
  /** The branch's position among the pattern's branches (its route through the machine model). */
  index: number;
  fields: readonly AlternativeField[];
}

/**
 * Key steps a pattern "uses". event-ruler skips event members whose name is not a step of any
 * pattern path; that only changes results for names with empty dot-parts (e.g. {"a": {"": 1}} is
 * invisible to the pattern {"a": {"": [1]}}), because Java's split drops trailing empty parts.
 */
export class UsedSteps {
  private readonly steps = new Set<string>();

  constructor(paths: Iterable<string>) {
    this.add(paths);
  }

  /** Adds the steps of more paths (PatternIndex keeps the union over all its patterns). */
  add(paths: Iterable<string>): void {
    for (const path of paths) for (const step of javaSplit(path, ".")) this.steps.add(step);
  }

  /** Whether event-ruler reads an event member with this name (see FlatEvent.javaArrayIds). */
  used(step: string): boolean {
    if (this.steps.has(step)) return true;
    return step.includes(".") && javaSplit(step, ".").every((part) => this.steps.has(part));
  }

  sees(field: EventField): boolean {
    return field.steps === null || field.steps.every((step) => this.used(step));
  }
}

/**
 * The values event-ruler's structured matcher considers for `path` under `constraints`: for the
 * first constrained array (in the order event-ruler's map iterates them) holding some value of the
 * path, only values in the constrained element of that array are kept (values of the path outside
 * that array are dropped, which matters when a dotted key collides with a nested path).
 */
function consistentValues(
  walk: Walk,
  all: readonly EventField[],
  constraints: Membership,
): readonly EventField[] {
  if (constraints.size === 0) return all;
  const arrays =
    constraints.size === 1 ? constraints.keys() : inJavaOrder([...constraints.keys()], walk.javaId);
  for (const array of arrays) {
    const { byElement } = walk.event.elementsOf(all, array);
    if (byElement.size === 0) continue;
    const inElement = byElement.get(constraints.get(array) ?? -1) ?? NO_FIELDS;
    if (constraints.size <= 1) return inElement;
    return inElement.filter((f) => mergeMembership(constraints, f.membership, walk.javaId) !== null);
  }
  return all;
}

/**
 * Whether some leaf of `all` can join a match committed to `constraints`: only leaves outside, or in
 * the committed element of, an array some leaf is in can (looked up, not scanned: see elementsOf).
 */
function someConsistent(walk: Walk, all: readonly EventField[], constraints: Membership): boolean {
  for (const [array, element] of constraints) {
    const { byElement, outside } = walk.event.elementsOf(all, array);
    if (byElement.size === 0) continue;
    const fits = (f: EventField): boolean => mergeMembership(constraints, f.membership, walk.javaId) !== null;
    return (byElement.get(element) ?? NO_FIELDS).some(fits) || outside.some(fits);
  }
  // No leaf is in an array the match committed to: none conflicts.
  return all.length > 0;
}

const NO_FIELDS: readonly EventField[] = [];

function fieldsFor(walk: Walk, path: string): readonly EventField[] {
  // Kept per walk: the check is a scan, and the walk asks again for every value it tries; and the
  // list's element indexes (see elementsOf) are then made once.
  let seen = walk.seen.get(path);
  if (seen === undefined) {
    const all = walk.event.at(path);
    seen = all.every((f) => f.steps === null) ? all : all.filter((f) => walk.steps.sees(f));
    walk.seen.set(path, seen);
  }
  return seen;
}

const PLAIN: MatcherMode = { hasNumeric: false, hasIp: false };

interface Walk {
  alt: Alternative;
  event: FlatEvent;
  steps: UsedSteps;
  /** event-ruler's number for an array of the event. */
  javaId: (array: number) => number;
  /** A path's leaves this pattern sees (see fieldsFor). */
  seen: Map<string, readonly EventField[]>;
}

function matchFrom(walk: Walk, i: number, state: StateModel | undefined, constraints: Membership): boolean {
  const field = walk.alt.fields[i];
  if (field === undefined) return true;
  const all = fieldsFor(walk, field.path);
  if (field.absent) {
    // Absence is judged against the array elements the earlier (sorted) fields committed to.
    const present = someConsistent(walk, all, constraints);
    if (!present && matchFrom(walk, i + 1, state?.absentNext.get(field.path), constraints)) return true;
  }
  if (field.patterns.length === 0) return false;
  const matcher = state?.matchers.get(field.path);
  const hasNumeric = matcher?.hasNumeric ?? PLAIN.hasNumeric;
  const hasIp = matcher?.hasIp ?? PLAIN.hasIp;
  for (const candidate of consistentValues(walk, all, constraints)) {
    const merged = mergeMembership(constraints, candidate.membership, walk.javaId);
    if (merged === null) continue;
    for (let p = 0; p < field.patterns.length; p++) {
      const pattern = field.patterns[p];
      if (pattern === undefined) continue;
      const next = matcher?.nextFor(walk.alt.index, field.ids[p] ?? "");
      if (
        next &&
        matchValuePattern(pattern, candidate.value, { hasNumeric, hasIp }) &&
        matchFrom(walk, i + 1, next, merged)
      ) {
        return true;
      }
    }
  }
  return false;
}

/** Whether the flattened event satisfies every field of the branch, array-consistently. */
export function matchAlternative(
  alt: Alternative,
  root: StateModel,
  event: FlatEvent,
  steps: UsedSteps,
): boolean {
  let ids: readonly number[] | null = null;
  const javaId = (array: number): number => {
    ids ??= event.javaArrayIds(steps, (key) => steps.used(key));
    return ids[array] ?? array;
  };
  return matchFrom({ alt, event, steps, javaId, seen: new Map() }, 0, root, NO_MEMBERSHIP);
}
