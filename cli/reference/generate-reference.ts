import type { ActionRegistry } from "../../engine/action/registry.js";
import { actionsReference } from "./actions-reference.js";
import { cliReference, commandHelps } from "./cli-reference.js";
import { operatorsReference } from "./operators-reference.js";
import { type ReferenceDocument, referenceIndex } from "./reference-index.js";
import { ruleFormatReference } from "./rule-format-reference.js";

/** Where the generated documents live, relative to the repository root. */
export const REFERENCE_DIR = "docs/reference";

/**
 * Every reference document, keyed by its path relative to docs/reference/. Pure and
 * deterministic: the same code and registry give byte-identical Markdown.
 */
export async function generateReference(registry: ActionRegistry): Promise<Record<string, string>> {
  const helps = await commandHelps();
  const documents: [ReferenceDocument, string][] = [
    [
      {
        file: "rule-format.md",
        title: "Rule file format",
        summary: "every field of a rule file, with complete examples",
      },
      ruleFormatReference(registry),
    ],
    [
      {
        file: "actions.md",
        title: "Actions",
        summary: "every registered action: params, the IAM it declares for sample params, example rules",
      },
      actionsReference(registry),
    ],
    [
      {
        file: "operators.md",
        title: "Event pattern operators",
        summary: "every EventBridge pattern operator with computed examples and parity notes",
      },
      operatorsReference(),
    ],
    [{ file: "cli.md", title: "Command line", summary: "every command's `--help`" }, cliReference(helps)],
  ];
  const files: Record<string, string> = { "README.md": referenceIndex(documents.map(([d]) => d)) };
  for (const [document, markdown] of documents) files[document.file] = markdown;
  return files;
}
