import { mkdir, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { SETTINGS_SCHEMA } from "../../deploy/settings-schema.js";
import type { ActionRegistry } from "../../engine/action/registry.js";
import { buildFixtureFileSchema, toEditorSchema } from "../../engine/schema/editor-schema.js";
import { buildRuleSchema } from "../../engine/schema/rule-schema.js";
import { UsageError } from "../args.js";
import { defineCommand } from "../command.js";
import { EXIT } from "../io.js";

export const schemaHelp = `Usage: rulebridge schema [rule|fixture|settings] [--write DIR]

Prints a JSON Schema, in draft-07 (what editors' YAML language servers read):
  rule       rule files: the core format plus the params of every action the project has,
             the built-ins and its own (\`actions:\` in rulebridge.yaml) (default)
  fixture    fixture files (<rule>.test.yaml): a case or a list of cases
  settings   rulebridge.yaml
The three are committed in rules/ (rule.schema.json, fixture.schema.json, settings.schema.json);
a file's first line points its editor at one:
  # yaml-language-server: $schema=./rule.schema.json

Options:
  --write DIR        write all three into DIR instead of printing one (\`--write rules\` refreshes
                     a project's, so editors complete its own actions too)
  --settings FILE    project settings (default: the nearest rulebridge.yaml)
  -h, --help         this help
`;

export type SchemaKind = "rule" | "fixture" | "settings";
export const SCHEMA_KINDS: readonly SchemaKind[] = ["rule", "fixture", "settings"];

/** The editor schema of one kind, as text. */
export function schemaText(registry: ActionRegistry, kind: SchemaKind = "rule"): string {
  const schema =
    kind === "rule"
      ? buildRuleSchema(registry)
      : kind === "fixture"
        ? buildFixtureFileSchema()
        : SETTINGS_SCHEMA;
  return `${JSON.stringify(toEditorSchema(schema), null, 2)}\n`;
}

/** File name of each editor schema (in rules/ of a project). */
export function schemaFileName(kind: SchemaKind): string {
  return `${kind}.schema.json`;
}

export const command = defineCommand({
  name: "schema",
  help: schemaHelp,
  options: { write: { type: "string" } },
  positionals: true,
  project: "require",
  async run({ values, positionals, io, project }) {
    const registry = project!.registry;
    if (positionals.length > 1) throw new UsageError(`unexpected argument "${positionals[1]}"`);
    const kind = positionals[0] ?? "rule";
    if (!(SCHEMA_KINDS as readonly string[]).includes(kind)) {
      throw new UsageError(`schema kind must be one of: ${SCHEMA_KINDS.join(", ")} (got "${kind}")`);
    }
    if (values.write === undefined) {
      io.stdout(schemaText(registry, kind as SchemaKind));
      return EXIT.ok;
    }
    if (positionals.length > 0) throw new UsageError("--write writes all three schemas; give no kind");
    const dir = resolve(io.cwd, values.write);
    await mkdir(dir, { recursive: true });
    for (const k of SCHEMA_KINDS) {
      await writeFile(join(dir, schemaFileName(k)), schemaText(registry, k));
      io.stdout(`wrote ${join(values.write, schemaFileName(k))}\n`);
    }
    return EXIT.ok;
  },
});
