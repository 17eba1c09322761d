/** Any JSON value: what patterns and events are made of. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [k: string]: JsonValue };

/**
 * Why a pattern is rejected. `path` locates the offending node inside the pattern JSON (object keys
 * and array indexes from the root), so callers can map it back to a line and column of the source.
 */
export interface PatternError {
  message: string;
  path: (string | number)[];
}

/** Thrown by compilePattern and PatternIndex.add for a pattern EventBridge would reject. */
export class PatternSyntaxError extends Error {
  readonly path: (string | number)[];

  constructor(error: PatternError) {
    super(error.message);
    this.name = "PatternSyntaxError";
    this.path = [...error.path];
  }
}
