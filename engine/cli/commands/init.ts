import { resolve } from "node:path";
import { registerBuiltins } from "../../../actions/builtins.js";
import { ActionRegistry } from "../../../actions/registry.js";
import {
  existingFiles,
  packageVersion,
  projectFiles,
  shippedWorkflow,
  writeProjectFiles,
} from "../../init/index.js";
import { UsageError } from "../args.js";
import { defineCommand } from "../command.js";
import { EXIT } from "../io.js";
import { schemaText } from "./schema.js";

export const initHelp = `Usage: rulebridge init [dir] [--force]

Scaffolds a rules repository in dir (default: the current folder):
  rules/<example>.yaml            an example rule (with the editor schema comment)
  rules/<example>.test.yaml       its fixture cases (they pass \`rulebridge test\`)
  rules/rule.schema.json          the rule JSON Schema, as \`rulebridge schema\` prints it
  rulebridge.yaml                 deploy settings
  .github/workflows/rulebridge.yml  CI: check, test and synth (examples/github-workflow.yml)
  package.json                    pins this rulebridge version as a devDependency
  README.md, .gitignore

Existing files are never overwritten unless --force is given; nothing is written then.

Options:
  --force      overwrite files that already exist
  -h, --help   this help

Exit: 0 created, 2 usage error or a file already exists.
`;

export const command = defineCommand({
  name: "init",
  help: initHelp,
  options: { force: { type: "boolean" } },
  positionals: true,
  async run({ values, positionals, io }) {
    if (positionals.length > 1) throw new UsageError(`unexpected argument "${positionals[1]}"`);
    const dir = resolve(io.cwd, positionals[0] ?? ".");
    const files = projectFiles({
      dir,
      version: packageVersion(),
      schema: schemaText(registerBuiltins(new ActionRegistry())),
      workflow: shippedWorkflow(),
    });
    const existing = existingFiles(dir, files);
    if (existing.length > 0 && !values.force) {
      for (const path of existing) {
        io.stderr(
          `rulebridge init: ${resolve(dir, path)} already exists; not overwriting it (use --force)\n`,
        );
      }
      io.stderr("nothing written\n");
      return EXIT.usage;
    }
    await writeProjectFiles(dir, files);
    const overwritten = new Set(existing);
    for (const file of files)
      io.stdout(`${overwritten.has(file.path) ? "overwrote" : "created"} ${file.path}\n`);
    const cd = positionals[0] === undefined ? "" : `cd ${positionals[0]} && `;
    io.stdout(
      `\nNext: ${cd}npm install && npx rulebridge check && npx rulebridge test\n` +
        "(commit package-lock.json too: the workflow installs with npm ci)\n",
    );
    return EXIT.ok;
  },
});
