import { defineCommand } from "../command.js";
import { buildRuleGraph, renderDot, renderMermaid } from "../graph/index.js";
import { EXIT } from "../io.js";
import { formatProblems } from "../problem-format.js";
import { loadProjectRules } from "../project/load-project.js";

export const graphHelp = `Usage: rulebridge graph [--format mermaid|dot] [--rules DIR]

Prints the rules as a graph: event sources (each pattern's \`source\` values, or the alarm)
→ rules → actions → targets (SNS topic, Slack channel and where its webhook comes from,
OpenSearch endpoint and index, EC2 tags). Secrets are never shown. The same rules always give
the same output; disabled rules are drawn with dashed edges.

Options:
  --format mermaid|dot   mermaid (default): a flowchart for Markdown \`\`\`mermaid blocks;
                         dot: Graphviz (rulebridge graph --format dot | dot -Tsvg > rules.svg)
  --rules DIR            rule files or folder (default: rules)
  -h, --help             this help

Exit: 0 printed, 1 the rules have errors (listed, no graph), 2 usage error.
`;

const FORMATS = ["mermaid", "dot"] as const;

export const command = defineCommand({
  name: "graph",
  help: graphHelp,
  options: {
    rules: { type: "string" },
  },
  formats: FORMATS,
  project: "require",
  async run({ values, format, io, project }) {
    const set = await loadProjectRules(project!, values.rules !== undefined ? [values.rules] : [], io.cwd);
    const errors = set.problems.filter((p) => p.severity === "error");
    if (errors.length > 0) {
      // A graph without the broken rules would look complete; show what to fix instead.
      io.stderr(formatProblems(errors, "text"));
      return EXIT.findings;
    }
    const graph = buildRuleGraph(set.rules);
    io.stdout(format === "dot" ? renderDot(graph) : renderMermaid(graph));
    return EXIT.ok;
  },
});
