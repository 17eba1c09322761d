import { COMMANDS, mainHelp } from "../cli/cli.js";
import { fencedBlock, generatedBanner, headingAnchor, inlineCode } from "./markdown.js";

/** docs/reference/cli.md: `rulebridge --help` and every command's `--help`, from the CLI's own table. */
export function cliReference(): string {
  const names = Object.keys(COMMANDS).sort();
  const index = names.map(
    (name) => `- [${inlineCode(`rulebridge ${name}`)}](#${headingAnchor(`rulebridge ${name}`)})`,
  );
  const sections = names.map(
    (name) => `## rulebridge ${name}\n\n${fencedBlock("text", COMMANDS[name]!.help)}`,
  );
  return `${generatedBanner("the CLI's help texts (engine/cli)")}

# Command line

The text each command prints for \`--help\`.

${index.join("\n")}

## rulebridge

${fencedBlock("text", mainHelp)}

${sections.join("\n\n")}
`;
}
