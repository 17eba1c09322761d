import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { Ajv } from "ajv";
import { Ajv2020 } from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import { parseAllDocuments } from "yaml";
import { registerBuiltins } from "../../../actions/builtins.js";
import { SETTINGS_SCHEMA } from "../../../deploy/settings-schema.js";
import { ActionRegistry } from "../../../engine/action/registry.js";
import type { JsonSchema } from "../../../engine/action/types.js";
import {
  buildFixtureFileSchema,
  EDITOR_DRAFT,
  toEditorSchema,
} from "../../../engine/schema/editor-schema.js";
import { buildRuleSchema } from "../../../engine/schema/rule-schema.js";

const registry = registerBuiltins(new ActionRegistry());
const options = { allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true } as const;

describe("toEditorSchema", () => {
  it.each([
    [
      "$defs become definitions, references follow",
      { $defs: { a: { type: "string" } }, properties: { x: { $ref: "#/$defs/a" } } },
      { definitions: { a: { type: "string" } }, properties: { x: { $ref: "#/definitions/a" } } },
    ],
    [
      "a $ref with siblings is wrapped in allOf (draft-07 would ignore the siblings)",
      { $defs: { a: { type: "object" } }, properties: { x: { $ref: "#/$defs/a", required: ["k"] } } },
      {
        definitions: { a: { type: "object" } },
        properties: { x: { required: ["k"], allOf: [{ $ref: "#/definitions/a" }] } },
      },
    ],
    [
      "data keywords and property names are not rewritten",
      { properties: { $defs: { default: { $ref: "#/$defs/a" }, const: { $defs: 1 } } } },
      { properties: { $defs: { default: { $ref: "#/$defs/a" }, const: { $defs: 1 } } } },
    ],
  ])("%s", (_label, input, expected) => {
    expect(toEditorSchema(input as JsonSchema)).toEqual({ $schema: EDITOR_DRAFT, ...expected });
  });

  it("refuses a 2020-12 keyword draft-07 cannot say", () => {
    expect(() => toEditorSchema({ type: "array", prefixItems: [{ type: "string" }] })).toThrow(/prefixItems/);
  });
});

/** Every YAML document of the files in rules/ whose names match. */
function documents(match: RegExp): unknown[] {
  return readdirSync("rules")
    .filter((f) => match.test(f))
    .flatMap((f) => Array.from(parseAllDocuments(readFileSync(join("rules", f), "utf8")), (d) => d.toJS()));
}

const brokenRule = (rule: Record<string, unknown>, change: Record<string, unknown>) => ({
  ...rule,
  ...change,
});

describe("editor schemas (draft-07) judge documents as ajv's 2020-12 validation does", () => {
  const rules = documents(/^[^.]+\.ya?ml$/) as Record<string, unknown>[];
  const fixtures = documents(/\.test\.ya?ml$/);
  const first = rules[0] ?? {};
  const kinds: Array<[string, JsonSchema, unknown[]]> = [
    [
      "rule",
      buildRuleSchema(registry),
      [
        ...rules,
        brokenRule(first, { colour: "blue" }),
        brokenRule(first, { actions: [{ type: "sns-publish" }] }),
        brokenRule(first, { actions: [{ type: "nope" }] }),
        brokenRule(first, { on: { pattern: {}, alarm: { name: "x" } } }),
        brokenRule(first, { on: { alarm: { namespace: "n", metric: "m", threshold: "<= 0" } } }),
        brokenRule(first, { tests: [{ name: "t", event: {}, expect: "maybe" }] }),
        brokenRule(first, { tests: [{ name: "t", event: {}, expect: "match", rule: "r" }] }),
      ],
    ],
    [
      "fixture",
      buildFixtureFileSchema(),
      [...fixtures, { name: "n" }, [{ name: "n", rule: "r", event: 3, expect: "match" }]],
    ],
    [
      "settings",
      SETTINGS_SCHEMA,
      [{ stackName: "ok", memory: 256 }, { memory: 64 }, { actions: [] }, { logRetentionDays: 2 }],
    ],
  ];

  it.each(kinds)("%s", (_kind, schema, docs) => {
    const strict2020 = new Ajv2020(options).compile(schema);
    const draft07 = new Ajv(options).compile(toEditorSchema(schema));
    expect(docs.length).toBeGreaterThan(3);
    const verdicts = docs.map((d) => [strict2020(d), draft07(d)]);
    expect(verdicts.map(([a, b]) => a === b)).not.toContain(false);
    // Both kinds of verdict occur, so the comparison means something.
    expect(new Set(verdicts.map(([a]) => a))).toEqual(new Set([true, false]));
  });
});
