import { createRequire } from "node:module";
import type { Ajv2020, ValidateFunction } from "ajv/dist/2020.js";

/**
 * Validators the build compiled ahead of time (ajv's standalone code), one CommonJS module per
 * schema under dist/engine/schema/precompiled/, named by the hash of the schema's JSON. A command
 * then loads the few kilobytes of its validators instead of ajv, its meta-schema and a compile.
 * Sources run without a build (tests) and schemas the build did not know (a project's own action
 * types) find none and are compiled as before.
 */
export const PRECOMPILED_FOLDER = "precompiled";

let required: NodeJS.Require | undefined;

/** Made on first use, not at import: bundles of the engine that never validate need no `import.meta.url`. */
function require(id: string): unknown {
  required ??= createRequire(import.meta.url);
  return required(id);
}

/** The module name of a schema, from its JSON as SchemaValidator compiles it. */
export function precompiledName(schemaJson: string): string {
  // Loaded here, not with `import "rulebridge"`: only validating needs it.
  const { createHash } = require("node:crypto") as typeof import("node:crypto");
  return `${createHash("sha256").update(schemaJson).digest("hex").slice(0, 32)}.cjs`;
}

/** The build's validator for a schema (its JSON), or undefined when there is none. */
export function precompiledValidator(schemaJson: string): ValidateFunction | undefined {
  try {
    return require(`./${PRECOMPILED_FOLDER}/${precompiledName(schemaJson)}`) as ValidateFunction;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "MODULE_NOT_FOUND") return undefined;
    throw err;
  }
}

/** The standalone module of `schema` compiled by `ajv` (built with `code: { source: true }`). */
export function standaloneValidatorCode(ajv: Ajv2020, schema: object): string {
  const standalone = require("ajv/dist/standalone/index.js") as typeof import("ajv/dist/standalone/index.js");
  return standalone.default(ajv, ajv.compile(schema));
}
