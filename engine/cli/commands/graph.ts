import type { ActionRegistry } from "../../../actions/registry.js";
import { buildRuleGraph, renderDot, renderMermaid } from "../../graph/index.js";
import { loadRuleSet } from "../../rule-set.js";
import { oneOf, parse, UsageError } from "../args.js";
import { type CliIo, EXIT, type ExitCode } from "../io.js";
import { formatProblems } from "../problem-format.js";
import { rulesDir } from "../project-paths.js";

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

export async function graphCommand(
  argv: readonly string[],
  io: CliIo,
  registry: ActionRegistry,
): Promise<ExitCode> {
  const { values, positionals } = parse(argv, {
    format: { type: "string" },
    rules: { type: "string" },
    help: { type: "boolean", short: "h" },
  });
  if (values.help) {
    io.stdout(graphHelp);
    return EXIT.ok;
  }
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  const format = oneOf(values.format, FORMATS, "--format", "mermaid");
  const set = await loadRuleSet([rulesDir(values.rules, io.cwd)], registry, io.cwd);
  const errors = set.problems.filter((p) => p.severity === "error");
  if (errors.length > 0) {
    // A graph without the broken rules would look complete; show what to fix instead.
    io.stderr(formatProblems(errors, "text"));
    return EXIT.findings;
  }
  const graph = buildRuleGraph(set.rules);
  io.stdout(format === "dot" ? renderDot(graph) : renderMermaid(graph));
  return EXIT.ok;
}
