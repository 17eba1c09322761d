import { resolve } from "node:path";
import type { ActionRegistry } from "../../../actions/registry.js";
import { Engine, type Evaluation } from "../../engine.js";
import { unwrapInput } from "../../envelope.js";
import { loadRuleSet } from "../../rule-set.js";
import { oneOf, parse, UsageError } from "../args.js";
import { renderEvaluationText } from "../evaluation-text.js";
import { readEventInputs } from "../event-files.js";
import { type CliIo, EXIT, type ExitCode } from "../io.js";
import { formatProblems } from "../problem-format.js";

export const runHelp = `Usage: rulebridge run [event files|dirs|-] [--rules DIR] --dry-run [--format text|json]

Evaluates rules against events: matches patterns, evaluates \`when\`, renders every action.
Inputs are JSON files (an event, an envelope, or an array of them), JSON Lines files,
folders (every *.json, *.jsonl inside, recursively) or - for stdin (default: -).
Envelopes: EventBridge events, {"rule", "event"}, Lambda SNS/SQS records, CloudWatch alarm
SNS notifications.

Options:
  --rules DIR           rule files or folder (default: rules); repeatable
  --dry-run             print each action's rendered plan instead of executing it
  --format text|json    text (default) or JSON Lines, one evaluation per event
  -h, --help            this help

Exit: 0 all planned, 1 a condition or action failed to evaluate or render,
      2 usage error, invalid rules or unreadable/invalid events.
`;

export async function runCommand(
  argv: readonly string[],
  io: CliIo,
  registry: ActionRegistry,
): Promise<ExitCode> {
  const { values, positionals } = parse(argv, {
    rules: { type: "string", multiple: true },
    "dry-run": { type: "boolean" },
    format: { type: "string" },
    help: { type: "boolean", short: "h" },
  });
  if (values.help) {
    io.stdout(runHelp);
    return EXIT.ok;
  }
  const format = oneOf(values.format, ["text", "json"] as const, "--format", "text");
  if (!values["dry-run"]) {
    // Live execution needs the actions' AWS clients; until they exist, refuse rather than pretend.
    throw new UsageError(
      "live execution is not available yet: add --dry-run to see what each action would do",
    );
  }
  const ruleSet = await loadRuleSet(
    (values.rules ?? ["rules"]).map((p) => resolve(io.cwd, p)),
    registry,
    io.cwd,
  );
  const ruleErrors = ruleSet.problems.filter((p) => p.severity === "error");
  if (ruleErrors.length > 0) {
    io.stderr(formatProblems(ruleErrors, "text"));
    io.stderr(`\n${ruleErrors.length} error(s) in rule files; run \`rulebridge check\` for details\n`);
    return EXIT.usage;
  }
  const engine = new Engine(ruleSet.rules);
  const { documents, errors } = await readEventInputs(
    positionals.length > 0 ? positionals : ["-"],
    io.cwd,
    io.readStdin,
  );
  let invalid = errors.length;
  for (const e of errors) io.stderr(`${e.origin}: ${e.message}\n`);

  const totals = { events: 0, matched: 0, planned: 0, failed: 0, conditionFalse: 0 };
  for (const doc of documents) {
    const { items, errors: envelopeErrors } = unwrapInput(doc.value, doc.origin);
    for (const e of envelopeErrors) {
      invalid++;
      io.stderr(`${doc.origin}: ${e.field}: ${e.message}\n`);
    }
    for (const item of items) {
      const evaluation = engine.evaluate(item.event, item.rule !== undefined ? { rule: item.rule } : {});
      tally(totals, evaluation);
      if (evaluation.unknownRule !== undefined) {
        invalid++;
        io.stderr(
          `${doc.origin}: names rule "${evaluation.unknownRule}", which is not loaded or is disabled\n`,
        );
      }
      if (format === "json") io.stdout(`${JSON.stringify({ origin: doc.origin, ...evaluation })}\n`);
      else io.stdout(renderEvaluationText(doc.origin, evaluation));
    }
  }
  const summary = `${totals.events} event(s), ${totals.matched} matched a rule, ${totals.planned} action(s) planned, ${totals.failed} failed, ${totals.conditionFalse} held back by \`when\`, ${invalid} invalid input(s)`;
  if (format === "text") io.stdout(`\n${summary}\n`);
  else io.stderr(`${summary}\n`);
  if (invalid > 0) return EXIT.usage;
  return totals.failed > 0 ? EXIT.findings : EXIT.ok;
}

function tally(
  totals: { events: number; matched: number; planned: number; failed: number; conditionFalse: number },
  evaluation: Evaluation,
): void {
  totals.events++;
  if (evaluation.decisions.length > 0) totals.matched++;
  for (const d of evaluation.decisions) {
    if (d.condition === false) totals.conditionFalse++;
    if (d.condition === "error") totals.failed++;
    for (const a of d.actions) {
      if (a.status === "planned") totals.planned++;
      else totals.failed++;
    }
  }
}
