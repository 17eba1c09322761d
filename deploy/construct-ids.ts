import type { CompiledRule } from "../engine/compile/rule-compiler.js";

/**
 * Construct id of a rule's resources, from its name only: `ecs-events-to-opensearch` →
 * `EcsEventsToOpensearch`. CloudFormation logical ids derive from the construct path, so a
 * rule keeps its resources across syntheses, and removing or renaming it removes exactly them.
 */
export function ruleConstructId(name: string): string {
  return name
    .split("-")
    .filter((part) => part !== "")
    .map((part) => part[0]!.toUpperCase() + part.slice(1))
    .join("");
}

/**
 * Rule names are unique, but two can map to one id (`a-1` and `a1` → `A1`): refuse rather than
 * let one rule's resources silently replace the other's.
 */
export function ruleConstructIds(rules: readonly CompiledRule[]): Map<string, string> {
  const ids = new Map<string, string>();
  const owners = new Map<string, string>();
  for (const rule of rules) {
    const id = ruleConstructId(rule.name);
    const other = owners.get(id);
    if (other !== undefined) {
      throw new Error(
        `rulebridge: rules \`${other}\` and \`${rule.name}\` would share CloudFormation ids (${id}); rename one`,
      );
    }
    owners.set(id, rule.name);
    ids.set(rule.name, id);
  }
  return ids;
}
