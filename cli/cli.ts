import type { ActionRegistry } from "../engine/action/registry.js";
import { packageVersion } from "../engine/package-root.js";
import { UsageError } from "./args.js";
import { runCommand } from "./command.js";
import { COMMAND_LIST, findCommand } from "./commands/index.js";
import { type CliIo, EXIT, type ExitCode } from "./io.js";

/** `rulebridge --help`, generated from the command list. */
export function mainHelp(): string {
  const width = Math.max(...COMMAND_LIST.map((c) => c.synopsis.length)) + 2;
  const lines = COMMAND_LIST.map((c) => `  ${c.synopsis.padEnd(width)}${c.summary}`);
  return `rulebridge — YAML rules in, event-driven AWS automation out

Usage: rulebridge <command> [options]

Commands:
${lines.join("\n")}

Options:
  -h, --help   this help (\`rulebridge <command> --help\` for a command's options)
  --version    print rulebridge's version

Commands that read the rules project find it in the folder holding rulebridge.yaml (the current
folder or its nearest parent; --settings FILE to choose), with the project's own actions.
Exit codes: 0 clean, 1 findings (problems, no match, failed actions), 2 usage or invalid input,
3 internal error (a bug: please report it).
`;
}

/**
 * The whole CLI as a plain function: arguments and io in, exit code out. Never throws.
 * `registry`: actions to start from instead of the built-ins (the project's own are added to it).
 */
export async function cli(argv: readonly string[], io: CliIo, registry?: ActionRegistry): Promise<ExitCode> {
  const [name, ...rest] = argv;
  if (name === "--version" || name === "-v") {
    io.stdout(`${packageVersion()}\n`);
    return EXIT.ok;
  }
  if (name === undefined || name === "-h" || name === "--help" || name === "help") {
    const topic = name === "help" ? rest[0] : undefined;
    const entry = topic !== undefined ? findCommand(topic) : undefined;
    io.stdout(entry ? (await entry.load()).help : mainHelp());
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  const entry = findCommand(name);
  if (!entry) {
    io.stderr(`rulebridge: unknown command "${name}"\n\n${mainHelp()}`);
    return EXIT.usage;
  }
  try {
    return await runCommand(await entry.load(), rest, io, registry);
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr(`rulebridge ${name}: ${err.message}\nRun \`rulebridge ${name} --help\` for usage.\n`);
      return EXIT.usage;
    }
    io.stderr(`rulebridge ${name}: internal error: ${(err as Error).stack ?? String(err)}\n`);
    return EXIT.internal;
  }
}
