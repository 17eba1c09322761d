import { AwsClients, regionFromEnv } from "../../actions/aws-clients.js";
import type { ActionServices } from "../../engine/action/types.js";
import { Engine, splitUnreadable } from "../../engine/engine.js";
import type { InputItem } from "../../engine/envelope.js";
import { Executor, type IdempotencyStore, MemoryIdempotencyStore } from "../../engine/runtime/index.js";
import type { EventOutcome } from "../../engine/runtime/outcome.js";
import { UsageError } from "../args.js";
import { defineCommand } from "../command.js";
import { renderEvaluationText } from "../evaluation-text.js";
import { type EventReadError, eventBatches } from "../event-files.js";
import { boundHeapGrowth } from "../heap-growth.js";
import { type CliIo, EXIT, type ExitCode } from "../io.js";
import { renderOutcomeText } from "../outcome-text.js";
import { formatProblems } from "../problem-format.js";
import { ProgressLine } from "../progress-line.js";
import { loadProjectRules } from "../project/load-project.js";

export const runHelp = `Usage: rulebridge run [event files|dirs|-|s3://bucket/prefix] [--rules DIR] [--dry-run] [--format text|json] [--concurrency N] [--timeout SECONDS]

Evaluates rules against events: matches patterns, evaluates \`when\`, renders every action,
and runs the actions (or, with --dry-run, prints what each would do).
Inputs are JSON files (an event, an envelope, or an array of them), JSON Lines files, gzip of
either (.gz), folders (every *.json, *.jsonl, *.ndjson and their .gz inside, recursively),
s3://bucket/prefix (every object under it) or - for stdin (default: -). Inputs are streamed:
a bad line is reported with its place and the rest goes on; a broken JSON array or document is
one error and nothing from it runs.
Envelopes: EventBridge events, {"rule", "event"}, Lambda SNS/SQS records, CloudWatch alarm
SNS notifications, Lambda on-failure destination records (requestPayload), CloudTrail log files.

Options:
  --rules DIR           rule files or folder (default: rules); repeatable
  --dry-run             print each action's rendered plan instead of executing it
  --format text|json    text (default) or JSON Lines, one result per event
  --concurrency N       events executed at once (default 4; an event's actions run in order)
  --timeout SECONDS     time per event; then its unfinished actions fail (default: the engine
                        function's timeout in rulebridge.yaml, else 60)
  --idempotency-table T remember done actions in this DynamoDB table (partition key pk, TTL
                        expiresAt: the engine's table), so a replay in a later run does not
                        repeat them; default: in memory, for this run only
  -h, --help            this help

Live runs use the default AWS credential chain and region (AWS_REGION), and honour
AWS_ENDPOINT_URL and per-service AWS_ENDPOINT_URL_<SERVICE>. Each action runs at most once per
(event id, rule, action) within the run; retryable failures are retried with backoff.
A progress line goes to stderr when it is a terminal; a summary ends the output. When the
output is closed (\`| head\`), printing stops, events already started finish, and the summary
goes to stderr.

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
    timeout: { type: "string" },
    "idempotency-table": { type: "string" },
  },
  positionals: true,
  formats: ["text", "json"] as const,
  project: "require",
  async run({ values, positionals, io, format, project }) {
    boundHeapGrowth();
    const concurrency = positiveInt(values.concurrency, "--concurrency", 4);
    const timeoutSeconds =
      values.timeout !== undefined ? timeoutValue(values.timeout) : (project!.settings?.timeout ?? 60);
    const ruleSet = await loadProjectRules(project!, values.rules ?? [], io.cwd);
    const ruleErrors = ruleSet.problems.filter((p) => p.severity === "error");
    if (ruleErrors.length > 0) {
      io.stderr(formatProblems(ruleErrors, "text"));
      io.stderr(`\n${ruleErrors.length} error(s) in rule files; run \`rulebridge check\` for details\n`);
      return EXIT.usage;
    }
    const engine = new Engine(ruleSet.rules);
    const inputs = new InputErrors(io);
    const progress = new ProgressLine(io);
    const sink = values["dry-run"]
      ? new DryRun(engine, format, io)
      : await LiveRun.start(
          engine,
          { format, concurrency, timeoutSeconds, table: values["idempotency-table"] },
          io,
        );
    let events = 0;
    for await (const batch of eventBatches(positionals, io)) {
      // An event EventBridge could not read is invalid input, never "no match".
      const readable = splitUnreadable(batch.items);
      inputs.add([
        ...batch.errors,
        ...readable.errors.map((e) => ({ origin: e.origin, message: `${e.field}: ${e.message}` })),
      ]);
      await sink.take(readable.items);
      events += batch.items.length;
      progress.update(events);
      if (io.stdoutClosed?.()) break;
      // Streaming ends at the reader: wait while stdout holds what a slow reader has not taken.
      await io.drain?.();
    }
    progress.done(events);
    const code = sink.finish();
    if (io.stdoutClosed?.()) io.stderr(`output closed: stopped reading after ${events} event(s)\n`);
    if (inputs.count > 0) {
      inputs.finish();
      return EXIT.usage;
    }
    return code;
  },
});

/** Invalid inputs: each reported with its place (the first hundred), all counted. */
class InputErrors {
  count = 0;
  constructor(private readonly io: CliIo) {}
  add(errors: readonly EventReadError[]): void {
    for (const e of errors) {
      if (this.count++ < 100) this.io.stderr(`${e.origin}: ${e.message}\n`);
    }
  }
  finish(): void {
    if (this.count > 100) this.io.stderr(`… and ${this.count - 100} more\n`);
    this.io.stderr(`${this.count} invalid input(s)\n`);
  }
}

/** Where the summary goes: after the results, or to stderr when they are JSON or nobody reads them. */
function summaryTo(io: CliIo, format: "text" | "json", summary: string): void {
  if (format === "text" && !io.stdoutClosed?.()) io.stdout(`\n${summary}\n`);
  else io.stderr(`${summary}\n`);
}

class DryRun {
  readonly #totals = { events: 0, matched: 0, planned: 0, failed: 0, conditionFalse: 0, unknownRule: 0 };
  constructor(
    private readonly engine: Engine,
    private readonly format: "text" | "json",
    private readonly io: CliIo,
  ) {}

  async take(items: readonly InputItem[]): Promise<void> {
    const { engine, io, format } = this;
    const totals = this.#totals;
    for (const item of items) {
      if (io.stdoutClosed?.()) return;
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
  }

  finish(): ExitCode {
    const t = this.#totals;
    summaryTo(
      this.io,
      this.format,
      `${t.events} event(s), ${t.matched} matched a rule, ${t.planned} action(s) planned, ${t.failed} failed, ${t.conditionFalse} held back by \`when\``,
    );
    return t.failed + t.unknownRule > 0 ? EXIT.findings : EXIT.ok;
  }
}

interface LiveRunOptions {
  format: "text" | "json";
  concurrency: number;
  timeoutSeconds: number;
  table: string | undefined;
}

class LiveRun {
  readonly #services: ActionServices;
  readonly #store: IdempotencyStore;
  readonly #counts = { events: 0, matched: 0, changed: 0, unchanged: 0, skipped: 0, failed: 0 };
  #anyFailed = false;

  /** The DynamoDB client and store load only when a table is given: a dry run never loads them. */
  static async start(engine: Engine, opts: LiveRunOptions, io: CliIo): Promise<LiveRun> {
    const aws = new AwsClients(regionFromEnv(io.env));
    let store: IdempotencyStore;
    if (opts.table === undefined) store = new MemoryIdempotencyStore();
    else {
      const { DynamoDBClient } = await import("@aws-sdk/client-dynamodb");
      const { DynamoDbIdempotencyStore } = await import("../../handler/dynamodb-idempotency-store.js");
      store = new DynamoDbIdempotencyStore({ client: aws.client(DynamoDBClient), tableName: opts.table });
    }
    return new LiveRun(engine, opts, io, aws, store);
  }

  private constructor(
    private readonly engine: Engine,
    private readonly opts: LiveRunOptions,
    private readonly io: CliIo,
    aws: AwsClients,
    store: IdempotencyStore,
  ) {
    this.#services = { aws, fetch: globalThis.fetch, env: io.env, secrets: new Map() };
    this.#store = store;
  }

  /** Executes a batch, `concurrency` events at once, each within its own time; prints in input order. */
  async take(items: readonly InputItem[]): Promise<void> {
    const outcomes: EventOutcome[] = new Array(items.length);
    let next = 0;
    const worker = async (): Promise<void> => {
      // Once nobody reads the output, no new event starts; those started finish and are counted.
      while (next < items.length && !this.io.stdoutClosed?.()) {
        const i = next++;
        outcomes[i] = await this.#executeOne(items[i] as InputItem);
      }
    };
    const n = Math.max(1, Math.min(this.opts.concurrency, items.length));
    await Promise.all(Array.from({ length: n }, worker));
    for (const outcome of outcomes) if (outcome) this.#account(outcome);
  }

  #executeOne(item: InputItem): Promise<EventOutcome> {
    const { format } = this.opts;
    const executor = new Executor(this.engine, {
      services: this.#services,
      store: this.#store,
      // Per event: after it, the event's unfinished actions fail (the runtime stops waiting for them).
      deadline: Date.now() + this.opts.timeoutSeconds * 1000,
      log: (line) => {
        if (format === "json") this.io.stdout(`${line}\n`);
      },
    });
    return executor.execute(item);
  }

  #account(outcome: EventOutcome): void {
    const counts = this.#counts;
    if (this.opts.format === "text") this.io.stdout(renderOutcomeText(outcome));
    counts.events++;
    if (outcome.decisions.length > 0) counts.matched++;
    const a = outcome.totals.actions;
    counts.changed += a.changed;
    counts.unchanged += a.unchanged;
    counts.skipped += a["skipped-duplicate"] + a["skipped-in-progress"];
    counts.failed +=
      a.failed + a["render-error"] + outcome.totals.conditionErrors + (outcome.unknownRule ? 1 : 0);
    if (outcome.failed) this.#anyFailed = true;
  }

  finish(): ExitCode {
    const c = this.#counts;
    summaryTo(
      this.io,
      this.opts.format,
      `${c.events} event(s), ${c.matched} matched a rule; actions: ${c.changed} changed, ${c.unchanged} unchanged, ${c.skipped} skipped as duplicates, ${c.failed} failed`,
    );
    return this.#anyFailed ? EXIT.findings : EXIT.ok;
  }
}

/** The engine function's timeout from rulebridge.yaml (what the deployed engine gets), else 60. */
function timeoutValue(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0 || n > 24 * 60 * 60)
    throw new UsageError("--timeout must be a number of seconds, more than 0 and at most 86400");
  return n;
}

function positiveInt(value: string | undefined, flag: string, dflt: number): number {
  if (value === undefined) return dflt;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 256)
    throw new UsageError(`${flag} must be a whole number from 1 to 256`);
  return n;
}
