import type { ValuePattern } from "../values/value-pattern.js";

export type NodePath = (string | number)[];

/**
 * A rejection raised while compiling. `parseError` mirrors whether event-ruler raises a
 * JsonParseException (its Machine then retries the pattern with the legacy, $or-unaware compiler)
 * or some other exception (the pattern is simply rejected).
 */
export class CompileFailure extends Error {
  readonly path: NodePath;
  readonly parseError: boolean;

  constructor(message: string, path: NodePath, parseError = true) {
    super(message);
    this.path = path;
    this.parseError = parseError;
  }
}

/** One entry of a field's value list, with what the machine-building step needs to know about it. */
export interface PatternEntry {
  /** "absent" is `{"exists": false}`, which event-ruler matches on field names, not values. */
  pattern: ValuePattern | "absent";
  path: NodePath;
  /** An anything-but set with no members: the machine cannot add it as a field's first entry. */
  emptySet?: boolean;
  /** A one-sided numeric range at ±Double.MAX_VALUE: the machine's range builder cannot add it. */
  degenerateRange?: boolean;
}

/** The compiled value list of one field path in one $or branch. */
export interface FieldEntries {
  entries: PatternEntry[];
  path: NodePath;
}

/** One $or branch: field path → value list (a later occurrence of a path replaces the earlier). */
export type Branch = Map<string, FieldEntries>;
