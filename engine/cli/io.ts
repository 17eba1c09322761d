/** Everything the CLI touches outside itself, so commands are plain functions tests can call. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** All of standard input as text. */
  readStdin(): Promise<string>;
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  /** Whether stdout is a terminal (colour, progress lines). */
  isTTY: boolean;
}

export type ExitCode = 0 | 1 | 2 | 3;

/** Exit codes shared by every command. */
/** 3 is kept for internal errors (bugs), so scripts can tell them from bad input. */
export const EXIT = { ok: 0, findings: 1, usage: 2, internal: 3 } as const satisfies Record<string, ExitCode>;

/** The real process's io, for the bin entry point. */
export function processIo(): CliIo {
  return {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    readStdin: async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks).toString("utf8");
    },
    cwd: process.cwd(),
    env: process.env,
    isTTY: Boolean(process.stdout.isTTY),
  };
}
