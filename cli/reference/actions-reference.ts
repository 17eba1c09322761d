import type { ActionRegistry } from "../../engine/action/registry.js";
import type { ActionDefinition, IamStatement } from "../../engine/action/types.js";
import { exampleRuleYaml } from "./action-example-rule.js";
import { type ActionSample, actionSamples } from "./action-samples.js";
import { fieldRow } from "./field-row.js";
import { fencedBlock, generatedBanner, headingAnchor, inlineCode, markdownTable } from "./markdown.js";
import { sentences } from "./schema-constraints.js";
import { type SchemaField, schemaFields } from "./schema-fields.js";

/** docs/reference/actions.md: every registered action, its params, its IAM for sample params, examples. */
export function actionsReference(registry: ActionRegistry): string {
  const actions = registry.all();
  const summary = markdownTable(
    ["Action", "What it does"],
    actions.map((a) => [`[${inlineCode(a.type)}](#${headingAnchor(a.type)})`, a.description]),
  );
  return `${generatedBanner("the action registry (actions/)")}

# Actions

An action is one entry of a rule's \`actions\` list: \`type\` names it, its params sit beside it.
Params are checked against the action's schema (merged into
[\`rules/rule.schema.json\`](../../rules/rule.schema.json)) and by the action itself. Every string
value of a param is a [template](../templates-and-conditions.md) over \`event\`, \`rule\`, \`now\`
(and \`alarm\` for alarm rules); a *deferred* param is rendered later, once the action has fetched
what it adds to the context. A *secret* param says where a secret is, never the secret itself, and
is redacted from logs and results. The IAM shown is what each action declares for the sample params
(deploy grants exactly that); \`*\` inside an ARN stands for what the rule leaves open (account,
a templated part), and a whole \`Resource: *\` always comes with its reason.

${summary}

${actions.map(actionSection).join("\n\n")}
`;
}

function actionSection(action: ActionDefinition): string {
  const schemaDescription = action.paramsSchema.description;
  const intro = [action.description];
  if (typeof schemaDescription === "string" && schemaDescription !== action.description) {
    intro.push(schemaDescription);
  }
  const rows = schemaFields(action.paramsSchema).map((field) => paramRow(action, field));
  const samples = actionSamples(action)
    .map((sample, i) => sampleSection(action, sample, i))
    .join("\n\n");
  return `## ${action.type}

${intro.join("\n\n")}

### Params

${markdownTable(["Param", "Type", "Required", "Default", "Template", "Description"], rows)}

### Examples and IAM

${samples}`;
}

function paramRow(action: ActionDefinition, field: SchemaField): string[] {
  const top = field.path.split(/[.[]/)[0] ?? field.path;
  const fallback = field.path === top ? action.defaults?.[top] : undefined;
  const [path, type, required, defaultValue, description] = fieldRow(field, field.defaultValue ?? fallback);
  const form = field.form === undefined ? undefined : `In the form “${field.form}”.`;
  return [
    path!,
    type!,
    required!,
    defaultValue!,
    templating(action, field, top),
    sentences([form, description]),
  ];
}

/** Whether the value is rendered as a template, when, and whether it refers to a secret. */
function templating(action: ActionDefinition, field: SchemaField, top: string): string {
  const notes: string[] = [];
  const fixed = field.constraints.some((c) => c.startsWith("always ") || c.startsWith("one of "));
  const holdsStrings =
    !fixed && !/^(boolean|integer|number)( or (boolean|integer|number))*$/.test(field.type);
  const deferred = action.deferredParams?.[top];
  if (holdsStrings) {
    notes.push(deferred ? `deferred: also sees ${deferred.map((r) => inlineCode(r)).join(", ")}` : "yes");
  } else {
    notes.push("no");
  }
  if (action.secretParams?.includes(top)) notes.push("secret reference, redacted");
  return notes.join("; ");
}

function sampleSection(action: ActionDefinition, sample: ActionSample, index: number): string {
  const params = { ...(action.defaults ?? {}), ...sample.params };
  const statements = action.iam(params);
  const iam =
    statements.length === 0
      ? "IAM: none (nothing here calls AWS)."
      : `IAM:\n\n${markdownTable(["Actions", "Resources", "Conditions", "Why"], statements.map(statementRow))}`;
  const note = sample.synthesized
    ? "\n\n_Made up from the params schema's examples; the action documents no sample of its own._"
    : "";
  return `#### ${sample.title}${note}

${fencedBlock("yaml", exampleRuleYaml(action, sample, index))}

${iam}`;
}

function statementRow(statement: IamStatement): string[] {
  const wildcard = statement.resources.includes("*");
  const why = statement.why ?? (wildcard ? "no reason declared" : "");
  return [
    statement.actions.map((a) => inlineCode(a)).join(", "),
    statement.resources.map((r) => inlineCode(r)).join(", "),
    statement.conditions ? inlineCode(JSON.stringify(statement.conditions)) : "",
    wildcard ? `**Resource \`*\`:** ${why}` : why,
  ];
}
