import { SynthError } from "../deploy/synth.js";
import { ToolkitFailure, type ToolkitRunOptions } from "../deploy/toolkit.js";
import { UsageError } from "./args.js";
import { type CliIo, EXIT, type ExitCode } from "./io.js";
import { formatProblems } from "./problem-format.js";
import type { Project } from "./project/load-project.js";
import { synthOptions } from "./project/synth-options.js";

/** Options `diff`, `deploy` and `destroy` share, for `parse()`. */
export const TOOLKIT_FLAGS = {
  rules: { type: "string" },
  out: { type: "string" },
  profile: { type: "string" },
  region: { type: "string" },
  verbose: { type: "boolean", short: "v" },
} as const;

/** Help lines for the shared options. */
export const TOOLKIT_FLAGS_HELP = `  --rules DIR        rule files folder (default: rules)
  --settings FILE    project settings (default: the nearest rulebridge.yaml)
  --out DIR          cloud assembly folder, as for synth (default: cdk.out)
  --profile NAME     AWS profile (default: AWS_PROFILE, else the default credential chain)
  --region REGION    region for a stack whose settings name none (default: AWS_REGION, else the profile's)
  -v, --verbose      also print the toolkit's debug messages`;

export interface ToolkitFlagValues {
  rules?: string | undefined;
  out?: string | undefined;
  profile?: string | undefined;
  region?: string | undefined;
  verbose?: boolean | undefined;
}

/** The shared flags as toolkit options: paths resolved against the CLI's cwd, output to its streams. */
export function toolkitRunOptions(values: ToolkitFlagValues, io: CliIo, project: Project): ToolkitRunOptions {
  for (const flag of ["profile", "region"] as const) {
    if (values[flag] === "") throw new UsageError(`--${flag} needs a value`);
  }
  return {
    ...synthOptions(project, values, io.cwd),
    ...(values.profile !== undefined ? { profile: values.profile } : {}),
    ...(values.region !== undefined ? { region: values.region } : {}),
    ...(values.verbose ? { verbose: true } : {}),
    output: { result: (t) => io.stdout(t), progress: (t) => io.stderr(t) },
  };
}

/**
 * What a failed toolkit command prints and returns: rules or settings with errors are invalid
 * input (2, as for synth); a refused approval, missing credentials or a failed deployment are 1.
 * Only the message: never a stack trace, never the credentials.
 */
export function toolkitFailure(command: string, err: unknown, io: CliIo): ExitCode {
  if (err instanceof SynthError) {
    io.stderr(formatProblems(err.problems, "text"));
    io.stderr(
      `\n${err.problems.length} error(s) in rules or settings; nothing was ${command === "diff" ? "compared" : "changed"}\n`,
    );
    return EXIT.usage;
  }
  if (err instanceof ToolkitFailure) {
    io.stderr(`rulebridge ${command}: ${err.alreadyPrinted ? "failed (the error is above)" : err.message}\n`);
    return EXIT.findings;
  }
  throw err;
}
