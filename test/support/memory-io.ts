import type { CliIo } from "../../cli/io.js";

/** An in-memory CliIo: the CLI runs as a plain function and tests read what it wrote. */
export function memoryIo(opts: { stdin?: string; cwd?: string } = {}): CliIo & { out: string; err: string } {
  const io = {
    out: "",
    err: "",
    stdout(text: string) {
      io.out += text;
    },
    stderr(text: string) {
      io.err += text;
    },
    readStdin: async () => opts.stdin ?? "",
    cwd: opts.cwd ?? process.cwd(),
    env: {},
    isTTY: false,
  };
  return io;
}
