import type { PatternError } from "./pattern-error.js";

/**
 * A pattern as the JSON text event-ruler would be given: object members stay an ordered list (so
 * "__proto__" or "constructor" are ordinary names) and numbers keep the spelling they are sent with.
 * Conversion follows JSON serialisation (toJSON, undefined members dropped, undefined array items as
 * null) and the limits of event-ruler's JSON parser (Jackson's StreamReadConstraints).
 */
export type JsonNode =
  | { kind: "object"; members: [string, JsonNode][] }
  | { kind: "array"; items: JsonNode[] }
  | { kind: "string"; value: string }
  | { kind: "number"; value: number; text: string }
  | { kind: "literal"; value: null | boolean; text: "null" | "true" | "false" };

export const MAX_NESTING_DEPTH = 1000;
export const MAX_NAME_LENGTH = 50_000;
export const MAX_STRING_LENGTH = 20_000_000;

export function nestingError(depth: number): string {
  return `Document nesting depth (${depth}) exceeds the maximum allowed (${MAX_NESTING_DEPTH}, from \`StreamReadConstraints.getMaxNestingDepth()\`)`;
}

export function nameLengthError(length: number): string {
  return `Name length (${length}) exceeds the maximum allowed (${MAX_NAME_LENGTH}, from \`StreamReadConstraints.getMaxNameLength()\`)`;
}

export function stringLengthError(length: number): string {
  return `String value length (${length}) exceeds the maximum allowed (${MAX_STRING_LENGTH}, from \`StreamReadConstraints.getMaxStringLength()\`)`;
}

/** JSON spelling of a number as sent to event-ruler (-0 keeps its sign). */
export function numberText(n: number): string {
  return Object.is(n, -0) ? "-0" : JSON.stringify(n);
}

class InputError extends Error {
  readonly path: (string | number)[];
  constructor(message: string, path: (string | number)[]) {
    super(message);
    this.path = path;
  }
}

/** Resolves toJSON; undefined means "no JSON text" (undefined, functions, symbols). */
export function jsonView(value: unknown): unknown {
  if (typeof value === "object" && value !== null && !Array.isArray(value)) {
    const toJSON: unknown = Reflect.get(value, "toJSON");
    if (typeof toJSON === "function") return jsonView(toJSON.call(value));
  }
  if (typeof value === "undefined" || typeof value === "function" || typeof value === "symbol")
    return undefined;
  return value;
}

function convert(value: unknown, path: (string | number)[], depth: number): JsonNode {
  switch (typeof value) {
    case "string":
      if (value.length > MAX_STRING_LENGTH) throw new InputError(stringLengthError(value.length), path);
      return { kind: "string", value };
    case "number":
      if (!Number.isFinite(value)) throw new InputError(`Non-standard token '${String(value)}'`, path);
      return { kind: "number", value, text: numberText(value) };
    case "bigint": {
      const n = Number(value);
      return { kind: "number", value: n, text: value.toString() };
    }
    case "boolean":
      return { kind: "literal", value, text: value ? "true" : "false" };
    default:
      break;
  }
  if (value === null) return { kind: "literal", value: null, text: "null" };
  if (depth > MAX_NESTING_DEPTH) throw new InputError(nestingError(depth), path);
  if (Array.isArray(value)) {
    const items = value.map((item: unknown, i) => {
      const v = jsonView(item);
      return v === undefined
        ? ({ kind: "literal", value: null, text: "null" } as const)
        : convert(v, [...path, i], depth + 1);
    });
    return { kind: "array", items };
  }
  const members: [string, JsonNode][] = [];
  for (const key of Object.keys(value as object)) {
    if (key.length > MAX_NAME_LENGTH) throw new InputError(nameLengthError(key.length), [...path, key]);
    const v = jsonView(Reflect.get(value as object, key));
    if (v !== undefined) members.push([key, convert(v, [...path, key], depth + 1)]);
  }
  return { kind: "object", members };
}

/** The JSON tree of `input`, or why event-ruler's parser would refuse its text. */
export function toJsonNode(input: unknown): { node: JsonNode } | { error: PatternError } {
  const view = jsonView(input);
  if (view === undefined) return { error: { message: "Filter is not an object", path: [] } };
  try {
    return { node: convert(view, [], 1) };
  } catch (error) {
    if (error instanceof InputError) return { error: { message: error.message, path: error.path } };
    // Only pathological inputs (getters that throw, stack exhaustion) get here.
    return { error: { message: `Pattern is not valid JSON: ${String(error)}`, path: [] } };
  }
}
