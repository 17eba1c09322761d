// One measured process of bench/replay.mjs: a mode, the events file, and where to write the result
// (JSON: wall time, peak RSS, what the mode counted). Run alone so each peak RSS is its own.
import { createReadStream, writeFileSync } from "node:fs";
import { createInterface } from "node:readline";

const [mode, file, out, rules, baseRules] = process.argv.slice(2);
const start = performance.now();
let result;

if (mode === "baseline") {
  // The reference: a bare readline + JSON.parse pass over the same file.
  let events = 0;
  let sources = 0;
  const lines = createInterface({ input: createReadStream(file), crlfDelay: Number.POSITIVE_INFINITY });
  for await (const line of lines) {
    if (line === "") continue;
    const event = JSON.parse(line);
    events++;
    if (typeof event.source === "string") sources++;
  }
  result = { events, sources };
} else {
  const { cli } = await import("../dist/cli/cli.js");
  let stdout = "";
  let stderr = "";
  const io = {
    stdout: (t) => {
      if (mode !== "run-dry") stdout += t;
    },
    stderr: (t) => {
      stderr += t;
    },
    readStdin: async () => "",
    cwd: process.cwd(),
    env: process.env,
    isTTY: false,
  };
  const argv =
    mode === "run-dry"
      ? ["run", file, "--rules", rules, "--dry-run", "--format", "json"]
      : [
          "replay",
          file,
          "--rules",
          rules,
          "--format",
          "json",
          ...(mode === "replay-base" ? ["--base-rules", baseRules] : []),
          ...(mode === "replay-workers" ? ["--workers", "2"] : []),
          ...(mode === "replay-one-worker" ? ["--workers", "1"] : []),
          ...(mode === "replay-in-thread" ? ["--workers", "0"] : []),
        ];
  const code = await cli(argv, io);
  result =
    mode === "run-dry"
      ? { code, summary: stderr.trim().split("\n").at(-1) }
      : { code, report: JSON.parse(stdout) };
}
const ms = performance.now() - start;
writeFileSync(out, JSON.stringify({ mode, ms, maxRssMB: process.resourceUsage().maxRSS / 1024, ...result }));
