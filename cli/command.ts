import type { ParseArgsConfig } from "node:util";
import type { ActionRegistry } from "../engine/action/registry.js";
import { oneOf, parse, UsageError } from "./args.js";
import { type CliIo, EXIT, type ExitCode } from "./io.js";
import { formatProblems } from "./problem-format.js";
import type { Project } from "./project/load-project.js";

export type OptionSpecs = NonNullable<ParseArgsConfig["options"]>;

type Values<O extends OptionSpecs> = ReturnType<
  typeof parse<O & { help: { type: "boolean"; short: "h" }; settings: { type: "string" } }>
>["values"];

/** What a command's `run` receives once the shared preamble is done. */
export interface CommandInput<O extends OptionSpecs, F extends string = string> {
  values: Values<O>;
  positionals: string[];
  /** `--format`, checked against the command's formats (their first is the default). */
  format: F;
  io: CliIo;
  /** The rules project (settings, built-in and project actions, rules folder); present when the command asks. */
  project?: Project;
}

/**
 * A command as data. The preamble every command shares (strict parsing, `--help`, stray
 * positionals, `--format`, `--settings` and the project load) happens once, in `runCommand`.
 */
export interface CommandDefinition<O extends OptionSpecs = OptionSpecs, F extends string = string> {
  name: string;
  /** The full `--help` text. */
  help: string;
  options: O;
  /** Whether positional arguments are accepted (default: no). */
  positionals?: boolean;
  /** Accepted `--format` values, the default first. */
  formats?: readonly F[];
  /**
   * Whether the command needs the rules project. `report`: project problems are the command's to
   * show (check); `require`: a project with errors stops the command with exit 2.
   */
  project?: "require" | "report";
  run(input: CommandInput<O, F>): Promise<ExitCode>;
}

export function defineCommand<const O extends OptionSpecs, const F extends string = string>(
  definition: CommandDefinition<O, F>,
): CommandDefinition<O, F> {
  return definition;
}

const HELP = { help: { type: "boolean", short: "h" } } as const;
const SETTINGS = { settings: { type: "string" } } as const;
const FORMAT = { format: { type: "string" } } as const;

/** The shared preamble, then the command. Usage errors throw UsageError (the CLI prints them, exit 2). */
export async function runCommand(
  command: CommandDefinition,
  argv: readonly string[],
  io: CliIo,
  base: ActionRegistry | undefined,
): Promise<ExitCode> {
  const options: OptionSpecs = {
    ...command.options,
    ...HELP,
    ...(command.project ? SETTINGS : {}),
    ...(command.formats ? FORMAT : {}),
  };
  const { values, positionals } = parse(argv, options);
  if (values.help) {
    io.stdout(command.help);
    return EXIT.ok;
  }
  if (!command.positionals && positionals.length > 0)
    throw new UsageError(`unexpected argument "${positionals[0]}"`);
  const format = command.formats
    ? oneOf(values.format as string | undefined, command.formats, "--format", command.formats[0]!)
    : "";
  const settings = values.settings as string | undefined;
  if (settings === "") throw new UsageError("--settings needs a file");
  // Loaded on demand: commands without a project (and every --help) start without the actions.
  const project = command.project
    ? await (await import("./project/load-project.js")).loadProject({ cwd: io.cwd, settings, base })
    : undefined;
  if (project && command.project === "require") {
    const errors = project.problems.filter((p) => p.severity === "error");
    if (errors.length > 0) {
      io.stderr(formatProblems(errors, "text"));
      io.stderr(`\n${errors.length} error(s) in the project's settings or action modules\n`);
      return EXIT.usage;
    }
  }
  return command.run({ values: values as never, positionals, format, io, ...(project ? { project } : {}) });
}
