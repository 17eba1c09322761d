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

const validators = new WeakMap<ActionRegistry, SchemaValidator>();

function validatorFor(registry: ActionRegistry): SchemaValidator {
  let v = validators.get(registry);
  if (!v) {
    v = new SchemaValidator(buildRuleSchema(registry));
    validators.set(registry, v);
  }
  return v;
}

/** Validates and compiles parsed rule documents; collects every problem in one pass. */
export function compileSources(
  sources: readonly RuleSource[],
  registry: ActionRegistry,
): Omit<RuleSet, "files"> {
  const validator = validatorFor(registry);
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
