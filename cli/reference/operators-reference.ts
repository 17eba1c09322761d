import { compilePattern, PARITY_DIFFERENCES } from "../../engine/pattern/index.js";
import {
  fencedBlock,
  generatedBanner,
  headingAnchor,
  inlineCode,
  jsonInline,
  markdownTable,
} from "./markdown.js";
import { OPERATOR_EXAMPLES, type OperatorExample } from "./operator-examples.js";

const PARITY_PAGE = "../eventbridge-parity.md";

export interface OperatorResult {
  event: Record<string, unknown>;
  matches: boolean;
}

/**
 * Each event of an example with what the real matcher says about it. Throws when the pattern is
 * invalid or the example does not show both a match and a non-match.
 */
export function operatorResults(example: OperatorExample): OperatorResult[] {
  const compiled = compilePattern(example.pattern);
  const results = example.events.map((event) => ({ event, matches: compiled.matches(event) }));
  if (!results.some((r) => r.matches) || results.every((r) => r.matches)) {
    throw new Error(`operator example "${example.operator}" must show a matching and a non-matching event`);
  }
  return results;
}

function parityCell(example: OperatorExample): string {
  const ids = example.parity ?? [];
  for (const id of ids) {
    if (!PARITY_DIFFERENCES.some((d) => d.id === id)) {
      throw new Error(`operator example "${example.operator}" names unknown parity difference "${id}"`);
    }
  }
  if (ids.length === 0) return "as event-ruler";
  const links = ids.map((id) => `[${inlineCode(id)}](#${headingAnchor(id)})`).join(", ");
  return `as event-ruler, except ${links}`;
}

function exampleSection(example: OperatorExample): string {
  const rows = operatorResults(example).map(({ event, matches }) => [
    jsonInline(event),
    matches ? "**matches**" : "no match",
  ]);
  return `### ${example.operator}

${example.note}

${fencedBlock("json", JSON.stringify(example.pattern))}

${markdownTable(["Event", "Result"], rows)}`;
}

/** docs/reference/operators.md: every supported pattern operator, with computed examples. */
export function operatorsReference(): string {
  const summary = markdownTable(
    ["Operator", "Syntax", "Parity with EventBridge"],
    OPERATOR_EXAMPLES.map((e) => [
      `[${e.operator}](#${headingAnchor(e.operator)})`,
      inlineCode(e.syntax),
      parityCell(e),
    ]),
  );
  const differences = PARITY_DIFFERENCES.map(
    (d) =>
      `### ${d.id}\n\n${d.description}\n\nSources: [EventBridge parity](${PARITY_PAGE}#deliberate-differences).`,
  ).join("\n\n");
  return `${generatedBanner("cli/reference/operator-examples.ts, matched by engine/pattern")}

# Event pattern operators

\`on.pattern\` is an EventBridge event pattern with AWS's syntax and semantics. Every result below
was computed by rulebridge's matcher (\`engine/pattern\`) when this page was generated; the
matcher is tested against AWS's own, [event-ruler](https://github.com/aws/event-ruler), on the
reference cases, the AWS documentation's examples and generated pairs. \`rulebridge test-pattern
--pattern P --event E\` answers the same question for your own pattern and event.

Fields of a pattern AND together, the values listed for a field OR together, and a pattern field
matches only leaf values of the event (strings, numbers, booleans, null). Validation rules and
edge cases (numbers, case folding, limits) are in [EventBridge parity](${PARITY_PAGE}). The parity
column says where rulebridge deliberately answers differently from event-ruler, AWS's matcher,
because the EventBridge documentation says so (see [below](#parity-with-eventbridge)); remaining
known gaps are listed [on the parity page](${PARITY_PAGE}#known-gaps).

${summary}

## Examples

${OPERATOR_EXAMPLES.map(exampleSection).join("\n\n")}

## Parity with EventBridge

rulebridge follows event-ruler except where the EventBridge documentation says the service behaves
otherwise; then it gives the documented answer. These are the deliberate differences
(\`PARITY_DIFFERENCES\`); [the parity page](${PARITY_PAGE}#deliberate-differences) quotes the
documentation for each.

${differences}
`;
}
