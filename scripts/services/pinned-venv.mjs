// One pinned Python tool in a venv under .cache/<tool>/ (moto, cfn-lint). The venv's directory name
// carries a hash of the lock file and the interpreter, so a pin change or a different Python builds a
// new venv instead of patching an old one; a marker written last tells a finished venv from one a killed
// install left half-built. The caller holds the install lock.

import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { cacheDir, readJson, rel, run, runAsync, SetupError, seconds, sha256Hex, tail } from "./common.mjs";

const pipCache = join(cacheDir, "pip");
const MARKER = ".rulebridge-complete.json";
const STALE_VENV_MS = 24 * 60 * 60_000;

/**
 * @param {object} spec
 * @param {string} spec.tool          name in messages, e.g. "moto"
 * @param {string} spec.dir           folder holding the venvs
 * @param {string} spec.lockFile      pip requirements with every pin
 * @param {RegExp} spec.pin           captures the tool's pinned version from the lock file
 * @param {string} spec.binary        the venv's entry point that must exist (bin/<name>)
 * @param {[number, number]} spec.python  supported Python 3 minor versions, inclusive
 * @param {(venv: string) => string | undefined} spec.installedVersion  what the built venv reports
 * @param {(message: string) => void} spec.log
 * @returns {Promise<{version: string, python: string, venv: string, binary: string}>}
 */
export async function installPinnedVenv(spec, { force = false } = {}) {
  const started = Date.now();
  const lockText = readFileSync(spec.lockFile, "utf8");
  const pinned = spec.pin.exec(lockText);
  if (!pinned) throw new SetupError(`${rel(spec.lockFile)} does not pin ${spec.tool}`);
  const version = pinned[1];
  const python = findPython(spec.tool, spec.python);
  const key = sha256Hex(lockText, python.executable, python.version);
  const venv = join(spec.dir, `venv-${key.slice(0, 12)}`);
  const binary = join(venv, "bin", spec.binary);
  const section = { version, python: python.version, venv, binary };

  const marker = readJson(join(venv, MARKER));
  if (!force && marker !== null && marker.key === key && existsSync(binary)) {
    spec.log(
      `${spec.tool} ${version} is installed in ${rel(venv)} (Python ${python.version}); checked in ${seconds(started)}`,
    );
    return section;
  }

  spec.log(`installing ${spec.tool} ${version} into ${rel(venv)} with Python ${python.version} ...`);
  rmSync(venv, { recursive: true, force: true });
  const created = run(python.executable, ["-m", "venv", venv]);
  if (created === null || created.status !== 0) {
    throw new SetupError(`could not create the ${spec.tool} venv ${rel(venv)}:\n${tail(created?.stderr)}`);
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
      spec.lockFile,
    ],
    { env: { ...process.env, PIP_CACHE_DIR: pipCache } },
  );
  if (pip === null || pip.status !== 0) {
    rmSync(venv, { recursive: true, force: true });
    throw new SetupError(
      `pip could not install the pinned ${spec.tool} (exit ${pip?.status ?? pip?.signal}); is PyPI reachable?\n` +
        tail(`${pip?.stdout ?? ""}\n${pip?.stderr ?? ""}`),
    );
  }
  spec.log(`pip installed ${spec.tool} and its dependencies in ${seconds(pipStarted)}`);

  const installed = spec.installedVersion(venv);
  if (installed !== version || !existsSync(binary)) {
    rmSync(venv, { recursive: true, force: true });
    throw new SetupError(
      `the ${spec.tool} venv ${rel(venv)} does not work: expected ${spec.tool} ${version}, got ${JSON.stringify(installed ?? "nothing")}`,
    );
  }
  writeFileSync(join(venv, MARKER), JSON.stringify({ key, version, builtAt: new Date().toISOString() }));
  pruneOldVenvs(spec, venv);
  spec.log(`${spec.tool} ${version} ready in ${seconds(started)}`);
  return section;
}

/** The interpreter the venv is built from: RULEBRIDGE_PYTHON, else python3 on PATH. */
function findPython(tool, [minMinor, maxMinor]) {
  const command = process.env.RULEBRIDGE_PYTHON || "python3";
  const wanted =
    maxMinor === Number.POSITIVE_INFINITY ? `Python 3.${minMinor}+` : `Python 3.${minMinor}-3.${maxMinor}`;
  const probe = run(command, [
    "-c",
    "import sys, venv, ensurepip; print(sys.executable); print('%d.%d.%d' % sys.version_info[:3])",
  ]);
  if (probe === null) {
    throw new SetupError(`${tool} needs ${wanted} but \`${command}\` is not on PATH (set RULEBRIDGE_PYTHON)`);
  }
  if (probe.status !== 0) {
    throw new SetupError(
      `${tool} needs ${wanted} with the venv and ensurepip modules; \`${command}\` failed:\n${tail(probe.stderr)}\n` +
        "(Debian: apt-get install python3-venv)",
    );
  }
  const [executable, version] = probe.stdout.trim().split("\n");
  const [major, minor] = version.split(".").map(Number);
  if (major !== 3 || minor < minMinor || minor > maxMinor) {
    throw new SetupError(
      `${tool} needs ${wanted}, but ${executable} is Python ${version} (set RULEBRIDGE_PYTHON)`,
    );
  }
  return { executable, version };
}

function pruneOldVenvs(spec, keep) {
  if (!existsSync(spec.dir)) return;
  for (const entry of readdirSync(spec.dir)) {
    const path = join(spec.dir, entry);
    if (!entry.startsWith("venv-") || path === keep) continue;
    // Another checkout's test run may still be using an older venv; only prune ones nobody touched lately.
    if (Date.now() - statSync(path).mtimeMs > STALE_VENV_MS) {
      spec.log(`removing an old ${spec.tool} venv ${rel(path)}`);
      rmSync(path, { recursive: true, force: true });
    }
  }
}
