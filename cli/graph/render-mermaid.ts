import type { GraphNodeKind, RuleGraph } from "./rule-graph.js";

/** Mermaid shapes per kind: sources stadium, rules box, actions rounded, targets cylinder. */
const SHAPES: Readonly<Record<GraphNodeKind, [string, string]>> = {
  source: ["([", "])"],
  rule: ["[", "]"],
  action: ["(", ")"],
  target: ["[(", ")]"],
};

/** A Mermaid flowchart, left to right; edges of disabled rules are dotted. */
export function renderMermaid(graph: RuleGraph): string {
  const lines = ["flowchart LR"];
  for (const node of graph.nodes) {
    const [open, close] = SHAPES[node.kind];
    lines.push(`  ${node.id}${open}"${mermaidText(node.label)}"${close}`);
  }
  for (const edge of graph.edges) lines.push(`  ${edge.from} ${edge.disabled ? "-.->" : "-->"} ${edge.to}`);
  return `${lines.join("\n")}\n`;
}

/**
 * Label text inside `"…"`: Mermaid reads `#name;` as an entity and passes `<…>` to HTML, so those
 * characters (and the quote) are written as entities.
 */
function mermaidText(label: string): string {
  return label.replace(/[#"<>]/g, (c) => `#${c.charCodeAt(0)};`);
}
