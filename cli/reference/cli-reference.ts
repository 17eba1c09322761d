import { mainHelp } from "../cli.js";
import { COMMAND_LIST } from "../commands/index.js";
import { fencedBlock, generatedBanner, headingAnchor, inlineCode } from "./markdown.js";

/** Every command's `--help`, by name (loads each command). */
export async function commandHelps(): Promise<Record<string, string>> {
  const helps: Record<string, string> = {};
  for (const entry of COMMAND_LIST) helps[entry.name] = (await entry.load()).help;
  return helps;
}

/** docs/reference/cli.md: `rulebridge --help` and every command's `--help`, from the CLI's own table. */
export function cliReference(helps: Readonly<Record<string, string>>): string {
  const names = Object.keys(helps).sort();
  const index = names.map(
    (name) => `- [${inlineCode(`rulebridge ${name}`)}](#${headingAnchor(`rulebridge ${name}`)})`,
  );
  const sections = names.map((name) => `## rulebridge ${name}\n\n${fencedBlock("text", helps[name]!)}`);
  return `${generatedBanner("the CLI's help texts (cli)")}

# Command line

The text each command prints for \`--help\`.

${index.join("\n")}

## rulebridge

${fencedBlock("text", mainHelp())}

${sections.join("\n\n")}
`;
}
