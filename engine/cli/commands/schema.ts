import type { ActionRegistry } from "../../../actions/registry.js";
import { buildRuleSchema } from "../../schema/rule-schema.js";
import { parse } from "../args.js";
import { type CliIo, EXIT, type ExitCode } from "../io.js";

export const schemaHelp = `Usage: rulebridge schema

Prints the JSON Schema for rule files: the core format plus every registered action's params.
The same schema is committed as rules/rule.schema.json for editors
(# yaml-language-server: $schema=./rule.schema.json).
`;

export function schemaText(registry: ActionRegistry): string {
  return `${JSON.stringify(buildRuleSchema(registry), null, 2)}\n`;
}

export async function schemaCommand(
  argv: readonly string[],
  io: CliIo,
  registry: ActionRegistry,
): Promise<ExitCode> {
  const { values } = parse(argv, { help: { type: "boolean", short: "h" } });
  io.stdout(values.help ? schemaHelp : schemaText(registry));
  return EXIT.ok;
}
