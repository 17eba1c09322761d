// Installs the pinned moto server into a venv under .cache/moto/ (see moto-requirements.txt for the pins).
// The venv's directory name carries a hash of the lock file and the interpreter, so a pin change or a
// different Python builds a new venv instead of patching an old one; a marker written last tells a
// finished venv from one a killed install left half-built.

import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import {
  cacheDir,
  log,
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

const lockFile = join(root, "scripts", "services", "moto-requirements.txt");
const motoDir = join(cacheDir, "moto");
const pipCache = join(cacheDir, "pip");
const MARKER = ".rulebridge-complete.json";
const STALE_VENV_MS = 24 * 60 * 60_000;

function pinnedMotoVersion(text) {
  const match = /^moto\[server\]==(\S+)$/m.exec(text);
  if (!match) throw new SetupError(`${rel(lockFile)} does not pin moto[server]==<version>`);
  return match[1];
}

/** The interpreter the venv is built from: RULEBRIDGE_PYTHON, else python3 on PATH. */
function findPython() {
  const command = process.env.RULEBRIDGE_PYTHON || "python3";
  const probe = run(command, [
    "-c",
    "import sys, venv, ensurepip; print(sys.executable); print('%d.%d.%d' % sys.version_info[:3])",
  ]);
  if (probe === null) {
    throw new SetupError(`moto needs Python 3.9+ but \`${command}\` is not on PATH (set RULEBRIDGE_PYTHON)`);
  }
  if (probe.status !== 0) {
    throw new SetupError(
      `moto needs Python 3.9+ with the venv and ensurepip modules; \`${command}\` failed:\n${tail(probe.stderr)}\n` +
        "(Debian: apt-get install python3-venv)",
    );
  }
  const [executable, version] = probe.stdout.trim().split("\n");
  const [major, minor] = version.split(".").map(Number);
  if (major !== 3 || minor < 9) {
    throw new SetupError(`moto needs Python 3.9+, but ${executable} is Python ${version}`);
  }
  return { executable, version };
}

function isComplete(venv, expected) {
  const marker = readJson(join(venv, MARKER));
  return marker !== null && marker.key === expected && existsSync(join(venv, "bin", "moto_server"));
}

function pruneOldVenvs(keep) {
  if (!existsSync(motoDir)) return;
  for (const entry of readdirSync(motoDir)) {
    const path = join(motoDir, entry);
    if (!entry.startsWith("venv-") || path === keep) continue;
    // Another checkout's test run may still be using an older venv; only prune ones nobody touched lately.
    if (Date.now() - statSync(path).mtimeMs > STALE_VENV_MS) {
      log(`removing an old moto venv ${rel(path)}`);
      rmSync(path, { recursive: true, force: true });
    }
  }
}

/** Returns the manifest section for moto, installing it first unless it is already there. */
export async function installMoto({ force = false } = {}) {
  const started = Date.now();
  const lockText = readFileSync(lockFile, "utf8");
  const version = pinnedMotoVersion(lockText);
  const python = findPython();
  const key = sha256Hex(lockText, python.executable, python.version);
  const venv = join(motoDir, `venv-${key.slice(0, 12)}`);
  const motoServer = join(venv, "bin", "moto_server");
  const section = { version, python: python.version, venv, motoServer };

  if (!force && isComplete(venv, key)) {
    log(
      `moto ${version} is installed in ${rel(venv)} (Python ${python.version}); checked in ${seconds(started)}`,
    );
    return section;
  }

  log(`installing moto[server]==${version} into ${rel(venv)} with Python ${python.version} ...`);
  rmSync(venv, { recursive: true, force: true });
  const created = run(python.executable, ["-m", "venv", venv]);
  if (created === null || created.status !== 0) {
    throw new SetupError(`could not create the moto venv ${rel(venv)}:\n${tail(created?.stderr)}`);
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
      `pip could not install the pinned moto (exit ${pip?.status ?? pip?.signal}); is PyPI reachable?\n` +
        tail(`${pip?.stdout ?? ""}\n${pip?.stderr ?? ""}`),
    );
  }
  log(`pip installed moto and its dependencies in ${seconds(pipStarted)}`);

  const check = run(join(venv, "bin", "python"), ["-c", "import moto; print(moto.__version__)"]);
  const installed = check?.stdout.trim();
  if (check === null || check.status !== 0 || installed !== version || !existsSync(motoServer)) {
    throw new SetupError(
      `the moto venv ${rel(venv)} does not work: expected moto ${version}, got ${installed ?? "nothing"}\n` +
        tail(check?.stderr),
    );
  }
  writeFileSync(join(venv, MARKER), JSON.stringify({ key, version, builtAt: new Date().toISOString() }));
  pruneOldVenvs(venv);
  log(`moto ${version} ready in ${seconds(started)}`);
  return section;
}
