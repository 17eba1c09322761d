import { describe, expect, it } from "vitest";
import { registerBuiltins } from "../../../actions/builtins.js";
import { ActionRegistry } from "../../../engine/action/registry.js";
import { parseRuleFile } from "../../../engine/load/rule-file.js";
import { compileSources } from "../../../engine/rule-set.js";
import { buildRuleSchema } from "../../../engine/schema/rule-schema.js";
import { SchemaValidator } from "../../../engine/schema/schema-validator.js";

const registry = registerBuiltins(new ActionRegistry());
const full = new SchemaValidator(buildRuleSchema(registry));

const head = "name: r\non:\n  pattern: {source: [aws.ecs]}\nactions:\n";
const documents = [
  `${head}  - type: sns-publish\n    topicArn: arn:aws:sns:us-east-1:123456789012:t\n    message: hi\n`,
  `${head}  - type: sns-publish\n    topicArn: 5\n    extra: x\n`,
  `${head}  - type: slack-post\n    channel: 5\n  - type: webhook\n    url: []\n`,
  `${head}  - type: sns-publsh\n    topicArn: x\n`,
  `${head}  - type: 5\n  - {}\n`,
  `${head}  - sns-publish\n`,
  `${head}  - [type, sns-publish]\n  - type: sqs-send\n`,
  `${head}  - null\n`,
  "name: r\non:\n  pattern: {source: [aws.ecs]}\nactions: sns-publish\n",
  "name: r\non:\n  pattern: {source: [aws.ecs]}\n",
];

describe("the rule schema with only the action branches documents reach", () => {
  it.each(documents)("finds what the whole schema finds in %j", (text) => {
    const { sources } = parseRuleFile("r.yaml", text);
    const whole = full.validate(sources[0]!);
    const schemaCodes = compileSources(sources, registry).problems.filter(
      (p) => p.code.startsWith("SCHEMA_") || p.code === "UNKNOWN_ACTION",
    );
    // compileSources keeps one problem per code and position.
    const seen = new Set<string>();
    const expected = whole.filter((p) => {
      const key = `${p.code}:${p.line}:${p.col}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
    // Every document but the first is wrong somewhere.
    expect(expected.length > 0).toBe(text !== documents[0]);
    expect(schemaCodes).toEqual(expected);
  });

  it("builds a schema with just the named branches", () => {
    const schema = buildRuleSchema(registry, new Set(["sns-publish"])) as {
      $defs: Record<string, unknown>;
      properties: { actions: { items: { allOf: unknown[]; properties: { type: { enum: string[] } } } } };
    };
    expect(Object.keys(schema.$defs)).toEqual(["alarm", "action-sns-publish"]);
    expect(schema.properties.actions.items.allOf).toHaveLength(1);
    expect(schema.properties.actions.items.properties.type.enum).toEqual(registry.types());
    expect(buildRuleSchema(registry, new Set()).properties).toBeDefined();
  });
});
