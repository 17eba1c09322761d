export { type ActionTarget, actionTarget } from "./action-targets.js";
export { renderDot } from "./render-dot.js";
export { renderMermaid } from "./render-mermaid.js";
export {
  buildRuleGraph,
  type GraphEdge,
  type GraphNode,
  type GraphNodeKind,
  type RuleGraph,
} from "./rule-graph.js";
