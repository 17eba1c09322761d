import { Ajv2020 } from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import { ActionRegistry } from "../../../engine/action/registry.js";
import type { ActionDefinition } from "../../../engine/action/types.js";
import { parseRuleFile } from "../../../engine/load/rule-file.js";
import { buildRuleSchema } from "../../../engine/schema/rule-schema.js";
import { SchemaValidator } from "../../../engine/schema/schema-validator.js";

/** A user-style action, registered the way any plug-in would be. */
const echo: ActionDefinition = {
  type: "echo",
  description: "Prints a message.",
  paramsSchema: {
    type: "object",
    additionalProperties: false,
    required: ["message"],
    properties: { message: { type: "string" }, times: { type: "integer", minimum: 1 } },
  },
  iam: () => [],
  plan: ({ params }) => ({ type: "echo", summary: String(params.message), steps: [] }),
};

const registry = new ActionRegistry().register(echo);
const validator = new SchemaValidator(buildRuleSchema(registry));

function problems(text: string) {
  const { sources, problems: parse } = parseRuleFile("r.yaml", text);
  expect(parse).toEqual([]);
  return validator.validate(sources[0]!);
}

const ok = `name: ok
on:
  pattern: { source: [aws.ecs] }
actions:
  - type: echo
    message: hi
`;

describe("rule schema", () => {
  it("is a valid JSON Schema 2020-12 in ajv strict mode", () => {
    expect(() =>
      new Ajv2020({ strict: true, strictRequired: false, allowUnionTypes: true }).compile(
        buildRuleSchema(registry),
      ),
    ).not.toThrow();
  });

  it("accepts a well-formed rule", () => {
    expect(problems(ok)).toEqual([]);
  });

  it.each([
    ["unknown top-level key", ok.replace("name: ok", "name: ok\nnmae: x"), "SCHEMA_UNKNOWN_KEY", 2, 1],
    ["unknown action param", `${ok}    colour: red\n`, "SCHEMA_UNKNOWN_KEY", 7, 5],
    ["wrong type", ok.replace("name: ok", "name: ok\nenabled: sometimes"), "SCHEMA_TYPE", 2, 10],
    ["bad name", ok.replace("name: ok", "name: Not_OK"), "SCHEMA_INVALID", 1, 7],
    ["missing actions", "name: a\non: { pattern: { source: [x] } }\n", "SCHEMA_MISSING_KEY", 1, 1],
    ["missing action param", ok.replace("    message: hi\n", ""), "SCHEMA_MISSING_KEY", 5, 5],
    ["unknown action", ok.replace("type: echo", "type: ehco"), "UNKNOWN_ACTION", 5, 11],
    ["pattern and alarm", ok.replace("on:\n", "on:\n  alarm: { name: x }\n"), "SCHEMA_INVALID", 3, 3],
    [
      "neither pattern nor alarm",
      ok.replace("  pattern: { source: [aws.ecs] }", "  bus: b"),
      "SCHEMA_MISSING_KEY",
      3,
      3,
    ],
    [
      "alarm without name or metric",
      ok.replace("pattern: { source: [aws.ecs] }", "alarm: { states: [ALARM] }"),
      "SCHEMA_MISSING_KEY",
      3,
      10,
    ],
    [
      "alarm with a bad threshold",
      ok.replace(
        "pattern: { source: [aws.ecs] }",
        'alarm: { namespace: N, metric: M, statistic: Sum, threshold: "== 1" }',
      ),
      "SCHEMA_INVALID",
      3,
      64,
    ],
    [
      "alarm with a bad period",
      ok.replace(
        "pattern: { source: [aws.ecs] }",
        'alarm: { namespace: N, metric: M, statistic: Sum, threshold: "> 1", period: 45 }',
      ),
      "SCHEMA_INVALID",
      3,
      79,
    ],
    [
      "alarm with two statistics",
      ok.replace(
        "pattern: { source: [aws.ecs] }",
        'alarm: { namespace: N, metric: M, statistic: Sum, extendedStatistic: p99, threshold: "> 1" }',
      ),
      "SCHEMA_INVALID",
      3,
      10,
    ],
    ["empty actions", "name: a\non: { pattern: { source: [x] } }\nactions: []\n", "SCHEMA_INVALID", 3, 10],
    [
      "action is not a mapping",
      "name: a\non: { pattern: { source: [x] } }\nactions: [echo]\n",
      "SCHEMA_TYPE",
      3,
      11,
    ],
  ])("%s → %s at %i:%i", (_name, text, code, line, col) => {
    const found = problems(text);
    expect(found.map((p) => p.code)).toContain(code);
    expect(found.find((p) => p.code === code)).toMatchObject({ file: "r.yaml", line, col });
  });

  it("reports one problem per mistake, not one per schema branch", () => {
    expect(problems(ok.replace("type: echo", "type: ehco"))).toHaveLength(1);
    expect(problems(ok.replace("on:\n", "on:\n  alarm: { name: x }\n"))).toHaveLength(1);
  });

  it("collects every problem of a document in one pass", () => {
    const text =
      "name: BAD\nextra: 1\non: { pattern: { source: [x] } }\nactions:\n  - type: nope\n  - type: echo\n";
    expect(
      problems(text)
        .map((p) => p.code)
        .sort(),
    ).toEqual(["SCHEMA_INVALID", "SCHEMA_MISSING_KEY", "SCHEMA_UNKNOWN_KEY", "UNKNOWN_ACTION"]);
  });

  it("rejects action types a registry cannot hold", () => {
    expect(() => new ActionRegistry().register({ ...echo, type: "Bad Type" })).toThrow(/must match/);
    expect(() => new ActionRegistry().register(echo).register(echo)).toThrow(/already registered/);
    expect(() =>
      new ActionRegistry().register({ ...echo, paramsSchema: { type: "object", properties: {} } }),
    ).toThrow(/additionalProperties/);
  });
});
