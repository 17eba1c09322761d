import { resolve } from "node:path";
import type { ActionRegistry } from "../../../actions/registry.js";
import {
  existingFiles,
  packageVersion,
  projectFiles,
  shippedWorkflow,
  writeProjectFiles,
} from "../../init/index.js";
import { parse, UsageError } from "../args.js";
import { type CliIo, EXIT, type ExitCode } from "../io.js";
import { SCHEMA_KINDS, schemaText } from "./schema.js";

export const initHelp = `Usage: rulebridge init [dir] [--force]

Scaffolds a rules repository in dir (default: the current folder):
  rules/<example>.yaml            an example rule (with the editor schema comment)
  rules/<example>.test.yaml       its fixture cases (they pass \`rulebridge test\`)
  rules/rule.schema.json          the editor schemas, as \`rulebridge schema --write rules\` writes them:
  rules/fixture.schema.json       rules, fixture files and rulebridge.yaml (each file's first line
  rules/settings.schema.json      points its editor at one)
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

export async function initCommand(
  argv: readonly string[],
  io: CliIo,
  registry: ActionRegistry,
): Promise<ExitCode> {
  const { values, positionals } = parse(argv, {
    force: { type: "boolean" },
    help: { type: "boolean", short: "h" },
  });
  if (values.help) {
    io.stdout(initHelp);
    return EXIT.ok;
  }
  if (positionals.length > 1) throw new UsageError(`unexpected argument "${positionals[1]}"`);
  const dir = resolve(io.cwd, positionals[0] ?? ".");
  const files = projectFiles({
    dir,
    version: packageVersion(),
    schemas: Object.fromEntries(SCHEMA_KINDS.map((k) => [k, schemaText(registry, k)])) as Record<
      (typeof SCHEMA_KINDS)[number],
      string
    >,
    workflow: shippedWorkflow(),
  });
  const existing = existingFiles(dir, files);
  if (existing.length > 0 && !values.force) {
    for (const path of existing) {
      io.stderr(`rulebridge init: ${resolve(dir, path)} already exists; not overwriting it (use --force)\n`);
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
}
