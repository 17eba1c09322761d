// Runs the pinned cfn-lint (scripts/setup-cfn-lint.mjs installs it into .cache/cfn-lint/) over a CloudFormation
// template and returns its findings. The first call in a test process runs the installer, which is quick when
// cfn-lint is cached and installs it from PyPI when not, so a fresh CI machine needs no manual step.
// Deliberately independent of test/support/services/: linting a template does not start moto or OpenSearch.

import { execFile, spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { dirname, isAbsolute, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const setupScript = join(repoRoot, "scripts", "setup-cfn-lint.mjs");
const manifestPath = join(repoRoot, ".cache", "cfn-lint", "cfn-lint.json");
const LINT_TIMEOUT_MS = 120_000;

export type CfnLintLevel = "Error" | "Warning" | "Informational";

export interface CfnLintFinding {
  /** Rule id, e.g. "E3002". */
  rule: string;
  level: CfnLintLevel;
  message: string;
  /** Where in the template, e.g. ["Resources", "Queue", "Properties", "VisibilityTimout"]; [] when cfn-lint gives none. */
  path: string[];
  /** The logical id of the resource the finding is in, when it is under Resources. */
  resource?: string;
}

export interface CfnLintOptions {
  /** Regions to validate against (cfn-lint's --regions); defaults to us-east-1. */
  regions?: string[];
}

export interface CfnLintInstall {
  version: string;
  python: string;
  venv: string;
  cfnLint: string;
}

/** The outcome of one cfn-lint process, as interpretCfnLintRun needs it. */
export interface CfnLintRun {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

function tail(text: string, lines = 30): string {
  return text.trimEnd().split("\n").slice(-lines).join("\n");
}

let installing: Promise<CfnLintInstall> | undefined;

/**
 * Installs cfn-lint unless it is already there (once per test process) and says where it is. Slow only the
 * first time on a machine (about 10 s of pip); call it from a beforeAll so that time is not a test's.
 */
export function ensureCfnLint(): Promise<CfnLintInstall> {
  installing ??= runInstaller().catch((error: unknown) => {
    installing = undefined; // let a later call retry, e.g. after the network came back
    throw error;
  });
  return installing;
}

async function runInstaller(): Promise<CfnLintInstall> {
  let output = "";
  const status = await new Promise<string | number>((resolveStatus) => {
    const child = spawn(process.execPath, [setupScript], {
      cwd: repoRoot,
      stdio: ["ignore", "pipe", "pipe"],
    });
    const keep = (chunk: Buffer) => {
      output = (output + chunk.toString("utf8")).slice(-16_000);
    };
    child.stdout.on("data", keep);
    child.stderr.on("data", keep);
    child.once("error", (error) => resolveStatus(error.message));
    child.once("close", (code, signal) => resolveStatus(code ?? signal ?? "unknown"));
  });
  if (status !== 0) {
    throw new Error(
      `cfn-lint is not available: scripts/setup-cfn-lint.mjs failed (${status}):\n${tail(output)}\n` +
        "Fix the cause (it needs Python 3.10-3.14 with venv, and PyPI), then run `node scripts/setup-cfn-lint.mjs`.",
    );
  }
  // Say so when this run paid for an install; the quick "already installed" check stays quiet.
  if (output.includes("installing cfn-lint")) process.stdout.write(output);
  const install = JSON.parse(readFileSync(manifestPath, "utf8")) as CfnLintInstall;
  if (!existsSync(install.cfnLint)) {
    throw new Error(`scripts/setup-cfn-lint.mjs succeeded but ${install.cfnLint} does not exist`);
  }
  return install;
}

const LEVELS: ReadonlySet<string> = new Set<CfnLintLevel>(["Error", "Warning", "Informational"]);
// cfn-lint's exit status ORs these for the levels it found; 1 is a crash, 16 and up are usage errors
// (32: unsupported region).
const LEVEL_BITS: Record<CfnLintLevel, number> = { Error: 2, Warning: 4, Informational: 8 };
const FINDING_BITS = 2 | 4 | 8;

interface RawFinding {
  Filename?: unknown;
  Level?: unknown;
  Message?: unknown;
  Location?: { Path?: unknown } | null;
  Rule?: { Id?: unknown } | null;
}

function toFinding(raw: RawFinding, describe: () => string): CfnLintFinding {
  const rule = raw.Rule?.Id;
  const level = raw.Level;
  const message = raw.Message;
  const rawPath = raw.Location?.Path ?? [];
  if (typeof rule !== "string" || typeof level !== "string" || !LEVELS.has(level)) {
    throw new Error(`cfn-lint printed a finding this helper does not understand: ${JSON.stringify(raw)}`);
  }
  if (!Array.isArray(rawPath))
    throw new Error(`cfn-lint printed a finding with a bad path: ${JSON.stringify(raw)}`);
  // E0003 is cfn-lint rejecting its own configuration (say, a template it could not find): the helper's
  // caller made a mistake, which is not a finding about the template.
  if (rule === "E0003") throw new Error(`cfn-lint could not lint ${describe()}: ${String(message)}`);
  const path = rawPath.map(String);
  const finding: CfnLintFinding = { rule, level: level as CfnLintLevel, message: String(message), path };
  if (path[0] === "Resources" && path[1] !== undefined) finding.resource = path[1];
  return finding;
}

/**
 * Turns a finished `cfn-lint --format json` run into findings, or throws when cfn-lint crashed (exit 1,
 * a signal, usage errors >= 16) or printed something that does not agree with its exit status.
 */
export function interpretCfnLintRun(run: CfnLintRun, templatePath: string): CfnLintFinding[] {
  const describe = () => templatePath;
  const status = run.status;
  const output = () =>
    `\n--- stderr ---\n${tail(run.stderr) || "(empty)"}\n--- stdout ---\n${tail(run.stdout) || "(empty)"}`;
  if (status === null)
    throw new Error(`cfn-lint was killed by ${run.signal ?? "a signal"} linting ${templatePath}${output()}`);
  if ((status & ~FINDING_BITS) !== 0) {
    throw new Error(`cfn-lint failed (exit ${status}) linting ${templatePath}${output()}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(run.stdout);
  } catch {
    throw new Error(`cfn-lint (exit ${status}) did not print JSON for ${templatePath}${output()}`);
  }
  if (!Array.isArray(parsed)) {
    throw new Error(
      `cfn-lint (exit ${status}) printed JSON that is not a list for ${templatePath}${output()}`,
    );
  }
  const findings = parsed.map((raw: RawFinding) => toFinding(raw, describe));
  const found = findings.reduce((bits, finding) => bits | LEVEL_BITS[finding.level], 0);
  // A level in the exit status with no finding of that level means the output is not what cfn-lint found.
  if ((status & ~found) !== 0) {
    throw new Error(
      `cfn-lint exited ${status} but printed findings only for bits ${found} linting ${templatePath}${output()}`,
    );
  }
  return findings;
}

/** Lints one CloudFormation template (JSON or YAML) with the pinned cfn-lint; resolves every finding. */
export async function cfnLint(templatePath: string, opts: CfnLintOptions = {}): Promise<CfnLintFinding[]> {
  const absolute = isAbsolute(templatePath) ? templatePath : resolve(repoRoot, templatePath);
  if (!existsSync(absolute)) throw new Error(`cfnLint: no template at ${absolute}`);
  const regions = opts.regions ?? ["us-east-1"];
  if (regions.length === 0) throw new Error("cfnLint: regions must not be empty");
  const { cfnLint: executable } = await ensureCfnLint();
  // "--" ends --regions' list, which would otherwise swallow the template path.
  const args = ["--format", "json", "--regions", ...regions, "--", absolute];
  const run = await new Promise<CfnLintRun>((resolveRun, rejectRun) => {
    execFile(
      executable,
      args,
      { cwd: repoRoot, timeout: LINT_TIMEOUT_MS, maxBuffer: 64 * 1024 * 1024, encoding: "utf8" },
      (error, stdout, stderr) => {
        if (error && typeof error.code !== "number" && error.signal == null) {
          rejectRun(new Error(`could not run ${executable}: ${error.message}`));
          return;
        }
        const status = error ? (typeof error.code === "number" ? error.code : null) : 0;
        resolveRun({ status, signal: (error?.signal as NodeJS.Signals | undefined) ?? null, stdout, stderr });
      },
    );
  });
  return interpretCfnLintRun(run, absolute);
}
