import type { Readable } from "node:stream";

/** Everything the CLI touches outside itself, so commands are plain functions tests can call. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** All of standard input as text. */
  readStdin(): Promise<string>;
  /** Standard input as a stream, for inputs larger than memory (default: readStdin's text). */
  stdinStream?(): Readable;
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  /** Whether stdout is a terminal (colour, progress lines). */
  isTTY: boolean;
  /** Whether stderr is a terminal: progress lines go there, and only then. */
  stderrIsTTY?: boolean;
  /** True once stdout's reader has gone (`| head -1`): commands stop printing and wind down. */
  stdoutClosed?(): boolean;
  /** Resolves when stdout has taken what was written (a slow reader must not make output pile up). */
  drain?(): Promise<void>;
}

export type ExitCode = 0 | 1 | 2 | 3;

/** Exit codes shared by every command. */
/** 3 is kept for internal errors (bugs), so scripts can tell them from bad input. */
export const EXIT = { ok: 0, findings: 1, usage: 2, internal: 3 } as const satisfies Record<string, ExitCode>;

/** The real process's io, for the bin entry point. */
export function processIo(): CliIo {
  // A closed pipe (`| head -1`) is EPIPE on the next write: stop writing instead of crashing.
  let closed = false;
  process.stdout.on("error", (err: NodeJS.ErrnoException) => {
    if (err.code !== "EPIPE") throw err;
    closed = true;
  });
  return {
    stdout: (t) => {
      if (!closed) process.stdout.write(t);
    },
    stderr: (t) => process.stderr.write(t),
    readStdin: async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks).toString("utf8");
    },
    stdinStream: () => process.stdin,
    cwd: process.cwd(),
    env: process.env,
    isTTY: Boolean(process.stdout.isTTY),
    stderrIsTTY: Boolean(process.stderr.isTTY),
    stdoutClosed: () => closed,
    drain: () =>
      closed || !process.stdout.writableNeedDrain
        ? Promise.resolve()
        : new Promise<void>((resolve) => {
            const done = (): void => {
              for (const event of ["drain", "error", "close"]) process.stdout.off(event, done);
              resolve();
            };
            for (const event of ["drain", "error", "close"]) process.stdout.on(event, done);
          }),
  };
}
