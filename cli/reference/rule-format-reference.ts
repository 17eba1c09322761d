import type { ActionRegistry } from "../../engine/action/registry.js";
import { buildRuleSchema } from "../../engine/schema/rule-schema.js";
import { fieldRow } from "./field-row.js";
import { fencedBlock, generatedBanner, markdownTable } from "./markdown.js";
import { RULE_EXAMPLES } from "./rule-examples.js";
import { sentences } from "./schema-constraints.js";
import { schemaFields } from "./schema-fields.js";

/** Where a field's full story lives in another document. */
const SEE_ALSO: Readonly<Record<string, string>> = {
  "on.pattern": "Operators and examples: [operators.md](operators.md).",
  when: "Operators and context: [templates and conditions](../templates-and-conditions.md).",
  "actions[].type": "Each action's params sit beside `type`: [actions.md](actions.md).",
};

/** docs/reference/rule-format.md: every field of a rule file, from the rule schema. */
export function ruleFormatReference(registry: ActionRegistry): string {
  const schema = buildRuleSchema(registry);
  const rows = schemaFields(schema).map((field) => {
    const row = fieldRow(field);
    const see = SEE_ALSO[field.path];
    if (see) row[4] = sentences([row[4], see]);
    return row;
  });
  const examples = RULE_EXAMPLES.map(
    (example) => `### ${example.title}\n\n${fencedBlock("yaml", example.yaml)}`,
  ).join("\n\n");
  return `${generatedBanner("the rule schema (engine/schema/rule-schema.ts)")}

# Rule file format

One rule per YAML document; a file may hold several, separated by \`---\`. Unknown keys are
errors (\`SCHEMA_UNKNOWN_KEY\`). The same schema, with every registered action's params, is
[\`rules/rule.schema.json\`](../../rules/rule.schema.json) (also printed by \`rulebridge schema\`):
point the yaml-language-server at it for completion and hovers.

String values of action params are [templates](../templates-and-conditions.md); the \`when\`
condition is JSON Logic. Both see the context \`event\`, \`rule\`, \`now\`, and \`alarm\` for alarm
rules.

## Fields

${markdownTable(["Field", "Type", "Required", "Default", "Description"], rows)}

The keys of an action other than \`type\` are that action's params; see [actions.md](actions.md).

## Complete examples

${examples}
`;
}
