import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { checkEvent, checkPattern, matchPattern } from "../../engine/pattern/index.js";
import { UsageError } from "../args.js";
import { defineCommand } from "../command.js";
import { type CliIo, EXIT, type ExitCode } from "../io.js";

export const testPatternHelp = `Usage: rulebridge test-pattern --pattern P --event E
       rulebridge test-pattern --batch < pairs.jsonl

Tests an EventBridge event pattern against an event, with EventBridge's semantics.
P and E are JSON text, or @file to read a file.

Prints true or false. Exit: 0 match, 1 no match, 2 invalid pattern (the reason, as AWS
words it), invalid event (also one EventBridge cannot read: nested deeper than 1,000 levels,
a name over 50,000 characters, a string over 20,000,000, a number such as 1e400; the field is
named) or usage error.

--batch reads JSON Lines {"pattern": …, "event": …} on stdin and writes one line per input
line, in order: {"result": true|false} or {"error": "…"}. Exit 0 unless stdin cannot be read.
`;

export const command = defineCommand({
  name: "test-pattern",
  help: testPatternHelp,
  options: {
    pattern: { type: "string" },
    event: { type: "string" },
    batch: { type: "boolean" },
  },
  async run({ values, io }) {
    if (values.batch) {
      if (values.pattern !== undefined || values.event !== undefined) {
        throw new UsageError("--batch reads pairs from stdin; do not combine it with --pattern/--event");
      }
      return batch(io);
    }
    if (values.pattern === undefined || values.event === undefined) {
      throw new UsageError("test-pattern needs --pattern and --event (or --batch)");
    }
    const pattern = await readJsonArg(values.pattern, "--pattern", io);
    const event = await readJsonArg(values.event, "--event", io);
    const outcome = judge(pattern, event);
    if ("error" in outcome) {
      io.stderr(`${outcome.error}\n`);
      return EXIT.usage;
    }
    io.stdout(`${outcome.result}\n`);
    return outcome.result ? EXIT.ok : EXIT.findings;
  },
});

/** One pattern/event pair judged the way EventBridge's TestEventPattern would. */
export function judge(pattern: unknown, event: unknown): { result: boolean } | { error: string } {
  const invalid = checkPattern(pattern);
  if (invalid) return { error: invalid.message };
  if (event === null || typeof event !== "object" || Array.isArray(event)) {
    return { error: "Event must be a JSON object" };
  }
  // EventBridge refuses such an event; matched, it would only look like "no match".
  const unreadable = checkEvent(event);
  if (unreadable) return { error: `Event is not readable at ${unreadable.field}: ${unreadable.message}` };
  return { result: matchPattern(pattern, event) };
}

async function batch(io: CliIo): Promise<ExitCode> {
  const input = await io.readStdin();
  const out: string[] = [];
  for (const line of input.split(/\r?\n/)) {
    if (line.trim() === "") continue;
    let pair: unknown;
    try {
      pair = JSON.parse(line);
    } catch {
      out.push(JSON.stringify({ error: "line is not valid JSON" }));
      continue;
    }
    if (pair === null || typeof pair !== "object" || !("pattern" in pair) || !("event" in pair)) {
      out.push(JSON.stringify({ error: 'line must be an object with "pattern" and "event"' }));
      continue;
    }
    const { pattern, event } = pair as { pattern: unknown; event: unknown };
    out.push(JSON.stringify(judge(pattern, event)));
  }
  io.stdout(out.length > 0 ? `${out.join("\n")}\n` : "");
  return EXIT.ok;
}

async function readJsonArg(value: string, flag: string, io: CliIo): Promise<unknown> {
  let text = value;
  if (value.startsWith("@")) {
    try {
      text = await readFile(resolve(io.cwd, value.slice(1)), "utf8");
    } catch (err) {
      throw new UsageError(`${flag}: cannot read ${value.slice(1)}: ${(err as Error).message}`);
    }
  }
  try {
    // A byte order mark is allowed, as in rule files and event inputs.
    return JSON.parse(text.replace(/^\ufeff/, ""));
  } catch (err) {
    throw new UsageError(`${flag} is not valid JSON: ${(err as Error).message}`);
  }
}
