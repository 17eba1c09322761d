import { extname, relative } from "node:path";
import type { Problem } from "../problem.js";
import { type ParsedFile, parseRuleFile } from "./rule-file.js";
import { readSourceText } from "./source-text.js";
import { walkFiles } from "./walk-files.js";

const RULE_EXTENSIONS = new Set([".yaml", ".yml"]);

/** Files that sit in rules/ but are not rules (fixtures, settings). */
function isRuleFileName(name: string): boolean {
  return RULE_EXTENSIONS.has(extname(name)) && !/\.test\.ya?ml$/.test(name) && !name.startsWith(".");
}

/** Larger than any rule file; a device or a runaway file is refused before it is read. */
export const MAX_RULE_FILE_BYTES = 4 << 20;

/**
 * Expands files and folders (recursively, sorted for deterministic output) into rule files: each
 * real file once however many links lead to it (symlink cycles end), regular files only (a FIFO
 * or a device would hang or never end), none over MAX_RULE_FILE_BYTES. Paths that cannot be read
 * become IO_ERROR problems rather than exceptions.
 */
export async function collectRuleFiles(
  paths: readonly string[],
): Promise<{ files: string[]; problems: Problem[] }> {
  const files: string[] = [];
  const problems: Problem[] = [];
  const seen = new Set<string>();
  const options = { accept: isRuleFileName, skipFolder: (name: string) => name === "node_modules", seen };
  for (const p of paths) {
    for await (const entry of walkFiles(p, options)) {
      if (entry.kind === "error") problems.push(ioProblem(entry.path, entry.error));
      else if (!entry.info.isFile()) problems.push(ioProblem(entry.path, new Error("not a regular file")));
      else if (entry.info.size > MAX_RULE_FILE_BYTES) {
        problems.push(ioProblem(entry.path, new Error(`larger than ${MAX_RULE_FILE_BYTES} bytes`)));
      } else files.push(entry.path);
    }
  }
  return { files: [...new Set(files)], problems };
}

/** Reads and parses every rule file under `paths`; file names in problems are relative to `cwd`. */
export async function loadRuleFiles(
  paths: readonly string[],
  cwd: string = process.cwd(),
): Promise<ParsedFile & { files: string[] }> {
  const { files, problems } = await collectRuleFiles(paths);
  const sources: ParsedFile["sources"] = [];
  for (const file of files) {
    const shown = displayPath(file, cwd);
    const read = await readSourceText(file, shown);
    if ("problem" in read) {
      problems.push(read.problem);
      continue;
    }
    const parsed = parseRuleFile(shown, read.text);
    sources.push(...parsed.sources);
    problems.push(...parsed.problems);
  }
  return { files, sources, problems };
}

function displayPath(file: string, cwd: string): string {
  const rel = relative(cwd, file);
  return rel.startsWith("..") ? file : rel;
}

function ioProblem(file: string, err: unknown): Problem {
  const code = (err as NodeJS.ErrnoException).code;
  const message = code === "ENOENT" ? "no such file or folder" : `cannot read: ${(err as Error).message}`;
  return { code: "IO_ERROR", severity: "error", file, line: 1, col: 1, message };
}
