import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { checkEvent } from "../../engine/pattern/index.js";
import { formatProblem } from "../../engine/problem.js";
import { UsageError } from "../args.js";
import { defineCommand } from "../command.js";
import { explainRule, explanationText } from "../explain/index.js";
import { EXIT } from "../io.js";
import { loadProjectRules } from "../project/load-project.js";

export const explainHelp = `Usage: rulebridge explain --event E [--rule R] [--rules DIR]

Explains, for each rule (or only R), why it matches an event or not: the first pattern field
that failed with the pattern's values and the event's value, the smallest part of \`when\` that
was false with its inputs, or the template variable that is missing.

Options:
  --event E      an EventBridge event as a JSON file, or - for standard input
  --rule R       only this rule
  --rules DIR    rule files or folder (default: rules)
  -h, --help     this help

Exit: 0 explained, 1 the rules have errors or R is unknown, 2 usage error or an event
      EventBridge cannot read (nested deeper than 1,000 levels, a name over 50,000 characters,
      a string over 20,000,000, a number such as 1e400).
`;

export const command = defineCommand({
  name: "explain",
  help: explainHelp,
  options: {
    event: { type: "string" },
    rule: { type: "string" },
    rules: { type: "string" },
  },
  project: "require",
  async run({ values, io, project }) {
    if (values.event === undefined) throw new UsageError("--event is required");
    const text =
      values.event === "-" ? await io.readStdin() : await readFile(resolve(io.cwd, values.event), "utf8");
    let event: unknown;
    try {
      // A byte order mark is allowed, as in rule files and event inputs.
      event = JSON.parse(text.replace(/^\ufeff/, ""));
    } catch (err) {
      throw new UsageError(`--event: not JSON: ${(err as Error).message}`);
    }
    if (event === null || typeof event !== "object" || Array.isArray(event)) {
      throw new UsageError("--event must hold a JSON object (an EventBridge event)");
    }
    // Explained, such an event would read "expected [x], event has x": EventBridge refuses it instead.
    const unreadable = checkEvent(event);
    if (unreadable) throw new UsageError(`--event: unreadable at ${unreadable.field}: ${unreadable.message}`);
    const set = await loadProjectRules(project!, values.rules !== undefined ? [values.rules] : [], io.cwd);
    const errors = set.problems.filter((p) => p.severity === "error");
    for (const p of errors) io.stderr(`${formatProblem(p)}\n`);
    const rules = values.rule === undefined ? set.rules : set.rules.filter((r) => r.name === values.rule);
    if (values.rule !== undefined && rules.length === 0) {
      io.stderr(`rule "${values.rule}" is not loaded (unknown or has errors)\n`);
      return EXIT.findings;
    }
    for (const rule of rules) {
      const explanation = explainRule(rule, event as Record<string, unknown>);
      io.stdout(`${explanation.matched ? "✓" : "✗"} ${rule.name}: ${explanationText(explanation)}\n`);
    }
    return errors.length > 0 ? EXIT.findings : EXIT.ok;
  },
});
