import type { GraphNodeKind, RuleGraph } from "./rule-graph.js";

/** Graphviz shapes per kind, matching the Mermaid rendering. */
const SHAPES: Readonly<Record<GraphNodeKind, string>> = {
  source: "shape=ellipse",
  rule: "shape=box",
  action: 'shape=box, style="rounded"',
  target: "shape=cylinder",
};

/** A Graphviz digraph, left to right; edges of disabled rules are dashed. */
export function renderDot(graph: RuleGraph): string {
  const lines = ["digraph rulebridge {", "  rankdir=LR;"];
  for (const node of graph.nodes) {
    lines.push(`  ${node.id} [label="${dotText(node.label)}", ${SHAPES[node.kind]}];`);
  }
  for (const edge of graph.edges) {
    lines.push(`  ${edge.from} -> ${edge.to}${edge.disabled ? " [style=dashed]" : ""};`);
  }
  lines.push("}");
  return `${lines.join("\n")}\n`;
}

/** A DOT double-quoted string's content: backslash and quote escaped, newlines as `\n`. */
function dotText(label: string): string {
  return label.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\r?\n/g, "\\n");
}
