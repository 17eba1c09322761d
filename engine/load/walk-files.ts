import type { Stats } from "node:fs";
import { readdir, realpath, stat } from "node:fs/promises";
import { join } from "node:path";

/** What walkFiles finds: a path that is not a folder (its caller decides what to do with it), or one it could not read. */
export type WalkEntry =
  | { kind: "file"; path: string; real: string; info: Stats; explicit: boolean }
  | { kind: "error"; path: string; error: unknown };

export interface WalkOptions {
  /** Whether a name found inside a folder is taken; a path given explicitly always is. */
  accept(name: string): boolean;
  /** Folder names not entered, beyond the hidden ones (never entered). */
  skipFolder?(name: string): boolean;
  /** Real paths already walked: share one between calls so each real file comes once. */
  seen?: Set<string>;
}

/**
 * Expands a path into what lies under it, for rule files and event files alike: folders recursively
 * and sorted (deterministic output), hidden entries skipped, each real path once however many links
 * lead to it (symlink cycles end). Entries that cannot be read come as errors, never exceptions.
 * A found path need not be a regular file: callers refuse FIFOs and devices with their own message.
 */
export function walkFiles(path: string, opts: WalkOptions): AsyncGenerator<WalkEntry> {
  return walk(path, opts, true, opts.seen ?? new Set<string>());
}

async function* walk(
  path: string,
  opts: WalkOptions,
  explicit: boolean,
  seen: Set<string>,
): AsyncGenerator<WalkEntry> {
  let real: string;
  let info: Stats;
  try {
    real = await realpath(path);
    info = await stat(real);
  } catch (error) {
    yield { kind: "error", path, error };
    return;
  }
  if (seen.has(real)) return;
  seen.add(real);
  if (!info.isDirectory()) {
    yield { kind: "file", path, real, info, explicit };
    return;
  }
  let entries: string[];
  try {
    entries = (await readdir(real)).sort();
  } catch (error) {
    yield { kind: "error", path, error };
    return;
  }
  for (const entry of entries) {
    if (entry.startsWith(".")) continue;
    const child = join(path, entry);
    const childInfo = await stat(child).catch(() => undefined);
    if (childInfo?.isDirectory() ? !opts.skipFolder?.(entry) : opts.accept(entry)) {
      yield* walk(child, opts, false, seen);
    }
  }
}
