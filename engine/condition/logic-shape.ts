/** A position inside a JSON Logic document: object keys and array indexes from its root. */
export type LogicPath = (string | number)[];

/** One operation node, `{"op": args}`, with its arguments normalised to an array. */
export interface Operation {
  op: string;
  args: unknown[];
  /** Where the operator's value sits, e.g. `["and", 1, "=="]`. */
  path: LogicPath;
  /** `{"!": x}` instead of `{"!": [x]}`: the single argument *is* the operator's value. */
  unary: boolean;
}

/** Deeper than this is not a condition anyone writes; it is refused instead of blowing the stack. */
export const MAX_DEPTH = 100;

/** A plain object with exactly one key is an operation (json-logic-js's own rule). */
export function asOperation(value: unknown, path: LogicPath): Operation | undefined {
  if (!isPlainObject(value)) return undefined;
  const keys = Object.keys(value);
  if (keys.length !== 1) return undefined;
  const op = keys[0] as string;
  const raw = value[op];
  const unary = !Array.isArray(raw);
  return { op, args: unary ? [raw] : raw, path: [...path, op], unary };
}

/** Where argument `index` of an operation sits. */
export function argPath(operation: Operation, index: number): LogicPath {
  return operation.unary ? operation.path : [...operation.path, index];
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** `a.b.0.c` → `["a", "b", 0, "c"]`: json-logic-js splits `var` paths on dots, digits index arrays. */
export function varSegments(path: string | number): (string | number)[] {
  return String(path)
    .split(".")
    .map((s) => (/^(0|[1-9]\d*)$/.test(s) ? Number(s) : s));
}
