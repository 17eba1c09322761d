import { ipEqualityRange } from "../text/ip-address.js";
import { isComparableNumber } from "../text/java-double.js";
import { type Branch, CompileFailure, type NodePath, type PatternEntry } from "./compile-failure.js";
import type { JsonNode } from "./json-node.js";
import { compileMatchExpression } from "./match-expression.js";

/**
 * Turns a pattern into its $or branches, each a map from dotted field path to value list, walking
 * members in document order exactly as event-ruler's JsonRuleCompiler does (first problem wins,
 * later duplicates of a path replace earlier ones, members after an "$or" apply to every branch).
 * With `legacy`, "$or" is an ordinary field name, as in event-ruler's older RuleCompiler.
 */
const OR = "$or";

/** Names event-ruler reserves inside $or branches (operators and words kept for future use). */
const RESERVED_IN_OR = new Set([
  "exactly",
  "equals-ignore-case",
  "prefix",
  "suffix",
  "anything-but",
  "exists",
  "wildcard",
  "numeric",
  "cidr",
  "=",
  "<",
  "<=",
  ">",
  ">=",
  "regex",
  "not-wildcard",
  "not-equals-ignore-case",
  "date-after",
  "date-on-or-after",
  "date-before",
  "date-on-or-before",
  "in-date-range",
  "ip-address-in-range",
  "ip-address-not-in-range",
]);

/**
 * Beyond this many branches a pattern is refused rather than expanded (event-ruler has no cap, and
 * EventBridge documents none). Each branch is a rule of its own to compile, model and index, with
 * all its fields: nested `$or` multiply, and 65,536 branches exhausted `check`'s memory (issue 19;
 * figures in bench/README.md, growth in bench/hostile-growth.mjs). Expansion stops as soon as the count
 * is passed, so a refused pattern costs at most about twice this many branches.
 */
export const MAX_BRANCHES = 1_024;

/** event-ruler's field name for a value list: steps joined by '.', a lone empty first step dropped. */
function fieldName(steps: readonly string[], last: string): string {
  const base = steps.join(".");
  return base === "" ? last : `${base}.${last}`;
}

function compileValueList(items: JsonNode[], path: NodePath, legacy: boolean): PatternEntry[] {
  const entries: PatternEntry[] = [];
  items.forEach((item, i) => {
    const at = [...path, i];
    switch (item.kind) {
      case "object":
        entries.push(compileMatchExpression(item, at, legacy));
        break;
      case "string": {
        const range = ipEqualityRange(item.value);
        entries.push({
          pattern: range ? { type: "cidr", range } : { type: "exact", value: `"${item.value}"` },
          path: at,
        });
        break;
      }
      case "number":
        // A number matches numerically when event-ruler can compare it, and always by its spelling.
        if (isComparableNumber(item.value))
          entries.push({ pattern: { type: "numeric-equals", value: item.value }, path: at });
        entries.push({ pattern: { type: "exact", value: item.text }, path: at });
        break;
      case "literal":
        entries.push({ pattern: { type: "exact", value: item.text }, path: at });
        break;
      case "array":
        throw new CompileFailure("Match value must be String, number, true, false, or null", at);
    }
  });
  if (entries.length === 0) throw new CompileFailure("Empty arrays are not allowed", path);
  return entries;
}

class Walker {
  constructor(private readonly legacy: boolean) {}

  object(
    node: JsonNode & { kind: "object" },
    branches: Branch[],
    steps: string[],
    inOr: boolean,
    path: NodePath,
  ): void {
    if (node.members.length === 0) throw new CompileFailure("Empty objects are not allowed", path);
    for (const [key, value] of node.members) {
      const at = [...path, key];
      if (!this.legacy && key === OR) {
        this.or(value, branches, steps, at);
        continue;
      }
      if (inOr && !this.legacy && RESERVED_IN_OR.has(key)) {
        throw new CompileFailure(`${key} is Ruler reserved fieldName which cannot be used inside ${OR}.`, at);
      }
      if (value.kind === "object") {
        this.object(value, branches, [...steps, key], inOr, at);
      } else if (value.kind === "array") {
        const entries = compileValueList(value.items, at, this.legacy);
        if (branches.length === 0) branches.push(new Map());
        const name = fieldName(steps, key);
        for (const branch of branches) branch.set(name, { entries, path: at });
      } else {
        throw new CompileFailure(`"${key}" must be an object or an array`, at);
      }
    }
  }

  private or(value: JsonNode, branches: Branch[], steps: string[], path: NodePath): void {
    const before = branches.map((b) => new Map(b));
    branches.length = 0;
    if (value.kind !== "array") throw new CompileFailure(`It must be an Array followed with ${OR}.`, path);
    value.items.forEach((item, i) => {
      if (item.kind !== "object") {
        throw new CompileFailure(`Only JSON object is allowed in array of ${OR} relationship.`, [...path, i]);
      }
      const forked = before.length === 0 ? [new Map()] : before.map((b) => new Map(b));
      this.object(item, forked, steps, true, [...path, i]);
      branches.push(...forked);
      if (branches.length > MAX_BRANCHES) {
        throw new CompileFailure(
          `Rule is too complex - ${OR} expands to more than ${MAX_BRANCHES.toLocaleString("en-US")} combinations; try fewer or less deeply nested ${OR}`,
          path,
          false,
        );
      }
    });
    if (value.items.length < 2)
      throw new CompileFailure(`There must have at least 2 Objects in ${OR} relationship.`, path);
  }
}

/** The branches of `node`, or the first problem event-ruler would report. Throws CompileFailure. */
export function compileBranches(node: JsonNode, legacy: boolean): Branch[] {
  if (node.kind !== "object") throw new CompileFailure("Filter is not an object", []);
  const branches: Branch[] = [];
  new Walker(legacy).object(node, branches, [], false, []);
  return branches;
}
