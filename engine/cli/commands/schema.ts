import { writeFile } from "node:fs/promises";
import { join, relative } from "node:path";
import type { ActionRegistry } from "../../../actions/registry.js";
import { buildRuleSchema } from "../../schema/rule-schema.js";
import { defineCommand } from "../command.js";
import { EXIT } from "../io.js";

export const schemaHelp = `Usage: rulebridge schema [--write] [--settings FILE]

Prints the JSON Schema for rule files: the core format plus the params of every action the
project has — the built-ins and the project's own (\`actions:\` in rulebridge.yaml).
Editors read it as rules/rule.schema.json (# yaml-language-server: $schema=./rule.schema.json).

Options:
  --write            write it to the project's rules folder (rules/rule.schema.json) instead,
                     so completion knows the project's own actions
  --settings FILE    project settings (default: the nearest rulebridge.yaml)
  -h, --help         this help

Exit: 0 printed or written, 2 usage error or a project with errors.
`;

/** File name of the editor schema inside a rules folder. */
export const RULE_SCHEMA_FILE = "rule.schema.json";

export function schemaText(registry: ActionRegistry): string {
  return `${JSON.stringify(buildRuleSchema(registry), null, 2)}\n`;
}

export const command = defineCommand({
  name: "schema",
  help: schemaHelp,
  options: { write: { type: "boolean" } },
  project: "require",
  async run({ values, io, project }) {
    const p = project!;
    const text = schemaText(p.registry);
    if (!values.write) {
      io.stdout(text);
      return EXIT.ok;
    }
    const file = join(p.rulesDir, RULE_SCHEMA_FILE);
    await writeFile(file, text);
    io.stdout(`${relative(io.cwd, file) || file}\n`);
    return EXIT.ok;
  },
});
