import { inlineCode } from "./markdown.js";
import { literal, sentences } from "./schema-constraints.js";
import type { SchemaField } from "./schema-fields.js";

/** The cells every field table shares: path, type, required, default, description with constraints. */
export function fieldRow(field: SchemaField, defaultValue: unknown = field.defaultValue): string[] {
  return [
    inlineCode(field.path),
    field.type,
    field.required ? "yes" : "no",
    defaultValue === undefined ? "" : literal(defaultValue),
    sentences([field.description, ...field.constraints]),
  ];
}
