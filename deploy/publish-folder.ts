import { existsSync, mkdirSync, renameSync, rmSync } from "node:fs";

/**
 * Writes a folder whole: `fill` writes into a temp folder beside `final`, which is then renamed
 * into place in one step, so a concurrent synthesis never reads a half-written one. Callers name
 * `final` after its content; when another process put it there first, that one is kept.
 */
export function publishFolder(final: string, fill: (dir: string) => void): void {
  const temp = `${final}.tmp-${process.pid}-${Math.random().toString(36).slice(2)}`;
  try {
    mkdirSync(temp, { recursive: true });
    fill(temp);
    try {
      renameSync(temp, final);
    } catch (err) {
      if (!existsSync(final)) throw err;
    }
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
}
