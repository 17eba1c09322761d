import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const OWNER_FILE = "owner.pid";

function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error instanceof Error && "code" in error && error.code === "EPERM";
  }
}

/**
 * Removes run directories whose test run is gone. Several test runs may share a checkout, so a directory
 * is only removed when the process that made it is dead (it crashed before its teardown).
 */
export function pruneStaleRunDirs(base: string): void {
  if (!existsSync(base)) return;
  for (const entry of readdirSync(base)) {
    const dir = join(base, entry);
    let owner = Number.NaN;
    try {
      owner = Number(readFileSync(join(dir, OWNER_FILE), "utf8").trim());
    } catch {
      // No owner file: a run that died while creating it.
    }
    if (!isAlive(owner)) rmSync(dir, { recursive: true, force: true });
  }
}

/** A fresh directory for this test run's data and logs, named so concurrent runs never share one. */
export function createRunDir(base: string): string {
  pruneStaleRunDirs(base);
  const dir = join(base, `${new Date().toISOString().replace(/[:.]/g, "-")}-${process.pid}`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, OWNER_FILE), String(process.pid));
  return dir;
}
