// Shared plumbing for scripts/setup-services.mjs: logging, running commands, hashing, and the install lock.
// Plain ESM JavaScript (no build step) because it runs before anything is compiled.

import { spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const root = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const cacheDir = join(root, ".cache");
export const servicesDir = join(cacheDir, "services");
export const manifestPath = join(servicesDir, "services.json");

/** Error whose message is the whole story for the person reading the test run's output. */
export class SetupError extends Error {}

export function log(message) {
  process.stdout.write(`[setup-services] ${message}\n`);
}

export function rel(path) {
  return relative(root, path) || ".";
}

export function seconds(since) {
  return `${((Date.now() - since) / 1000).toFixed(1)}s`;
}

/**
 * Runs a command to completion. Returns { status, stdout, stderr }, or null when the command does not exist.
 * A timeout keeps a hung registry download from holding the test run forever.
 */
export function run(command, args, options = {}) {
  const result = spawnSync(command, args, {
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
    timeout: 10 * 60_000,
    ...options,
  });
  if (result.error) {
    if (result.error.code === "ENOENT") return null;
    throw new SetupError(`could not run ${command}: ${result.error.message}`);
  }
  return result;
}

/**
 * Like run(), without blocking: lets the moto pip install and the OpenSearch download proceed side by side.
 * Resolves { status, signal, stdout, stderr }, or null when the command does not exist.
 */
export function runAsync(command, args, { timeout = 10 * 60_000, ...options } = {}) {
  return new Promise((resolveRun, rejectRun) => {
    const child = spawn(command, args, { ...options, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    // Keep the tails only: pip and Maven can be chatty, and only the end explains a failure.
    child.stdout.on("data", (chunk) => {
      stdout = (stdout + chunk).slice(-256 * 1024);
    });
    child.stderr.on("data", (chunk) => {
      stderr = (stderr + chunk).slice(-256 * 1024);
    });
    const timer = setTimeout(() => child.kill("SIGKILL"), timeout);
    child.once("error", (error) => {
      clearTimeout(timer);
      if (error.code === "ENOENT") resolveRun(null);
      else rejectRun(new SetupError(`could not run ${command}: ${error.message}`));
    });
    child.once("close", (status, signal) => {
      clearTimeout(timer);
      resolveRun({ status, signal, stdout, stderr });
    });
  });
}

/** The last lines of a command's output, for error messages that must fit on a screen. */
export function tail(text, lines = 40) {
  return String(text ?? "")
    .trimEnd()
    .split("\n")
    .slice(-lines)
    .join("\n");
}

export function sha256Hex(...parts) {
  const hash = createHash("sha256");
  for (const part of parts) {
    hash.update(part);
    hash.update("\0");
  }
  return hash.digest("hex");
}

export function sha256File(path) {
  return createHash("sha256").update(readFileSync(path)).digest("hex");
}

export function isAlive(pid) {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === "EPERM";
  }
}

function sleepSync(ms) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * Serialises installs: several engineers (and their test runs) share one checkout, and two pip installs
 * into one venv, or two unzips into one directory, would corrupt each other. mkdir is atomic; the owner's
 * pid lets a lock left by a killed run be taken over instead of waited on.
 */
export async function withInstallLock(fn, { waitMs = 15 * 60_000 } = {}) {
  const lockDir = join(servicesDir, "install.lock");
  const ownerFile = join(lockDir, "owner.json");
  mkdirSync(servicesDir, { recursive: true });
  const deadline = Date.now() + waitMs;
  let announced = false;
  for (;;) {
    try {
      mkdirSync(lockDir);
      writeFileSync(ownerFile, JSON.stringify({ pid: process.pid, since: new Date().toISOString() }));
      break;
    } catch (error) {
      if (error.code !== "EEXIST") throw error;
    }
    let owner = null;
    try {
      owner = JSON.parse(readFileSync(ownerFile, "utf8"));
    } catch {
      // The owner may be between mkdir and writeFileSync: give it a moment unless the lock is old.
      const age = Date.now() - statSafe(lockDir);
      if (age > 30_000) owner = { pid: -1 };
    }
    if (owner !== null && !isAlive(owner.pid)) {
      log(`removing a stale install lock left by pid ${owner.pid}`);
      rmSync(lockDir, { recursive: true, force: true });
      continue;
    }
    if (Date.now() > deadline) {
      throw new SetupError(
        `timed out after ${waitMs / 1000}s waiting for the install lock ${rel(lockDir)} held by pid ${owner?.pid}`,
      );
    }
    if (!announced) {
      log(`another install (pid ${owner?.pid ?? "?"}) is running; waiting for it`);
      announced = true;
    }
    sleepSync(500);
  }
  const release = () => rmSync(lockDir, { recursive: true, force: true });
  process.once("exit", release);
  try {
    return await fn();
  } finally {
    release();
    process.removeListener("exit", release);
  }
}

function statSafe(path) {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return Date.now();
  }
}

export function readJson(path) {
  try {
    return JSON.parse(readFileSync(path, "utf8"));
  } catch {
    return null;
  }
}

export function writeJson(path, value) {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.tmp-${process.pid}`;
  writeFileSync(tmp, `${JSON.stringify(value, null, 2)}\n`);
  // rename is atomic: a concurrent reader sees the old or the new manifest, never half of one.
  renameSync(tmp, path);
}
