import { mkdtempSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import { registerBuiltins } from "../../../actions/builtins.js";
import { ActionRegistry } from "../../../engine/action/registry.js";
import type { JsonSchema } from "../../../engine/action/types.js";
import { parseRuleFile } from "../../../engine/load/rule-file.js";
import { fixtureCaseSchema } from "../../../engine/schema/fixture-case.js";
import { buildRuleSchema } from "../../../engine/schema/rule-schema.js";
import { SchemaValidator } from "../../../engine/schema/schema-validator.js";
import { precompiledName, precompiledValidator } from "../../../engine/schema/standalone-validators.js";

const registry = registerBuiltins(new ActionRegistry());
const folder = mkdtempSync(join(tmpdir(), "rulebridge-standalone-"));
const require = createRequire(import.meta.url);

/** The module the build writes for `schema`, loaded as a command loads it. */
function standalone(schema: JsonSchema): ValidateFunction {
  const { name, code } = SchemaValidator.standaloneModule(schema);
  // In dist/ the module finds ajv's runtime helpers in node_modules; from a temporary folder, by path.
  const located = code.replace(
    /require\("(ajv\/[^"]+)"\)/g,
    (_, m: string) => `require(${JSON.stringify(require.resolve(m))})`,
  );
  writeFileSync(join(folder, name), located);
  return require(join(folder, name)) as ValidateFunction;
}

/** `schema` compiled as SchemaValidator compiles it when no precompiled module exists. */
function compiled(schema: JsonSchema): ValidateFunction {
  const { $id: _id, ...rest } = schema;
  const ajv = new Ajv2020({
    allErrors: true,
    strict: true,
    strictRequired: false,
    allowUnionTypes: true,
    code: { optimize: false },
  });
  return ajv.compile(rest);
}

function values(text: string): unknown[] {
  return parseRuleFile("r.yaml", text).sources.map((s) => s.value);
}

const head = "name: r\non:\n  pattern: {source: [aws.ecs]}\nactions:\n";
const rules = values(
  [
    `${head}  - type: sns-publish\n    topicArn: arn:aws:sns:us-east-1:123456789012:t\n    message: hi\n`,
    `${head}  - type: sns-publish\n    topicArn: 5\n    extra: x\n`,
    `${head}  - type: slack-post\n    channel: 5\n  - type: webhook\n    url: []\n  - sns-publish\n`,
    "name: BAD\non:\n  alarm: {namespace: x, period: 7, threshold: '= 1'}\n  pattern: {}\nactions: []\nextra: 1\n",
  ].join("---\n"),
);

describe("precompiled (standalone) validators", () => {
  it.each([
    ["rule", buildRuleSchema(registry), rules],
    ["fixture case", fixtureCaseSchema, [{}, { rule: 5, event: [], expect: { matches: "yes" } }, { x: 1 }]],
  ])("report what the compiled %s schema reports", (_name, schema, documents) => {
    const a = standalone(schema);
    const b = compiled(schema);
    for (const doc of documents) {
      expect(a(doc)).toBe(b(doc));
      expect(a.errors ?? null).toEqual(b.errors ?? null);
    }
    expect(documents.some((doc) => !b(doc))).toBe(true);
  });

  it("are found by the hash of the schema's JSON, and absent when not built", () => {
    expect(precompiledName('{"type":"object"}')).toMatch(/^[0-9a-f]{32}\.cjs$/);
    expect(precompiledName('{"type":"object"}')).not.toBe(precompiledName('{"type":"array"}'));
    expect(precompiledValidator('{"type":"object","title":"not built"}')).toBeUndefined();
  });
});
