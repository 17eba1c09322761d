import type { ActionRegistry } from "./action/registry.js";
import { type CompiledRule, compileRule } from "./compile/rule-compiler.js";
import type { RuleSource } from "./load/rule-file.js";
import { loadRuleFiles } from "./load/rule-files.js";
import type { Problem } from "./problem.js";
import { buildRuleSchema } from "./schema/rule-schema.js";
import { SchemaValidator } from "./schema/schema-validator.js";

export interface RuleSet {
  /** Rules without errors, compiled; rules with errors are left out and reported in `problems`. */
  rules: CompiledRule[];
  /** Every problem found, errors and warnings, in file order. */
  problems: Problem[];
  files: string[];
}

/** Per registry, validators by the action branches they hold (undefined: all). */
const validators = new WeakMap<ActionRegistry, Map<string | undefined, SchemaValidator>>();

/** A validator for `sources`: one compiled with only the action branches they can reach. */
function validatorFor(registry: ActionRegistry, sources: readonly RuleSource[]): SchemaValidator {
  let byBranches = validators.get(registry);
  if (!byBranches) {
    byBranches = new Map();
    validators.set(registry, byBranches);
    // The build precompiles the whole schema of the built-in actions: then nothing is compiled.
    const schema = buildRuleSchema(registry);
    if (SchemaValidator.isPrecompiled(schema)) byBranches.set(undefined, new SchemaValidator(schema));
  }
  // A validator of the whole schema validates any documents alike: precompiled, or compiled already.
  const whole = byBranches.get(undefined);
  if (whole) return whole;
  const only = actionBranches(registry, sources);
  const key = only && [...only].sort().join(",");
  let v = byBranches.get(key);
  if (!v) {
    v = new SchemaValidator(buildRuleSchema(registry, only));
    byBranches.set(key, v);
  }
  return v;
}

/**
 * The action types whose schema branch (`if` type is T `then` T's params) holds for some action
 * of these documents: the registered types they name. An action that is not a mapping satisfies
 * every branch's `if` (`properties` and `required` hold for non-objects), so then all: undefined.
 */
function actionBranches(registry: ActionRegistry, sources: readonly RuleSource[]): Set<string> | undefined {
  const types = new Set<string>();
  for (const { value } of sources) {
    const actions = (value as { actions?: unknown }).actions;
    if (!Array.isArray(actions)) continue;
    for (const action of actions) {
      if (action === null || typeof action !== "object" || Array.isArray(action)) return undefined;
      const type = (action as { type?: unknown }).type;
      if (typeof type === "string" && registry.has(type)) types.add(type);
    }
  }
  return types;
}

/** Validates and compiles parsed rule documents; collects every problem in one pass. */
export function compileSources(
  sources: readonly RuleSource[],
  registry: ActionRegistry,
): Omit<RuleSet, "files"> {
  const validator = validatorFor(registry, sources);
  const problems: Problem[] = [];
  const rules: CompiledRule[] = [];
  const names = new Map<string, RuleSource>();
  for (const source of sources) {
    const schemaProblems = validator.validate(source);
    const { rule, problems: sink } = compileRule(source, registry, schemaProblems.length === 0);
    const name = (source.value as { name?: unknown }).name;
    if (typeof name === "string") {
      const first = names.get(name);
      if (first) {
        const at = first.map.locate(["name"]);
        sink.add(
          "DUPLICATE_RULE_NAME",
          ["name"],
          `rule name \`${name}\` is already used at ${first.file}:${at.line}`,
        );
      } else {
        names.set(name, source);
      }
    }
    problems.push(...dedupe([...schemaProblems, ...sink.problems]));
    if (rule && !sink.hasErrors) rules.push(rule);
  }
  return { rules, problems };
}

/** Loads rule files and folders from disk, then validates and compiles them. */
export async function loadRuleSet(
  paths: readonly string[],
  registry: ActionRegistry,
  cwd: string = process.cwd(),
): Promise<RuleSet> {
  const loaded = await loadRuleFiles(paths, cwd);
  const compiled = compileSources(loaded.sources, registry);
  return {
    files: loaded.files,
    rules: compiled.rules,
    problems: sortProblems([...loaded.problems, ...compiled.problems]),
  };
}

/**
 * One node can break several checks; a clear-text secret explains a schema type error at the
 * same spot better than the type error does, so more specific codes win at a position.
 */
function dedupe(problems: Problem[]): Problem[] {
  const out: Problem[] = [];
  const secretAt = new Set(
    problems.filter((p) => p.code === "PLAINTEXT_SECRET").map((p) => `${p.line}:${p.col}`),
  );
  const seen = new Set<string>();
  for (const p of problems) {
    if (p.code.startsWith("SCHEMA_") && secretAt.has(`${p.line}:${p.col}`)) continue;
    const key = `${p.code}:${p.line}:${p.col}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(p);
  }
  return out;
}

export function sortProblems(problems: Problem[]): Problem[] {
  return [...problems].sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.col - b.col);
}
