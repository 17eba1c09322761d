import { describe, expect, it } from "vitest";
import { jsonInline } from "../../../cli/reference/markdown.js";
import { OPERATOR_EXAMPLES, type OperatorExample } from "../../../cli/reference/operator-examples.js";
import { operatorResults, operatorsReference } from "../../../cli/reference/operators-reference.js";
import { matchPattern, PARITY_DIFFERENCES } from "../../../engine/pattern/index.js";

const markdown = operatorsReference();

function example(operator: string): OperatorExample {
  const found = OPERATOR_EXAMPLES.find((e) => e.operator === operator);
  if (!found) throw new Error(`no operator example "${operator}"`);
  return found;
}

/** Known answers, independent of the examples' own data: the matcher must agree with them. */
const known: [string, Record<string, unknown>, Record<string, unknown>, boolean][] = [
  ["prefix", { detail: { name: "abcd" } }, { detail: { name: [{ prefix: "abc" }] } }, true],
  ["prefix", { detail: { name: "xabc" } }, { detail: { name: [{ prefix: "abc" }] } }, false],
  ["suffix", { detail: { key: "photo.png" } }, { detail: { key: [{ suffix: ".png" }] } }, true],
  [
    "anything-but",
    { detail: {} },
    { detail: { state: [{ "anything-but": ["stopped", "terminated"] }] } },
    false,
  ],
  ["exists: true", { detail: { error: null } }, { detail: { error: [{ exists: true }] } }, true],
  ["numeric", { detail: { count: "3" } }, { detail: { count: [{ numeric: [">", 0, "<=", 5] }] } }, false],
];

describe("operators.md", () => {
  it.each(known)("%s: %j is %s", (operator, event, pattern, expected) => {
    const shown = operatorResults(example(operator)).find(
      (r) => JSON.stringify(r.event) === JSON.stringify(event),
    );
    expect(example(operator).pattern).toEqual(pattern);
    expect(shown?.matches).toBe(expected);
    expect(markdown).toContain(`| ${jsonInline(event)} | ${expected ? "**matches**" : "no match"} |`);
  });

  it.each(OPERATOR_EXAMPLES)("$operator: every result shown is the matcher's", (ex) => {
    for (const event of ex.events) {
      const result = matchPattern(ex.pattern, event) ? "**matches**" : "no match";
      expect(markdown).toContain(`| ${jsonInline(event).replace(/\|/g, "\\|")} | ${result} |`);
    }
  });

  it("covers every operator family", () => {
    const operators = OPERATOR_EXAMPLES.map((e) => JSON.stringify(e.pattern));
    const keys = [
      "exactly",
      "prefix",
      "suffix",
      "equals-ignore-case",
      "wildcard",
      "anything-but",
      "numeric",
      "cidr",
      "exists",
      "$or",
    ];
    for (const key of keys)
      expect(
        operators.some((p) => p.includes(`"${key}"`)),
        key,
      ).toBe(true);
  });

  it("links every parity difference to the parity page", () => {
    for (const { id } of PARITY_DIFFERENCES) expect(markdown).toContain(`### ${id}\n`);
    expect(markdown).toContain("](../eventbridge-parity.md#deliberate-differences)");
  });

  it("refuses an example that does not show both outcomes, or an unknown pattern", () => {
    const onlyMatches = { ...example("prefix"), events: [{ detail: { name: "abc" } }] };
    expect(() => operatorResults(onlyMatches)).toThrow(/matching and a non-matching/);
    const invalid = { ...example("prefix"), pattern: { detail: { name: [{ prefx: "abc" }] } } };
    expect(() => operatorResults(invalid)).toThrow();
  });
});
