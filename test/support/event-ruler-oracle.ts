import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { delimiter, dirname, join, resolve } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { MAX_WILDCARD_COMPLEXITY } from "../../engine/pattern/index.js";

/**
 * Client for the differential-test oracle: AWS's own EventBridge matcher (event-ruler, Java) behind
 * test/oracle/EventRulerHarness.java, built into .cache/oracle/ by scripts/setup-oracle.mjs.
 * One long-lived JVM answers every pair; pairs are streamed in batches.
 */

export interface PatternEventPair {
  pattern: unknown;
  event: unknown;
}

/** event-ruler's verdict: the pattern is accepted and matches or not, or it is rejected with a reason. */
export type OracleVerdict = { result: boolean } | { error: string };

/** With `explain`, verdicts also carry the harness's diagnostics (see EventRulerHarness.java). */
export type ExplainedVerdict =
  | { result: boolean; compiler?: string; acFinder?: boolean | string }
  | { error: string; addRule?: string; where?: string };

export interface Oracle {
  /** The event-ruler release behind this oracle, e.g. "2.1.0". */
  readonly eventRulerVersion: string;
  /** One verdict per pair, in order. Concurrent calls are fine: answers come back in request order. */
  judge(pairs: readonly PatternEventPair[]): Promise<ExplainedVerdict[]>;
  /** Stops the JVM. */
  close(): Promise<void>;
}

export interface OracleOptions {
  /** Ask the harness for diagnostic keys on each verdict. */
  explain?: boolean;
}

interface Manifest {
  eventRulerVersion: string;
  java: string;
  mainClass: string;
  classpath: string[];
}

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const ORACLE_MANIFEST = join(repoRoot, ".cache", "oracle", "oracle.json");
const BUILD_HINT = "build it with `node scripts/setup-oracle.mjs` (npm test does this in its globalSetup)";
const BATCH_LINES = 2_000;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function readManifest(): Manifest {
  if (!existsSync(ORACLE_MANIFEST)) {
    throw new Error(`The event-ruler oracle is not built (${ORACLE_MANIFEST} is missing): ${BUILD_HINT}.`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(ORACLE_MANIFEST, "utf8"));
  } catch (error) {
    throw new Error(
      `The event-ruler oracle manifest ${ORACLE_MANIFEST} is unreadable (${error}): ${BUILD_HINT}.`,
    );
  }
  if (
    !isRecord(parsed) ||
    typeof parsed.eventRulerVersion !== "string" ||
    typeof parsed.java !== "string" ||
    typeof parsed.mainClass !== "string" ||
    !Array.isArray(parsed.classpath) ||
    !parsed.classpath.every((entry): entry is string => typeof entry === "string")
  ) {
    throw new Error(`The event-ruler oracle manifest ${ORACLE_MANIFEST} is malformed: ${BUILD_HINT}.`);
  }
  const missing = parsed.classpath.filter((entry) => !existsSync(entry));
  if (missing.length > 0) {
    throw new Error(`The event-ruler oracle is incomplete (missing ${missing.join(", ")}): ${BUILD_HINT}.`);
  }
  return {
    eventRulerVersion: parsed.eventRulerVersion,
    java: parsed.java,
    mainClass: parsed.mainClass,
    classpath: parsed.classpath,
  };
}

function toVerdict(line: string): ExplainedVerdict {
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    throw new Error(`event-ruler oracle answered a line that is not JSON: ${line}`);
  }
  if (isRecord(parsed)) {
    if (typeof parsed.result === "boolean") {
      const verdict: { result: boolean; compiler?: string; acFinder?: boolean | string } = {
        result: parsed.result,
      };
      if (typeof parsed.compiler === "string") verdict.compiler = parsed.compiler;
      if (typeof parsed.acFinder === "boolean" || typeof parsed.acFinder === "string") {
        verdict.acFinder = parsed.acFinder;
      }
      return verdict;
    }
    if (typeof parsed.error === "string") {
      const verdict: { error: string; addRule?: string; where?: string } = { error: parsed.error };
      if (typeof parsed.addRule === "string") verdict.addRule = parsed.addRule;
      if (typeof parsed.where === "string") verdict.where = parsed.where;
      return verdict;
    }
  }
  throw new Error(`event-ruler oracle answered an unexpected line: ${line}`);
}

/**
 * JSON text for a parsed value, as close as possible to the text it was parsed from: unlike
 * JSON.stringify it keeps -0 (a JSON event may spell "-0"), writes BigInts as plain integers, and
 * writes NaN/Infinity raw — not JSON, so event-ruler rejects them, as it would any text that cannot
 * carry them (JSON.stringify would silently turn them into null). Returns undefined for values JSON
 * has no text for at all (undefined, functions, symbols).
 */
export function toJsonText(value: unknown): string | undefined {
  switch (typeof value) {
    case "string":
      return JSON.stringify(value);
    case "boolean":
      return value ? "true" : "false";
    case "number":
      if (Object.is(value, -0)) return "-0";
      return Number.isFinite(value) ? JSON.stringify(value) : String(value);
    case "bigint":
      return value.toString();
    case "object": {
      if (value === null) return "null";
      if (Array.isArray(value)) {
        return `[${value.map((item: unknown) => toJsonText(item) ?? "null").join(",")}]`;
      }
      const toJSON: unknown = Reflect.get(value, "toJSON");
      if (typeof toJSON === "function") return toJsonText(toJSON.call(value));
      const members: string[] = [];
      for (const [key, member] of Object.entries(value)) {
        const text = toJsonText(member);
        if (text !== undefined) members.push(`${JSON.stringify(key)}:${text}`);
      }
      return `{${members.join(",")}}`;
    }
    default:
      return undefined;
  }
}

function requestLine(pair: PatternEventPair): string {
  // A pattern or event JSON has no text for leaves its key out: the harness answers with an error.
  const members: string[] = [];
  const pattern = toJsonText(pair.pattern);
  if (pattern !== undefined) members.push(`"pattern":${pattern}`);
  const event = toJsonText(pair.event);
  if (event !== undefined) members.push(`"event":${event}`);
  return `{${members.join(",")}}`;
}

interface Pending {
  resolve(verdict: ExplainedVerdict): void;
  reject(error: Error): void;
}

function harnessArgs(manifest: Manifest, options: OracleOptions): string[] {
  // EventBridge's wildcard-complexity validation (see engine/pattern/syntax/wildcard-complexity.ts).
  const args = [
    "-Xss16m",
    "-XX:+UseSerialGC",
    "-cp",
    manifest.classpath.join(delimiter),
    manifest.mainClass,
    "--max-complexity",
    String(MAX_WILDCARD_COMPLEXITY),
  ];
  if (options.explain) args.push("--explain");
  return args;
}

/**
 * The command that runs the harness by hand (JSONL on stdin, one verdict per line on stdout).
 * Throws, saying how to build it, when the oracle is not built.
 */
export function oracleCommand(options: OracleOptions = {}): { command: string; args: string[] } {
  const manifest = readManifest();
  return { command: manifest.java, args: harnessArgs(manifest, options) };
}

class JvmOracle implements Oracle {
  readonly eventRulerVersion: string;
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly pending: Pending[] = [];
  private stderrTail = "";
  private failure: Error | null = null;
  private readonly exited: Promise<void>;
  private writeChain: Promise<void> = Promise.resolve();

  constructor(manifest: Manifest, options: OracleOptions) {
    this.eventRulerVersion = manifest.eventRulerVersion;
    this.child = spawn(manifest.java, harnessArgs(manifest, options), { stdio: ["pipe", "pipe", "pipe"] });
    this.child.stdin.on("error", () => {
      // EPIPE after the JVM died: reported through the exit handler below.
    });
    this.child.stderr.setEncoding("utf8");
    this.child.stderr.on("data", (chunk: string) => {
      this.stderrTail = (this.stderrTail + chunk).slice(-4_000);
    });
    const lines = createInterface({ input: this.child.stdout, crlfDelay: Number.POSITIVE_INFINITY });
    lines.on("line", (line) => {
      const waiter = this.pending.shift();
      if (!waiter) {
        this.fail(new Error(`event-ruler oracle answered a line nobody asked for: ${line}`));
        return;
      }
      try {
        waiter.resolve(toVerdict(line));
      } catch (error) {
        waiter.reject(error instanceof Error ? error : new Error(String(error)));
      }
    });
    this.exited = new Promise((resolveExit) => {
      this.child.on("error", (error) => {
        this.fail(new Error(`cannot start the event-ruler oracle (${manifest.java}): ${error.message}`));
        resolveExit();
      });
      this.child.on("close", (code, signal) => {
        this.fail(
          new Error(
            `the event-ruler oracle JVM exited (code ${code}, signal ${signal})` +
              (this.stderrTail ? `; stderr:\n${this.stderrTail}` : ""),
          ),
        );
        resolveExit();
      });
    });
  }

  private fail(error: Error): void {
    if (this.failure === null) this.failure = error;
    for (const waiter of this.pending.splice(0)) waiter.reject(error);
  }

  judge(pairs: readonly PatternEventPair[]): Promise<ExplainedVerdict[]> {
    if (this.failure) return Promise.reject(this.failure);
    const answers = pairs.map(
      () =>
        new Promise<ExplainedVerdict>((resolveOne, rejectOne) => {
          this.pending.push({ resolve: resolveOne, reject: rejectOne });
        }),
    );
    // Lines must reach the JVM in the order their waiters were queued: chain the writes.
    this.writeChain = this.writeChain.then(() => this.write(pairs));
    return Promise.all(answers);
  }

  private async write(pairs: readonly PatternEventPair[]): Promise<void> {
    for (let start = 0; start < pairs.length; start += BATCH_LINES) {
      if (this.failure) return;
      const chunk = `${pairs
        .slice(start, start + BATCH_LINES)
        .map(requestLine)
        .join("\n")}\n`;
      if (!this.child.stdin.write(chunk) && !this.failure) {
        await new Promise<void>((resolveDrain) => {
          const done = (): void => {
            this.child.stdin.off("drain", done);
            this.child.off("close", done);
            resolveDrain();
          };
          this.child.stdin.on("drain", done);
          this.child.on("close", done);
        });
      }
    }
  }

  async close(): Promise<void> {
    await this.writeChain;
    this.child.stdin.end();
    const timer = setTimeout(() => this.child.kill("SIGKILL"), 10_000);
    await this.exited;
    clearTimeout(timer);
  }
}

/**
 * Starts the event-ruler oracle JVM and checks that it answers. Throws, saying how to build it,
 * when scripts/setup-oracle.mjs has not been run.
 */
export async function startOracle(options: OracleOptions = {}): Promise<Oracle> {
  const oracle = new JvmOracle(readManifest(), options);
  const [match, reject] = await oracle.judge([
    { pattern: { a: ["b"] }, event: { a: "b" } },
    { pattern: { a: [] }, event: { a: "b" } },
  ]);
  if (!match || !("result" in match) || match.result !== true || !reject || !("error" in reject)) {
    await oracle.close();
    throw new Error(
      `the event-ruler oracle failed its self-check (got ${JSON.stringify([match, reject])}): ${BUILD_HINT}.`,
    );
  }
  return oracle;
}
