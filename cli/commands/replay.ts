import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { builtinActions } from "../../actions/builtins.js";
import type { Problem } from "../../engine/problem.js";
import { loadRuleSet } from "../../engine/rule-set.js";
import { UsageError } from "../args.js";
import { defineCommand } from "../command.js";
import { recordOrLineBatches } from "../event-files.js";
import { boundHeapGrowth } from "../heap-growth.js";
import { knownInputBytes } from "../inputs/known-input-size.js";
import { LineBuffers } from "../inputs/line-batch.js";
import { type CliIo, EXIT, type ExitCode } from "../io.js";
import { formatProblems } from "../problem-format.js";
import { ProgressLine } from "../progress-line.js";
import { loadProjectRules, type Project } from "../project/load-project.js";
import { REPLAY_WORKER, ReplayThreads } from "../replay/replay-pool.js";
import { type ReplayReport, replayReport, reportFailed } from "../replay/replay-report.js";
import { replayBatches } from "../replay/replay-run.js";
import { replayMarkdown, replayText } from "../replay/replay-text.js";
import type { ReplayCounts } from "../replay/replay-totals.js";

export const replayHelp = `Usage: rulebridge replay [sources…] [--rules DIR] [--base-rules DIR] [--format text|json|markdown] [--sample N]

Replays event history through the rules: matches every event, evaluates \`when\`, renders and
plans every action, runs nothing, and reports per rule: events matched, \`when\` held, actions
planned, failures (condition or render errors), with sample event ids; and the events read and
invalid inputs. With --base-rules, a second rule set (e.g. the base branch's) is replayed in the
same pass, and the report shows both and what changed per rule: a pull request's impact.

Sources: files, folders (every *.json, *.jsonl, *.ndjson and their .gz, recursively), - for
stdin (default), s3://bucket/prefix (every object under it; default AWS credentials and region;
AWS_ENDPOINT_URL honoured). Each holds JSON Lines, a JSON array, or one event; gzipped or not;
events or the envelopes \`run\` opens (SNS, SQS, {"rule","event"}, Lambda destination records);
CloudTrail log files ({"Records": [...]}), each record read as the event EventBridge delivers.
Inputs are streamed: memory does not grow with them; a bad line is reported with its place.

Options:
  --rules DIR          rule files or folder (default: rules); repeatable
  --base-rules DIR     a second rule set to compare with; repeatable
  --format F           text (default), json (one object) or markdown (a table for
                       $GITHUB_STEP_SUMMARY; with --base-rules, only rules that changed)
  --sample N           example event ids kept per rule (default 3)
  --workers N|auto     worker threads that match and evaluate beside this one (default
                       auto: one per core but one, up to 3, once the input passes 16 MB,
                       started at once when the files given do; 0: this thread alone);
                       each holds a copy of the rules
  -h, --help           this help

JSON: {"events": n, "matchedEvents": n, "invalid": n, "invalidInputs": [{"origin", "message"}], "unknownRule": n,
  "rules": [{"rule", "file", "matched", "conditionHeld", "actionsPlanned", "failed", "samples",
  "firstFailure"?, "base"?: {the four counts}, "change"?: "added"|"removed"|"changed"|"unchanged"}],
  "difference"?: {"added", "removed", "changed"}}
A progress line goes to stderr when it is a terminal.

Exit: 0 replayed; 1 some input was invalid or some condition or render failed (in --rules);
      2 usage error or invalid rules.
`;

export const command = defineCommand({
  name: "replay",
  help: replayHelp,
  options: {
    rules: { type: "string", multiple: true },
    "base-rules": { type: "string", multiple: true },
    sample: { type: "string" },
    workers: { type: "string" },
  },
  positionals: true,
  formats: ["text", "json", "markdown"] as const,
  project: "require",
  async run({ values, positionals, io, format, project }) {
    const sample = sampleSize(values.sample);
    boundHeapGrowth();
    const progress = new ProgressLine(io);
    const threads = workerPlan(values.workers, project!);
    // Threads started now load their modules while this thread loads the rules.
    const early = (await startsAtOnce(threads, positionals, io.cwd))
      ? ReplayThreads.spawn(threads.workers, { cwd: io.cwd, settings: project!.settingsPath })
      : undefined;
    let counts: ReplayCounts;
    try {
      const head = await loadProjectRules(project!, values.rules ?? [], io.cwd);
      const base =
        values["base-rules"] !== undefined
          ? await loadRuleSet(
              values["base-rules"].map((p) => resolve(io.cwd, p)),
              project!.registry,
              io.cwd,
            )
          : undefined;
      const ruleErrors = [...head.problems, ...(base?.problems ?? [])].filter((p) => p.severity === "error");
      if (ruleErrors.length > 0) return refuseRules(ruleErrors, io);
      const buffers = new LineBuffers();
      counts = await replayBatches(recordOrLineBatches(positionals, io, buffers), head.rules, base?.rules, {
        buffers,
        sample,
        now: new Date(),
        keepInvalid: 20,
        ...threads,
        ...(early ? { threads: early } : {}),
        cwd: io.cwd,
        settings: project!.settingsPath,
        onProgress: (events) => progress.update(events),
      });
    } finally {
      // Threads no replay took (the rules were refused, or loading them failed) are stopped.
      await early?.stop();
    }
    progress.done(counts.events);
    return finish(replayReport(counts), format, io);
  },
});

function refuseRules(ruleErrors: readonly Problem[], io: CliIo): ExitCode {
  io.stderr(formatProblems(ruleErrors, "text"));
  io.stderr(`\n${ruleErrors.length} error(s) in rule files; run \`rulebridge check\` for details\n`);
  return EXIT.usage;
}

function finish(report: ReplayReport, format: "text" | "json" | "markdown", io: CliIo): ExitCode {
  io.stdout(render(report, format));
  return report.invalid > 0 || report.unknownRule > 0 || reportFailed(report) > 0 ? EXIT.findings : EXIT.ok;
}

function render(report: ReplayReport, format: "text" | "json" | "markdown"): string {
  if (format === "json") return `${JSON.stringify(report)}\n`;
  if (format === "markdown") return replayMarkdown(report);
  return replayText(report);
}

/**
 * `--workers`: `auto` by default, one thread fewer than the machine has cores (up to 3), started
 * once this thread has replayed AUTO_AFTER bytes, so a short input never pays for them (at once,
 * before the rules load, when the local files given already pass it: see startsAtOnce); a number
 * starts that many at once; 0 keeps the replay in this thread alone. This thread replays beside
 * them. Threads cost memory: each holds a copy of the rules. This thread replays alone when a
 * thread could not load the same actions: a registry handed to `cli()` instead of the built-ins,
 * or sources run without a build (tests), where there is no worker script.
 */
function workerPlan(value: string | undefined, project: Project): { workers: number; workersAfter: number } {
  let plan = { workers: Math.min(availableParallelism() - 1, MAX_AUTO_WORKERS), workersAfter: AUTO_AFTER };
  if (value !== undefined && value !== "auto") {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 0 || n > 64)
      throw new UsageError("--workers must be auto or a whole number from 0 to 64");
    plan = { workers: n, workersAfter: 0 };
  }
  return plan.workers > 0 && workersCanLoad(project) ? plan : { workers: 0, workersAfter: 0 };
}

/**
 * Whether the threads start before the rules are loaded: when asked for by number, or (auto) when
 * the local files given already pass AUTO_AFTER, so they will be wanted.
 */
async function startsAtOnce(
  plan: { workers: number; workersAfter: number },
  inputs: readonly string[],
  cwd: string,
): Promise<boolean> {
  if (plan.workers === 0) return false;
  if (plan.workersAfter === 0) return true;
  return (await knownInputBytes(inputs, cwd, plan.workersAfter)) >= plan.workersAfter;
}

/** Beyond this much input (bytes), threads pay for their start (each compiles the rules). */
const AUTO_AFTER = 16 << 20;
const MAX_AUTO_WORKERS = 3;

function workersCanLoad(project: Project): boolean {
  if (!existsSync(fileURLToPath(REPLAY_WORKER))) return false;
  const loaded = new Set<unknown>([
    ...builtinActions,
    ...project.actionModules.flatMap((m) => m.definitions),
  ]);
  return project.registry.all().every((d) => loaded.has(d));
}

function sampleSize(value: string | undefined): number {
  if (value === undefined) return 3;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 1000)
    throw new UsageError("--sample must be a whole number from 0 to 1000");
  return n;
}
