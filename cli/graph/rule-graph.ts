import type { CompiledRule } from "../../engine/compile/rule-compiler.js";
import { alarmNameOf, type JsonObject } from "../../engine/rule.js";
import { actionTarget } from "./action-targets.js";

export type GraphNodeKind = "source" | "rule" | "action" | "target";

export interface GraphNode {
  /** Short, stable for the same rules, safe as a Mermaid or DOT identifier. */
  id: string;
  kind: GraphNodeKind;
  label: string;
}

export interface GraphEdge {
  from: string;
  to: string;
  /** The edge belongs to a disabled rule (drawn dashed). */
  disabled: boolean;
}

/** Sources → rules → actions → targets, in a deterministic order. */
export interface RuleGraph {
  nodes: GraphNode[];
  edges: GraphEdge[];
}

/**
 * Builds the graph of a rule set. Rules are ordered by name and sources and targets by label, so
 * the same rules always give the same graph whatever their file layout; equal sources (the same
 * `source` on the same bus) and equal targets (the same topic, channel, index) are one node.
 */
export function buildRuleGraph(rules: readonly CompiledRule[]): RuleGraph {
  const sorted = [...rules].sort((a, b) => compare(a.name, b.name));
  const sources = new Map<string, string>();
  const targets = new Map<string, string>();
  for (const rule of sorted) {
    for (const s of ruleSources(rule)) sources.set(s.key, s.label);
    for (const action of rule.actions) {
      const t = actionTarget(action.definition, action.params);
      if (t) targets.set(t.key, t.label);
    }
  }
  const sourceIds = numbered(sources, "s");
  const targetIds = numbered(targets, "t");

  const nodes: GraphNode[] = [];
  const edges: GraphEdge[] = [];
  for (const [key, label] of sortedByLabel(sources))
    nodes.push({ id: sourceIds.get(key)!, kind: "source", label });
  let actionCount = 0;
  sorted.forEach((rule, r) => {
    const ruleId = `r${r + 1}`;
    const disabled = !rule.enabled;
    nodes.push({ id: ruleId, kind: "rule", label: disabled ? `${rule.name} (disabled)` : rule.name });
    for (const s of ruleSources(rule)) edges.push({ from: sourceIds.get(s.key)!, to: ruleId, disabled });
    for (const action of rule.actions) {
      const actionId = `a${++actionCount}`;
      nodes.push({ id: actionId, kind: "action", label: action.type });
      edges.push({ from: ruleId, to: actionId, disabled });
      const t = actionTarget(action.definition, action.params);
      if (t) edges.push({ from: actionId, to: targetIds.get(t.key)!, disabled });
    }
  });
  for (const [key, label] of sortedByLabel(targets))
    nodes.push({ id: targetIds.get(key)!, kind: "target", label });
  return { nodes, edges };
}

/** What feeds a rule: its alarm, or each value of its pattern's `source` (on its bus). */
function ruleSources(rule: CompiledRule): Array<{ key: string; label: string }> {
  const alarm = alarmNameOf(rule.rule);
  if (alarm !== undefined) return [{ key: `alarm|${alarm}`, label: `CloudWatch alarm ${alarm}` }];
  const bus = rule.rule.on.bus;
  const onBus =
    bus === undefined || bus === "default" ? "" : ` on bus ${bus.replace(/^arn:.*:event-bus\//, "")}`;
  const values = sourceValues(rule.pattern);
  const labels = values.length === 0 ? ["any source"] : values;
  return [...new Set(labels)]
    .sort(compare)
    .map((v) => ({ key: `source|${bus ?? ""}|${v}`, label: `${v}${onBus}` }));
}

/** The pattern's `source` values as text; matchers (`{prefix: …}`) as compact JSON. `$or` branches count. */
function sourceValues(pattern: JsonObject): string[] {
  const out: string[] = [];
  const source = pattern.source;
  if (Array.isArray(source)) {
    for (const v of source) out.push(typeof v === "string" ? v : JSON.stringify(v));
  }
  const or = pattern.$or;
  if (Array.isArray(or)) {
    for (const branch of or) {
      if (branch !== null && typeof branch === "object" && !Array.isArray(branch)) {
        out.push(...sourceValues(branch as JsonObject));
      }
    }
  }
  return out;
}

/** Ids `<prefix>1…` assigned in label order, so they do not depend on which rule was seen first. */
function numbered(entries: ReadonlyMap<string, string>, prefix: string): Map<string, string> {
  return new Map(sortedByLabel(entries).map(([key], i) => [key, `${prefix}${i + 1}`]));
}

function sortedByLabel(entries: ReadonlyMap<string, string>): Array<[string, string]> {
  return [...entries].sort(([ka, la], [kb, lb]) => compare(la, lb) || compare(ka, kb));
}

/** Locale-independent order, so the output is the same on every machine. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
