import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { AwsClients, regionFromEnv } from "../../../actions/aws-clients.js";
import type { ActionServices } from "../../../actions/types.js";
import { Engine, splitUnreadable } from "../../engine.js";
import { type InputItem, unwrapInput } from "../../envelope.js";
import { DynamoDbIdempotencyStore, Executor, MemoryIdempotencyStore } from "../../runtime/index.js";
import { UsageError } from "../args.js";
import { defineCommand } from "../command.js";
import { renderEvaluationText } from "../evaluation-text.js";
import { readEventInputs } from "../event-files.js";
import { type CliIo, EXIT, type ExitCode } from "../io.js";
import { renderOutcomeText } from "../outcome-text.js";
import { formatProblems } from "../problem-format.js";
import { loadProjectRules } from "../project/load-project.js";

export const runHelp = `Usage: rulebridge run [event files|dirs|-] [--rules DIR] [--dry-run] [--format text|json] [--concurrency N]

Evaluates rules against events: matches patterns, evaluates \`when\`, renders every action,
and runs the actions (or, with --dry-run, prints what each would do).
Inputs are JSON files (an event, an envelope, or an array of them), JSON Lines files,
folders (every *.json, *.jsonl inside, recursively) or - for stdin (default: -).
Envelopes: EventBridge events, {"rule", "event"}, Lambda SNS/SQS records, CloudWatch alarm
SNS notifications.

Options:
  --rules DIR           rule files or folder (default: rules); repeatable
  --dry-run             print each action's rendered plan instead of executing it
  --format text|json    text (default) or JSON Lines, one result per event
  --concurrency N       events executed at once (default 4; an event's actions run in order)
  --idempotency-table T remember done actions in this DynamoDB table (partition key pk, TTL
                        expiresAt: the engine's table), so a replay in a later run does not
                        repeat them; default: in memory, for this run only
  -h, --help            this help

Live runs use the default AWS credential chain and region (AWS_REGION), and honour
AWS_ENDPOINT_URL and per-service AWS_ENDPOINT_URL_<SERVICE>. Each action runs at most once per
(event id, rule, action) within the run; retryable failures are retried with backoff.
A progress line goes to stderr when it is a terminal; a summary ends the output.

Exit: 0 all done, 1 an action (or condition) failed, 2 usage error, invalid rules or
      unreadable/invalid events.
`;

export const command = defineCommand({
  name: "run",
  help: runHelp,
  options: {
    rules: { type: "string", multiple: true },
    "dry-run": { type: "boolean" },
    concurrency: { type: "string" },
    "idempotency-table": { type: "string" },
  },
  positionals: true,
  formats: ["text", "json"] as const,
  project: "require",
  async run({ values, positionals, io, format, project }) {
    const concurrency = positiveInt(values.concurrency, "--concurrency", 4);
    const ruleSet = await loadProjectRules(project!, values.rules ?? [], io.cwd);
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
    const items: InputItem[] = [];
    for (const doc of documents) {
      const unwrapped = unwrapInput(doc.value, doc.origin);
      for (const e of unwrapped.errors) {
        invalid++;
        io.stderr(`${doc.origin}: ${e.field}: ${e.message}\n`);
      }
      const readable = splitUnreadable(unwrapped.items);
      for (const e of readable.errors) {
        invalid++;
        io.stderr(`${doc.origin}: ${e.field}: ${e.message}\n`);
      }
      items.push(...readable.items);
    }
    const code = values["dry-run"]
      ? dryRun(engine, items, format, io)
      : await liveRun(engine, items, { format, concurrency, table: values["idempotency-table"] }, io);
    if (invalid > 0) {
      io.stderr(`${invalid} invalid input(s)\n`);
      return EXIT.usage;
    }
    return code;
  },
});

function dryRun(engine: Engine, items: readonly InputItem[], format: "text" | "json", io: CliIo): ExitCode {
  const totals = { events: 0, matched: 0, planned: 0, failed: 0, conditionFalse: 0, unknownRule: 0 };
  for (const item of items) {
    const evaluation = engine.evaluate(item.event, item.rule !== undefined ? { rule: item.rule } : {});
    totals.events++;
    if (evaluation.decisions.length > 0) totals.matched++;
    if (evaluation.unknownRule !== undefined) {
      totals.unknownRule++;
      io.stderr(
        `${item.origin}: names rule "${evaluation.unknownRule}", which is not loaded or is disabled\n`,
      );
    }
    for (const d of evaluation.decisions) {
      if (d.condition === false) totals.conditionFalse++;
      if (d.condition === "error") totals.failed++;
      for (const a of d.actions) {
        if (a.status === "planned") totals.planned++;
        else totals.failed++;
      }
    }
    if (format === "json") io.stdout(`${JSON.stringify({ origin: item.origin, ...evaluation })}\n`);
    else io.stdout(renderEvaluationText(item.origin, evaluation));
  }
  const summary = `${totals.events} event(s), ${totals.matched} matched a rule, ${totals.planned} action(s) planned, ${totals.failed} failed, ${totals.conditionFalse} held back by \`when\``;
  if (format === "text") io.stdout(`\n${summary}\n`);
  else io.stderr(`${summary}\n`);
  return totals.failed + totals.unknownRule > 0 ? EXIT.findings : EXIT.ok;
}

async function liveRun(
  engine: Engine,
  items: readonly InputItem[],
  opts: { format: "text" | "json"; concurrency: number; table: string | undefined },
  io: CliIo,
): Promise<ExitCode> {
  const { format, concurrency } = opts;
  const aws = new AwsClients(regionFromEnv(io.env));
  const services: ActionServices = {
    aws,
    fetch: globalThis.fetch,
    env: io.env,
    secrets: new Map(),
  };
  let done = 0;
  const progress = (): void => {
    if (io.isTTY) io.stderr(`\r${done}/${items.length} event(s)`);
  };
  const executor = new Executor(engine, {
    services,
    store:
      opts.table === undefined
        ? new MemoryIdempotencyStore()
        : new DynamoDbIdempotencyStore({ client: aws.client(DynamoDBClient), tableName: opts.table }),
    // A CLI run has no invocation limit; a day bounds retries of a hung endpoint all the same.
    deadline: Date.now() + 24 * 60 * 60 * 1000,
    concurrency,
    log: (line) => {
      done++;
      progress();
      if (format === "json") io.stdout(`${line}\n`);
    },
  });
  const outcomes = await executor.executeAll(items);
  if (io.isTTY) io.stderr("\n");
  const counts = { events: outcomes.length, matched: 0, changed: 0, unchanged: 0, skipped: 0, failed: 0 };
  for (const outcome of outcomes) {
    if (format === "text") io.stdout(renderOutcomeText(outcome));
    if (outcome.decisions.length > 0) counts.matched++;
    const a = outcome.totals.actions;
    counts.changed += a.changed;
    counts.unchanged += a.unchanged;
    counts.skipped += a["skipped-duplicate"] + a["skipped-in-progress"];
    counts.failed +=
      a.failed + a["render-error"] + outcome.totals.conditionErrors + (outcome.unknownRule ? 1 : 0);
  }
  const summary = `${counts.events} event(s), ${counts.matched} matched a rule; actions: ${counts.changed} changed, ${counts.unchanged} unchanged, ${counts.skipped} skipped as duplicates, ${counts.failed} failed`;
  if (format === "text") io.stdout(`\n${summary}\n`);
  else io.stderr(`${summary}\n`);
  return outcomes.some((o) => o.failed) ? EXIT.findings : EXIT.ok;
}

function positiveInt(value: string | undefined, flag: string, dflt: number): number {
  if (value === undefined) return dflt;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 256)
    throw new UsageError(`${flag} must be a whole number from 1 to 256`);
  return n;
}
