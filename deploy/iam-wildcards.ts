import type { CompiledRule } from "../engine/compile/rule-compiler.js";
import type { Problem } from "../engine/problem.js";

/**
 * Statements that grant `Resource: *` with no `why`, from any action, built-in or a project's:
 * synth refuses them, since the role would carry a wildcard nobody can justify in review (and
 * cdk-nag's acknowledgement needs the reason). A `*` inside an ARN (account, region) is scoped
 * by service and resource type, and keeps the generic reason.
 */
export function unexplainedWildcards(rules: readonly CompiledRule[]): Problem[] {
  const problems: Problem[] = [];
  for (const rule of rules) {
    for (const action of rule.actions) {
      for (const statement of action.definition.iam(action.params)) {
        if (!statement.resources.includes("*") || statement.why) continue;
        problems.push({
          code: "IAM_WILDCARD_UNEXPLAINED",
          severity: "error",
          file: rule.file,
          line: rule.line,
          col: 1,
          message: `rule ${rule.name}, actions[${action.index}] (${action.type}): its IAM statement for ${statement.actions.join(", ")} grants Resource * without a \`why\``,
        });
      }
    }
  }
  return problems;
}
