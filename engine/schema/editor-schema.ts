import type { JsonSchema } from "../action/types.js";
import { fixtureCaseSchema } from "./fixture-case.js";

/** The draft editors read: yaml-language-server (VS Code's YAML extension, …) fully supports draft-07, not 2020-12. */
export const EDITOR_DRAFT = "http://json-schema.org/draft-07/schema#";

/** Keywords whose values are data or names, not subschemas: copied as they are. */
const DATA_KEYWORDS = new Set(["default", "examples", "const", "enum", "required", "description", "title"]);
/** Keywords holding a map of name → subschema. */
const SCHEMA_MAPS = new Set(["properties", "patternProperties", "$defs", "definitions", "dependentSchemas"]);
/** 2020-12 keywords draft-07 has no spelling for; none is used today, and one must not slip through unseen. */
const NO_DRAFT_07 = [
  "prefixItems",
  "unevaluatedProperties",
  "unevaluatedItems",
  "$dynamicRef",
  "$dynamicAnchor",
  "$anchor",
  "minContains",
  "maxContains",
  "dependentRequired",
  "dependentSchemas",
];

/**
 * A 2020-12 schema (what ajv validates with) as draft-07 (what editors read): `$defs` become
 * `definitions` and references follow; a `$ref` with sibling keywords (applied together in
 * 2020-12, siblings ignored in draft-07) is wrapped in `allOf`. Validation never uses the result,
 * so ajv's behaviour is unchanged; a test checks both accept and reject the same documents.
 */
export function toEditorSchema(schema: JsonSchema): JsonSchema {
  const out = convert(schema) as JsonSchema;
  return { $schema: EDITOR_DRAFT, ...withoutKey(out, "$schema") };
}

function convert(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(convert);
  if (node === null || typeof node !== "object") return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (NO_DRAFT_07.includes(key)) throw new Error(`editor schema: \`${key}\` has no draft-07 equivalent`);
    if (DATA_KEYWORDS.has(key)) out[key] = value;
    else if (key === "$ref" && typeof value === "string")
      out[key] = value.replace(/^#\/\$defs\//, "#/definitions/");
    else if (SCHEMA_MAPS.has(key) && value !== null && typeof value === "object") {
      const map = Object.fromEntries(Object.entries(value).map(([name, sub]) => [name, convert(sub)]));
      out[key === "$defs" ? "definitions" : key] = map;
    } else out[key] = convert(value);
  }
  if (
    typeof out.$ref === "string" &&
    Object.keys(out).some((k) => k !== "$ref" && k !== "description" && k !== "title")
  ) {
    const { $ref, ...rest } = out;
    return { ...rest, allOf: [...((rest.allOf as unknown[] | undefined) ?? []), { $ref }] };
  }
  return out;
}

function withoutKey(schema: JsonSchema, key: string): JsonSchema {
  const { [key]: _dropped, ...rest } = schema as Record<string, unknown>;
  return rest as JsonSchema;
}

/**
 * JSON Schema of a fixture file (`<rule>.test.yaml`): one case, or a list of cases. 2020-12, like
 * the rule schema; `toEditorSchema` makes the editors' copy.
 */
export function buildFixtureFileSchema(): JsonSchema {
  return {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    $id: "https://rulebridge.dev/schemas/fixture.schema.json",
    title: "rulebridge rule fixtures",
    description: "Cases `rulebridge test` runs: one case per YAML document, or a list of cases.",
    $defs: { case: fixtureCaseSchema },
    anyOf: [{ $ref: "#/$defs/case" }, { type: "array", items: { $ref: "#/$defs/case" } }],
  };
}
