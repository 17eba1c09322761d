import type { JsonSchema } from "../../engine/action/types.js";
import { describeConstraints, isSchema } from "./schema-constraints.js";

/** One documented field of a JSON Schema: a row of a reference table. */
export interface SchemaField {
  /** Dotted path from the documented root: `on.alarm.period`, `actions[].type`, `tags.<key>`. */
  path: string;
  /** Readable type: `string`, `integer`, `array of string`, `map of string`, `any`, … */
  type: string;
  /** Listed in its parent's `required` (for a field inside a `oneOf` form: required in that form). */
  required: boolean;
  /** The schema's `default`, when it has one. */
  defaultValue?: unknown;
  description?: string;
  /** Allowed values, patterns, lengths, ranges, conditional requirements, examples. */
  constraints: string[];
  /** For a field inside one of a `oneOf` of object shapes: that shape's title. */
  form?: string;
}

/**
 * Flattens a schema into its documented fields, depth first in declaration order: properties,
 * `additionalProperties` maps (as `<key>`), array items with properties (as `[]`), and the
 * object shapes of a `oneOf` (each field tagged with its shape's title). `$ref`s resolve against
 * `root.$defs`. The root itself is not a field.
 */
export function schemaFields(schema: JsonSchema, root: JsonSchema = schema): SchemaField[] {
  const fields: SchemaField[] = [];
  visitChildren(resolve(schema, root), "", root, undefined, fields);
  return fields;
}

function visit(
  raw: JsonSchema,
  path: string,
  required: boolean,
  root: JsonSchema,
  form: string | undefined,
  out: SchemaField[],
): void {
  const schema = resolve(raw, root);
  const field: SchemaField = {
    path,
    type: describeType(schema, root),
    required,
    constraints: describeConstraints(schema),
  };
  if ("default" in schema) field.defaultValue = schema.default;
  const description = raw.description ?? schema.description;
  if (typeof description === "string") field.description = description;
  if (form !== undefined) field.form = form;
  out.push(field);
  visitChildren(schema, path, root, form, out);
}

function visitChildren(
  schema: JsonSchema,
  path: string,
  root: JsonSchema,
  form: string | undefined,
  out: SchemaField[],
): void {
  const required = new Set(Array.isArray(schema.required) ? schema.required.map(String) : []);
  const properties = isSchema(schema.properties) ? schema.properties : {};
  for (const [key, child] of Object.entries(properties)) {
    if (isSchema(child)) visit(child, join(path, key), required.has(key), root, form, out);
  }
  const extra = schema.additionalProperties;
  if (isSchema(extra) && hasDocumentableContent(resolve(extra, root))) {
    visit(extra, join(path, "<key>"), false, root, form, out);
  }
  const items = isSchema(schema.items) ? resolve(schema.items, root) : undefined;
  if (items && isSchema(items.properties)) visitChildren(items, `${path}[]`, root, form, out);
  const shapes = Array.isArray(schema.oneOf) ? schema.oneOf.filter(isSchema) : [];
  shapes.forEach((shape, i) => {
    const resolved = resolve(shape, root);
    if (!isSchema(resolved.properties)) return;
    const title = typeof resolved.title === "string" ? resolved.title : `form ${i + 1}`;
    visitChildren(resolved, path, root, title, out);
  });
}

/** Map values are worth a row of their own only when they say more than their type. */
function hasDocumentableContent(schema: JsonSchema): boolean {
  return Object.keys(schema).some((k) => k !== "type");
}

function join(path: string, key: string): string {
  return path === "" ? key : `${path}.${key}`;
}

function resolve(schema: JsonSchema, root: JsonSchema): JsonSchema {
  const ref = schema.$ref;
  if (typeof ref !== "string") return schema;
  const match = /^#\/\$defs\/(.+)$/.exec(ref);
  const defs = isSchema(root.$defs) ? root.$defs : {};
  const target = match ? defs[match[1]!] : undefined;
  if (!isSchema(target)) throw new Error(`cannot resolve ${ref}`);
  return target;
}

/** A short type name: what a reader has to write there. */
export function describeType(schema: JsonSchema, root: JsonSchema): string {
  const s = resolve(schema, root);
  if ("const" in s) return typeof s.const;
  if (Array.isArray(s.enum)) {
    const kinds = [...new Set(s.enum.map((v) => (v === null ? "null" : typeof v)))];
    return kinds.join(" or ");
  }
  const type = Array.isArray(s.type) ? s.type.join(" or ") : typeof s.type === "string" ? s.type : undefined;
  if (type === "array") {
    return isSchema(s.items) ? `array of ${describeType(s.items, root)}` : "array";
  }
  if (type === "object" && isSchema(s.additionalProperties) && !isSchema(s.properties)) {
    return `map of ${describeType(s.additionalProperties, root)}`;
  }
  if (type !== undefined) return type;
  for (const key of ["oneOf", "anyOf"] as const) {
    const branches = s[key];
    if (Array.isArray(branches) && branches.every(isSchema)) {
      const names = branches.map((b) => describeType(b, root));
      if (names.every((n) => n !== "any")) return [...new Set(names)].join(" or ");
    }
  }
  return "any";
}
