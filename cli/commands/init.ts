import { existsSync, statSync } from "node:fs";
import { join, relative, resolve, sep } from "node:path";
import { registerBuiltins } from "../../actions/builtins.js";
import { ActionRegistry } from "../../engine/action/registry.js";
import { UsageError } from "../args.js";
import { defineCommand } from "../command.js";
import {
  existingFiles,
  packagePeers,
  packageVersion,
  projectFiles,
  shippedWorkflow,
  writeProjectFiles,
} from "../init/index.js";
import { EXIT } from "../io.js";
import { SCHEMA_KINDS, type SchemaKind, schemaText } from "./schema.js";

export const initHelp = `Usage: rulebridge init [dir] [--force] [--rulebridge SPEC]

Scaffolds a rules repository in dir (default: the current folder):
  rules/<example>.yaml            an example rule (with the editor schema comment)
  rules/<example>.test.yaml       its fixture cases (they pass \`rulebridge test\`)
  rules/rule.schema.json          the editor schemas, as \`rulebridge schema --write rules\` writes them:
  rules/fixture.schema.json       rules, fixture files and rulebridge.yaml (each file's first line
  rules/settings.schema.json      points its editor at one)
  rulebridge.yaml                 deploy settings
  .github/workflows/rulebridge.yml  CI: check, test and synth (examples/github-workflow.yml)
  package.json                    pins this rulebridge version as a devDependency (or SPEC)
  actions/README.md               where the project's own actions go (named in rulebridge.yaml)
  README.md, .gitignore

Existing files are never overwritten unless --force is given; nothing is written then.

Options:
  --force             overwrite files that already exist
  --rulebridge SPEC   what package.json installs rulebridge from, before it is on a registry:
                      a tarball made with \`npm pack\` or a checkout folder (written as a
                      file: path relative to dir), or any npm spec (default: this version)
  -h, --help          this help

Exit: 0 created, 2 usage error or a file already exists.
`;

export const command = defineCommand({
  name: "init",
  help: initHelp,
  options: { force: { type: "boolean" }, rulebridge: { type: "string" } },
  positionals: true,
  async run({ values, positionals, io }) {
    if (positionals.length > 1) throw new UsageError(`unexpected argument "${positionals[1]}"`);
    const dir = resolve(io.cwd, positionals[0] ?? ".");
    const files = projectFiles({
      dir,
      version: rulebridgeSpec(values.rulebridge, dir, io.cwd),
      peers: packagePeers(),
      schemas: builtinSchemas(),
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

/**
 * The devDependency spec: a tarball or checkout given as a path becomes a `file:` spec relative to
 * the new project, so the repository can be cloned anywhere; anything else is npm's to read.
 */
function rulebridgeSpec(given: string | undefined, dir: string, cwd: string): string {
  if (given === undefined) return packageVersion();
  if (given === "") throw new UsageError("--rulebridge needs a tarball, a folder or an npm spec");
  const looksLikePath = /^(\.{1,2}[\\/]|[\\/])/.test(given) || given.endsWith(".tgz");
  if (!looksLikePath) return given;
  const path = resolve(cwd, given);
  const stat = statSync(path, { throwIfNoEntry: false });
  if (!stat) throw new UsageError(`--rulebridge: ${given}: no such file or folder`);
  if (stat.isDirectory() && !existsSync(join(path, "package.json"))) {
    throw new UsageError(`--rulebridge: ${given} has no package.json`);
  }
  const rel = relative(dir, path).split(sep).join("/");
  return `file:${rel.startsWith(".") ? rel : `./${rel}`}`;
}

/** A new project has only the built-ins: its editor schemas say so. */
function builtinSchemas(): Record<SchemaKind, string> {
  const registry = registerBuiltins(new ActionRegistry());
  return Object.fromEntries(SCHEMA_KINDS.map((k) => [k, schemaText(registry, k)])) as Record<
    SchemaKind,
    string
  >;
}
