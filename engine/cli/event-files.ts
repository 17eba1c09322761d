import { readdir, readFile, stat } from "node:fs/promises";
import { extname, join, relative, resolve } from "node:path";

export interface EventDocument {
  /** `file`, `file:line` for JSON Lines, `stdin` or `stdin:line`. */
  origin: string;
  value: unknown;
}

export interface EventReadError {
  origin: string;
  message: string;
}

const EVENT_EXTENSIONS = new Set([".json", ".jsonl", ".ndjson"]);

/**
 * Reads events from files, folders (recursively, sorted) and `-` (stdin). A file is one JSON
 * value (an event, an envelope, or an array of them) or JSON Lines, one value per line.
 */
export async function readEventInputs(
  inputs: readonly string[],
  cwd: string,
  readStdin: () => Promise<string>,
): Promise<{ documents: EventDocument[]; errors: EventReadError[] }> {
  const documents: EventDocument[] = [];
  const errors: EventReadError[] = [];
  const files: string[] = [];
  for (const input of inputs) {
    if (input === "-") {
      parseText(await readStdin(), "stdin", documents, errors);
      continue;
    }
    const absolute = resolve(cwd, input);
    const info = await stat(absolute).catch(() => undefined);
    if (!info) {
      errors.push({ origin: input, message: "no such file or folder" });
    } else if (info.isDirectory()) {
      files.push(...(await walk(absolute)));
    } else {
      files.push(absolute);
    }
  }
  for (const file of files) {
    const shown = relative(cwd, file).startsWith("..") ? file : relative(cwd, file);
    const text = await readFile(file, "utf8").catch((err: Error) => {
      errors.push({ origin: shown, message: `cannot read: ${err.message}` });
      return undefined;
    });
    if (text !== undefined) parseText(text, shown, documents, errors);
  }
  return { documents, errors };
}

async function walk(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of (await readdir(dir, { withFileTypes: true })).sort((a, b) =>
    a.name.localeCompare(b.name),
  )) {
    if (entry.name.startsWith(".")) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await walk(path)));
    else if (EVENT_EXTENSIONS.has(extname(entry.name))) out.push(path);
  }
  return out;
}

function parseText(text: string, origin: string, documents: EventDocument[], errors: EventReadError[]): void {
  try {
    const value: unknown = JSON.parse(text);
    if (Array.isArray(value)) {
      value.forEach((v, i) => {
        documents.push({ origin: `${origin}[${i}]`, value: v });
      });
    } else {
      documents.push({ origin, value });
    }
    return;
  } catch {
    // Not one JSON document: try JSON Lines.
  }
  const lines = text.split(/\r?\n/);
  lines.forEach((line, i) => {
    if (line.trim() === "") return;
    try {
      documents.push({ origin: `${origin}:${i + 1}`, value: JSON.parse(line) });
    } catch (err) {
      errors.push({ origin: `${origin}:${i + 1}`, message: `not valid JSON: ${(err as Error).message}` });
    }
  });
}
