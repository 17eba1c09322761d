/**
 * What a function that loads its rules from YAML files builds once per cold start (the engine);
 * the services and the store come from services.ts (re-exported here for existing callers).
 */
import type { ActionRegistry } from "../engine/action/registry.js";
import { Engine } from "../engine/engine.js";
import { formatProblem, type Problem } from "../engine/problem.js";
import { loadRuleSet } from "../engine/rule-set.js";

export { defaultServices, IDEMPOTENCY_TABLE_ENV, storeFromEnv } from "./services.js";

/** Rule files with errors: the function must not start half-configured. */
export class RuleLoadError extends Error {
  override readonly name = "RuleLoadError";

  constructor(readonly problems: readonly Problem[]) {
    const lines = problems.map(formatProblem);
    super(`rulebridge: ${problems.length} error(s) in rule files:\n${lines.join("\n")}`);
  }
}

/**
 * Loads and compiles the rules for the handler. Unlike `rulebridge run`, which reports bad rules
 * and carries on with the good ones, a deployed function refuses to start: silently skipping a
 * rule in production would drop its events without anyone noticing. Also fails when no rule file
 * is found at all (a wrong RULEBRIDGE_RULES_DIR would otherwise look like "nothing matched").
 */
export async function loadEngine(
  paths: readonly string[],
  registry: ActionRegistry,
  cwd: string = process.cwd(),
): Promise<{ engine: Engine; warnings: Problem[] }> {
  const set = await loadRuleSet(paths, registry, cwd);
  const errors = set.problems.filter((p) => p.severity === "error");
  if (errors.length > 0) throw new RuleLoadError(errors);
  if (set.files.length === 0) {
    throw new Error(`rulebridge: no rule files found in ${paths.join(", ")} (cwd ${cwd})`);
  }
  return { engine: new Engine(set.rules), warnings: set.problems.filter((p) => p.severity === "warning") };
}
