import type { IamStatement } from "../engine/action/types.js";
import type { CompiledRule } from "../engine/compile/rule-compiler.js";

/** One statement of the engine's policy, with where it came from (for Sids and audit metadata). */
export interface EngineStatement {
  sid: string;
  actions: string[];
  resources: string[];
  conditions?: Record<string, Record<string, string | string[]>>;
  /** The actions' reasons for wildcards, deduplicated; empty when none was given. */
  whys: string[];
  /** `<rule>#<action index>` of every action that asked for it. */
  origins: string[];
}

/** Canonical JSON: object keys sorted, so equal statements compare equal whatever the key order. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

function sortConditions(
  conditions: NonNullable<IamStatement["conditions"]>,
): NonNullable<IamStatement["conditions"]> {
  const out: NonNullable<IamStatement["conditions"]> = {};
  for (const op of Object.keys(conditions).sort()) {
    const block = conditions[op]!;
    const sorted: Record<string, string | string[]> = {};
    for (const key of Object.keys(block).sort()) {
      const v = block[key]!;
      sorted[key] = Array.isArray(v) ? [...v].sort() : v;
    }
    out[op] = sorted;
  }
  return out;
}

/** `ec2:CreateTags` + `ec2:DescribeInstances` → `Ec2CreateTagsEc2DescribeInstances` (Sids are alphanumeric). */
function sidBase(actions: readonly string[]): string {
  const words = actions.join(" ").split(/[^A-Za-z0-9]+/);
  const sid = words
    .filter((w) => w !== "")
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join("");
  return sid.slice(0, 60) || "Statement";
}

/**
 * The statements every action of every rule declares through `iam(params)`, merged and ordered
 * deterministically: statements with the same actions and conditions become one with the union
 * of their resources (a `*` absorbs the rest), and the result is sorted by content so adding,
 * removing or reordering rules never reshuffles unrelated statements.
 */
export function actionStatements(rules: readonly CompiledRule[]): EngineStatement[] {
  const groups = new Map<string, EngineStatement>();
  for (const rule of rules) {
    for (const action of rule.actions) {
      for (const declared of action.definition.iam(action.params)) {
        const actions = [...new Set(declared.actions)].sort();
        const conditions = declared.conditions ? sortConditions(declared.conditions) : undefined;
        const key = canonical({ actions, conditions: conditions ?? null });
        let group = groups.get(key);
        if (!group) {
          group = { sid: "", actions, resources: [], whys: [], origins: [] };
          if (conditions) group.conditions = conditions;
          groups.set(key, group);
        }
        group.resources.push(...declared.resources);
        if (declared.why) group.whys.push(declared.why);
        group.origins.push(`${rule.name}#${action.index}`);
      }
    }
  }
  const statements = [...groups.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, s]) => {
      const resources = [...new Set(s.resources)].sort();
      return {
        ...s,
        resources: resources.includes("*") ? ["*"] : resources,
        whys: [...new Set(s.whys)].sort(),
        origins: [...new Set(s.origins)].sort(),
      };
    });
  const used = new Map<string, number>();
  for (const s of statements) {
    const base = `Action${sidBase(s.actions)}`;
    const n = (used.get(base) ?? 0) + 1;
    used.set(base, n);
    s.sid = n === 1 ? base : `${base}${n}`;
  }
  return statements;
}

/** Why a statement's wildcard resource is acceptable, for the cdk-nag acknowledgement and the audit metadata. */
export function wildcardReason(statement: EngineStatement): string {
  const from = `Declared by rulebridge action(s) ${statement.origins.join(", ")} for ${statement.actions.join(", ")}.`;
  if (statement.whys.length > 0) return `${from} ${statement.whys.join(" ")}`;
  const keys = Object.values(statement.conditions ?? {}).flatMap((block) => Object.keys(block));
  const narrowed = keys.length > 0 ? ` Narrowed by the condition key(s) ${keys.join(", ")}.` : "";
  return `${from} The * stands for the account or resource id, which the rule does not name; the service and resource type are fixed.${narrowed}`;
}
