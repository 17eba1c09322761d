#!/usr/bin/env node
// Writes the standalone validators of the schemas every command validates with (settings, the
// rule schema of the built-in actions, fixture cases) into dist/engine/schema/precompiled/, so a
// command loads them instead of compiling them with ajv (engine/schema/standalone-validators.ts).
// Run by scripts/build.mjs after tsc; reads the freshly built dist/.
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const dist = (path) => import(pathToFileURL(join(root, "dist", path)).href);

const { SchemaValidator } = await dist("engine/schema/schema-validator.js");
const { PRECOMPILED_FOLDER } = await dist("engine/schema/standalone-validators.js");
const { buildRuleSchema } = await dist("engine/schema/rule-schema.js");
const { fixtureCaseSchema } = await dist("engine/schema/fixture-case.js");
const { ActionRegistry } = await dist("engine/action/registry.js");
const { registerBuiltins } = await dist("actions/builtins.js");
const { SETTINGS_SCHEMA } = await dist("deploy/settings-schema.js");

const folder = join(root, "dist", "engine", "schema", PRECOMPILED_FOLDER);
rmSync(folder, { recursive: true, force: true });
mkdirSync(folder, { recursive: true });
const schemas = [SETTINGS_SCHEMA, buildRuleSchema(registerBuiltins(new ActionRegistry())), fixtureCaseSchema];
for (const schema of schemas) {
  const { name, code } = SchemaValidator.standaloneModule(schema);
  writeFileSync(join(folder, name), code);
}
