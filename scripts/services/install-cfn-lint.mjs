// Installs the pinned cfn-lint into a venv under .cache/cfn-lint/ (see cfn-lint-requirements.txt for the pins).
// Same shape as install-moto.mjs: the venv's directory name carries a hash of the lock file and the
// interpreter, so a pin change or a different Python builds a new venv instead of patching an old one; a
// marker written last tells a finished venv from one a killed install left half-built. The caller holds the
// install lock (scripts/setup-cfn-lint.mjs takes it).

import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import {
  cacheDir,
  readJson,
  rel,
  root,
  run,
  runAsync,
  SetupError,
  seconds,
  sha256Hex,
  tail,
} from "./common.mjs";

const lockFile = join(root, "scripts", "services", "cfn-lint-requirements.txt");
export const cfnLintDir = join(cacheDir, "cfn-lint");
/** What the last successful install recorded; test/support/cfn-lint.ts reads it. */
export const cfnLintManifestPath = join(cfnLintDir, "cfn-lint.json");
const pipCache = join(cacheDir, "pip");
const MARKER = ".rulebridge-complete.json";
const STALE_VENV_MS = 24 * 60 * 60_000;
// cfn-lint 1.58.0 declares Requires-Python >=3.10,<3.15.
const MIN_MINOR = 10;
const MAX_MINOR = 14;

export function log(message) {
  process.stdout.write(`[setup-cfn-lint] ${message}\n`);
}

function pinnedCfnLintVersion(text) {
  const match = /^cfn-lint==(\S+)$/m.exec(text);
  if (!match) throw new SetupError(`${rel(lockFile)} does not pin cfn-lint==<version>`);
  return match[1];
}

/** The interpreter the venv is built from: RULEBRIDGE_PYTHON, else python3 on PATH. */
function findPython() {
  const command = process.env.RULEBRIDGE_PYTHON || "python3";
  const wanted = `Python 3.${MIN_MINOR}-3.${MAX_MINOR}`;
  const probe = run(command, [
    "-c",
    "import sys, venv, ensurepip; print(sys.executable); print('%d.%d.%d' % sys.version_info[:3])",
  ]);
  if (probe === null) {
    throw new SetupError(
      `cfn-lint needs ${wanted} but \`${command}\` is not on PATH (set RULEBRIDGE_PYTHON)`,
    );
  }
  if (probe.status !== 0) {
    throw new SetupError(
      `cfn-lint needs ${wanted} with the venv and ensurepip modules; \`${command}\` failed:\n${tail(probe.stderr)}\n` +
        "(Debian: apt-get install python3-venv)",
    );
  }
  const [executable, version] = probe.stdout.trim().split("\n");
  const [major, minor] = version.split(".").map(Number);
  if (major !== 3 || minor < MIN_MINOR || minor > MAX_MINOR) {
    throw new SetupError(
      `cfn-lint needs ${wanted}, but ${executable} is Python ${version} (set RULEBRIDGE_PYTHON to another interpreter)`,
    );
  }
  return { executable, version };
}

function isComplete(venv, expected) {
  const marker = readJson(join(venv, MARKER));
  return marker !== null && marker.key === expected && existsSync(join(venv, "bin", "cfn-lint"));
}

function pruneOldVenvs(keep) {
  if (!existsSync(cfnLintDir)) return;
  for (const entry of readdirSync(cfnLintDir)) {
    const path = join(cfnLintDir, entry);
    if (!entry.startsWith("venv-") || path === keep) continue;
    // Another test run may still be linting with an older venv; only prune ones nobody touched lately.
    if (Date.now() - statSync(path).mtimeMs > STALE_VENV_MS) {
      log(`removing an old cfn-lint venv ${rel(path)}`);
      rmSync(path, { recursive: true, force: true });
    }
  }
}

/** Returns { version, python, venv, cfnLint }, installing cfn-lint first unless it is already there. */
export async function installCfnLint({ force = false } = {}) {
  const started = Date.now();
  const lockText = readFileSync(lockFile, "utf8");
  const version = pinnedCfnLintVersion(lockText);
  const python = findPython();
  const key = sha256Hex(lockText, python.executable, python.version);
  const venv = join(cfnLintDir, `venv-${key.slice(0, 12)}`);
  const cfnLint = join(venv, "bin", "cfn-lint");
  const section = { version, python: python.version, venv, cfnLint };

  if (!force && isComplete(venv, key)) {
    log(
      `cfn-lint ${version} is installed in ${rel(venv)} (Python ${python.version}); checked in ${seconds(started)}`,
    );
    return section;
  }

  log(`installing cfn-lint==${version} into ${rel(venv)} with Python ${python.version} ...`);
  rmSync(venv, { recursive: true, force: true });
  const created = run(python.executable, ["-m", "venv", venv]);
  if (created === null || created.status !== 0) {
    throw new SetupError(`could not create the cfn-lint venv ${rel(venv)}:\n${tail(created?.stderr)}`);
  }
  const pipStarted = Date.now();
  const pip = await runAsync(
    join(venv, "bin", "python"),
    [
      "-m",
      "pip",
      "install",
      "--no-input",
      "--disable-pip-version-check",
      "--require-virtualenv",
      "-r",
      lockFile,
    ],
    { env: { ...process.env, PIP_CACHE_DIR: pipCache } },
  );
  if (pip === null || pip.status !== 0) {
    rmSync(venv, { recursive: true, force: true });
    throw new SetupError(
      `pip could not install the pinned cfn-lint (exit ${pip?.status ?? pip?.signal}); is PyPI reachable?\n` +
        tail(`${pip?.stdout ?? ""}\n${pip?.stderr ?? ""}`),
    );
  }
  log(`pip installed cfn-lint and its dependencies in ${seconds(pipStarted)}`);

  const check = run(cfnLint, ["--version"]);
  const installed = check?.stdout.trim();
  if (check === null || check.status !== 0 || installed !== `cfn-lint ${version}`) {
    rmSync(venv, { recursive: true, force: true });
    throw new SetupError(
      `the cfn-lint venv ${rel(venv)} does not work: expected "cfn-lint ${version}", got ${JSON.stringify(installed ?? "nothing")}\n` +
        tail(check?.stderr),
    );
  }
  writeFileSync(join(venv, MARKER), JSON.stringify({ key, version, builtAt: new Date().toISOString() }));
  pruneOldVenvs(venv);
  log(`cfn-lint ${version} ready in ${seconds(started)}`);
  return section;
}
