import type { JsonSchema } from "../../engine/action/types.js";
import { inlineCode } from "./markdown.js";

export function isSchema(value: unknown): value is JsonSchema {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** A JSON value as a reader would write it in YAML: strings bare, anything else as JSON. */
export function literal(value: unknown): string {
  return inlineCode(typeof value === "string" ? value : JSON.stringify(value));
}

/** Fragments as sentences: each capitalised and closed with a full stop; empty ones dropped. */
export function sentences(parts: readonly (string | undefined)[]): string {
  return parts
    .filter((p): p is string => p !== undefined && p.trim() !== "")
    .map((p) => p.trim())
    .map((p) => p[0]!.toUpperCase() + p.slice(1))
    .map((p) => (/[.!?:]$/.test(p) || p.endsWith("`.") ? p : `${p}.`))
    .join(" ");
}

function list(values: readonly unknown[]): string {
  return values.map(literal).join(", ");
}

function range(min: unknown, max: unknown, unit: string): string | undefined {
  const units = (n: number) => `${n} ${unit}${n === 1 ? "" : "s"}`;
  if (typeof min === "number" && typeof max === "number") return `${min}–${units(max)}`;
  if (min === 1) return "not empty";
  if (typeof min === "number") return `at least ${units(min)}`;
  if (typeof max === "number") return `at most ${units(max)}`;
  return undefined;
}

/**
 * What a schema allows beyond its type, in words: allowed values, patterns, sizes, numeric
 * bounds, conditional requirements and examples. Keywords it does not know are left out; the
 * JSON Schema itself (rules/rule.schema.json) stays the full statement.
 */
export function describeConstraints(schema: JsonSchema): string[] {
  const out: string[] = [];
  if ("const" in schema) out.push(`always ${literal(schema.const)}`);
  if (Array.isArray(schema.enum)) out.push(`one of ${list(schema.enum)}`);
  if (typeof schema.pattern === "string") out.push(`matches ${inlineCode(schema.pattern)}`);
  const sizes = [
    range(schema.minLength, schema.maxLength, "character"),
    range(schema.minItems, schema.maxItems, "item"),
    range(schema.minProperties, schema.maxProperties, "entry"),
  ];
  for (const size of sizes) if (size) out.push(size);
  if (typeof schema.minimum === "number") out.push(`≥ ${schema.minimum}`);
  if (typeof schema.maximum === "number") out.push(`≤ ${schema.maximum}`);
  if (typeof schema.multipleOf === "number") out.push(`a multiple of ${schema.multipleOf}`);
  if (schema.uniqueItems === true) out.push("no duplicates");
  if (isSchema(schema.propertyNames)) {
    const keys = describeConstraints(schema.propertyNames);
    if (keys.length > 0) out.push(`keys: ${keys.join(", ")}`);
  }
  if (isSchema(schema.items) && !isSchema(schema.items.properties)) {
    const items = describeConstraints(schema.items);
    if (items.length > 0) out.push(`each item: ${items.join(", ")}`);
  }
  const oneOf = Array.isArray(schema.oneOf) ? schema.oneOf.filter(isSchema) : [];
  const exclusive = exclusiveKeys(oneOf);
  if (exclusive) out.push(`exactly one of ${exclusive.map((k) => inlineCode(k)).join(", ")}`);
  else if (oneOf.length > 0 && oneOf.every((s) => typeof s.title === "string")) {
    out.push(`exactly one of the forms: ${oneOf.map((s) => String(s.title)).join("; ")}`);
  }
  if (Array.isArray(schema.anyOf) && schema.anyOf.every(isSchema)) {
    const branches = schema.anyOf.map((s) => describeConstraints(s).join(", ")).filter((s) => s !== "");
    if (branches.length > 0) out.push(`either ${branches.join(", or ")}`);
  }
  const conditional = describeConditional(schema);
  if (conditional) out.push(conditional);
  if (Array.isArray(schema.examples) && schema.examples.length > 0) out.push(`e.g. ${list(schema.examples)}`);
  return out;
}

/** `oneOf: [{required: [a]}, {required: [b]}]` (each maybe with a `not`): the keys, else undefined. */
function exclusiveKeys(branches: readonly JsonSchema[]): string[] | undefined {
  if (branches.length < 2) return undefined;
  const keys: string[] = [];
  for (const branch of branches) {
    const extra = Object.keys(branch).filter((k) => k !== "required" && k !== "not");
    if (extra.length > 0 || !Array.isArray(branch.required) || branch.required.length !== 1) return undefined;
    keys.push(String(branch.required[0]));
  }
  return keys;
}

/** Requirements a `then`/`else` adds: required keys plus an exactly-one-of group. */
function requirements(schema: unknown): string | undefined {
  if (!isSchema(schema)) return undefined;
  const parts: string[] = [];
  if (Array.isArray(schema.required))
    parts.push(schema.required.map((k) => inlineCode(String(k))).join(", "));
  const oneOf = Array.isArray(schema.oneOf) ? exclusiveKeys(schema.oneOf.filter(isSchema)) : undefined;
  if (oneOf) parts.push(`exactly one of ${oneOf.map((k) => inlineCode(k)).join(", ")}`);
  return parts.length > 0 ? `needs ${parts.join(" and ")}` : undefined;
}

/** `if: {anyOf: [{required: [k]}…]}` or `if: {required: [...]}` with then/else requirements. */
function describeConditional(schema: JsonSchema): string | undefined {
  const condition = schema.if;
  if (!isSchema(condition)) return undefined;
  let keys: string[] | undefined;
  if (Array.isArray(condition.anyOf)) {
    keys = condition.anyOf.flatMap((c) => (isSchema(c) && Array.isArray(c.required) ? c.required : []));
  } else if (Array.isArray(condition.required)) {
    keys = condition.required.map(String);
  }
  if (!keys) return undefined;
  const then = requirements(schema.then);
  const otherwise = requirements(schema.else);
  const quoted = keys.map((k) => inlineCode(String(k))).join(", ");
  const parts = [
    then ? `with any of ${quoted}: ${then}` : undefined,
    otherwise ? `otherwise ${otherwise}` : undefined,
  ];
  const text = parts.filter((p) => p !== undefined).join("; ");
  return text === "" ? undefined : text;
}
