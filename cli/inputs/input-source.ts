import { open as openFile } from "node:fs/promises";
import { extname, relative, resolve } from "node:path";
import type { Readable } from "node:stream";
import { walkFiles } from "../../engine/load/walk-files.js";

/** One place events are read from: a regular file, standard input, or an S3 object. */
export interface InputSource {
  /** As shown in messages: the path relative to the working directory, `stdin`, or `s3://…`. */
  name: string;
  /**
   * Opens the bytes (gzip is undone by the reader). Sources other than stdin open again each call.
   * `chunkBytes`: how much a file is read at once, where the reader has a preference. A file's
   * chunks are views of one buffer, which the next read fills again: a reader copies what it keeps
   * past asking for the next chunk (see fileChunks).
   */
  open(chunkBytes?: number): AsyncIterable<Buffer> | Promise<AsyncIterable<Buffer>>;
  /** Whether `open` can be called again (for a validating first pass over a JSON array). */
  reopenable: boolean;
}

/** A source that could not be used: named, with why; counted as invalid input, never an exception. */
export interface SourceError {
  origin: string;
  message: string;
}

/** Extensions read from folders; each also gzipped (`.json.gz`), as CloudTrail and archives keep them. */
const EVENT_EXTENSIONS = new Set([".json", ".jsonl", ".ndjson"]);

export function isEventFileName(name: string): boolean {
  if (name.startsWith(".")) return false;
  const base = name.endsWith(".gz") ? name.slice(0, -3) : name;
  return EVENT_EXTENSIONS.has(extname(base));
}

export interface ExpandOptions {
  cwd: string;
  stdin: () => Readable;
  /** Lists an `s3://bucket/prefix` location; loaded only when one is given (the core loads no SDK). */
  s3?: (url: string) => AsyncIterable<InputSource | SourceError>;
}

/**
 * Expands the inputs given into sources, in order: folders recursively and sorted, each real file
 * once however many links lead to it (symlink cycles end), only regular files (a FIFO or a device
 * would hang or never end), and unreadable entries as errors.
 */
export async function* expandSources(
  inputs: readonly string[],
  opts: ExpandOptions,
): AsyncGenerator<InputSource | SourceError> {
  const seen = new Set<string>();
  for (const input of inputs) {
    if (input === "-") {
      yield { name: "stdin", open: opts.stdin, reopenable: false };
    } else if (input.startsWith("s3://")) {
      if (!opts.s3) yield { origin: input, message: "S3 sources are not available here" };
      else yield* opts.s3(input);
    } else {
      yield* fileSources(resolve(opts.cwd, input), seen, opts.cwd);
    }
  }
}

async function* fileSources(
  path: string,
  seen: Set<string>,
  cwd: string,
): AsyncGenerator<InputSource | SourceError> {
  for await (const entry of walkFiles(path, { accept: isEventFileName, seen })) {
    const shown = displayPath(entry.path, cwd);
    if (entry.kind === "error") {
      yield { origin: shown, message: ioMessage(entry.error) };
    } else if (!entry.info.isFile()) {
      yield { origin: shown, message: "not a regular file (a pipe or device is read only as -)" };
    } else {
      const real = entry.real;
      // 64 KB reads by default: each chunk's text stays in V8's young generation and dies there; 1 MB
      // chunks went to the old generation, which then grew to several times what was live
      // (bench/README.md, Replay). Bytes kept as bytes (LineBatch) are read in larger pieces.
      yield {
        name: shown,
        open: (chunkBytes = 1 << 16) => fileChunks(real, chunkBytes),
        reopenable: true,
      };
    }
  }
}

/**
 * A file's bytes, `chunkBytes` at a time, read into two buffers in turn. A read stream allocates a
 * buffer per read, outside V8's heap; V8 counts that memory and, after some tens of megabytes of it,
 * runs a full collection: every few hundred milliseconds over a large file, which a replay paid
 * for in CPU time on both cores (bench/README.md, Replay). The next read is under way while the
 * caller works on a chunk (a replay's thread otherwise sat idle for each read); it fills the other
 * buffer, so a chunk stays as it is until the caller asks for the one after it.
 */
async function* fileChunks(path: string, chunkBytes: number): AsyncGenerator<Buffer> {
  const file = await openFile(path, "r");
  let reading: Promise<{ bytesRead: number }> | undefined;
  try {
    const buffers = [Buffer.allocUnsafeSlow(chunkBytes), Buffer.allocUnsafeSlow(chunkBytes)];
    let turn = 0;
    reading = file.read(buffers[0] as Buffer, 0, chunkBytes, null);
    for (;;) {
      const { bytesRead } = await reading;
      reading = undefined;
      if (bytesRead === 0) return;
      const chunk = (buffers[turn] as Buffer).subarray(0, bytesRead);
      turn ^= 1;
      reading = file.read(buffers[turn] as Buffer, 0, chunkBytes, null);
      yield chunk;
    }
  } finally {
    // A read still under way ends before the file closes (its error, if any, is of no use now).
    await reading?.catch(() => undefined);
    await file.close();
  }
}

export function isSourceError(s: InputSource | SourceError): s is SourceError {
  return "message" in s;
}

function displayPath(file: string, cwd: string): string {
  const rel = relative(cwd, file);
  return rel.startsWith("..") ? file : rel;
}

export function ioMessage(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === "ENOENT") return "no such file or folder";
  if (code === "ELOOP") return "too many levels of symbolic links";
  return `cannot read: ${(err as Error).message}`;
}
