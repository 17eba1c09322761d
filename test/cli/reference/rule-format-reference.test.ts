import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { registerBuiltins } from "../../../actions/builtins.js";
import { RULE_EXAMPLES } from "../../../cli/reference/rule-examples.js";
import { ruleFormatReference } from "../../../cli/reference/rule-format-reference.js";
import { schemaFields } from "../../../cli/reference/schema-fields.js";
import { ActionRegistry } from "../../../engine/action/registry.js";
import { buildRuleSchema } from "../../../engine/schema/rule-schema.js";
import { checkRuleTexts } from "./check-clean.js";

const registry = registerBuiltins(new ActionRegistry());
const markdown = ruleFormatReference(registry);
const fields = schemaFields(buildRuleSchema(registry));

/** Paths a value has, in the same notation as schemaFields (`<key>` for map entries, `[]` for items). */
function valuePaths(value: unknown, path = "", mapAt: ReadonlySet<string> = new Set()): string[] {
  if (Array.isArray(value)) return value.flatMap((item) => valuePaths(item, `${path}[]`, mapAt));
  if (value === null || typeof value !== "object" || path === "on.pattern" || path === "when") return [];
  return Object.entries(value).flatMap(([key, child]) => {
    const step = mapAt.has(path) ? "<key>" : key;
    const childPath = path === "" ? step : `${path}.${step}`;
    return [childPath, ...valuePaths(child, childPath, mapAt)];
  });
}

describe("rule-format.md", () => {
  it("has a row for every field of the rule schema", () => {
    expect(fields.map((f) => f.path)).toEqual(
      expect.arrayContaining(["name", "on.alarm.period", "on.alarm.dimensions.<key>", "actions[].type"]),
    );
    for (const field of fields) expect(markdown).toContain(`| \`${field.path}\` |`);
  });

  it("states defaults and allowed values from the schema", () => {
    expect(markdown).toMatch(/\| `enabled` \| boolean \| no \| `true` \|/);
    expect(markdown).toMatch(/\| `on.alarm.states` \| array of string \| no \| `\["ALARM"\]` \|/);
    expect(markdown).toContain("One of `breaching`, `notBreaching`, `ignore`, `missing`.");
    expect(markdown).toContain("Exactly one of `pattern`, `alarm`.");
  });

  it.each(RULE_EXAMPLES)("example $title passes rulebridge check", ({ file, yaml }) => {
    expect(markdown).toContain(yaml);
    expect(checkRuleTexts({ [file]: yaml }, registry)).toEqual([]);
  });

  it("examples use every core field (statistic and extendedStatistic exclude each other)", () => {
    const mapAt = new Set(["on.alarm.dimensions"]);
    const used = new Set(RULE_EXAMPLES.flatMap((e) => valuePaths(parse(e.yaml), "", mapAt)));
    const unused = fields
      .map((f) => f.path)
      .filter((p) => !used.has(p) && p !== "on.alarm.extendedStatistic");
    expect(unused).toEqual([]);
  });
});
