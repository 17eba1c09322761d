import { registerBuiltins } from "../../actions/builtins.js";
import { ActionRegistry } from "../../actions/registry.js";
import { UsageError } from "./args.js";
import { checkCommand, checkHelp } from "./commands/check.js";
import { deployCommand, deployHelp } from "./commands/deploy.js";
import { destroyCommand, destroyHelp } from "./commands/destroy.js";
import { diffCommand, diffHelp } from "./commands/diff.js";
import { encryptCommand, encryptHelp } from "./commands/encrypt.js";
import { explainCommand, explainHelp } from "./commands/explain.js";
import { graphCommand, graphHelp } from "./commands/graph.js";
import { initCommand, initHelp } from "./commands/init.js";
import { replayCommand, replayHelp } from "./commands/replay.js";
import { runCommand, runHelp } from "./commands/run.js";
import { schemaCommand, schemaHelp } from "./commands/schema.js";
import { synthCommand, synthHelp } from "./commands/synth.js";
import { testCommand, testHelp } from "./commands/test.js";
import { testPatternCommand, testPatternHelp } from "./commands/test-pattern.js";
import { type CliIo, EXIT, type ExitCode } from "./io.js";

export const mainHelp = `rulebridge — YAML rules in, event-driven AWS automation out

Usage: rulebridge <command> [options]

Commands:
  check [paths…]            validate rule files (schema and meaning), with file:line:col
  test-pattern              test an EventBridge pattern against an event (or --batch JSONL)
  test [rules…] [--update]  run rule fixtures (<rule>.test.yaml): expected match and rendered actions
  explain --event E         why each rule did or did not fire for an event
  run [inputs…] [--dry-run] evaluate rules against events and run (or plan) their actions
  replay [sources…]         rules over event history (files, S3, CloudTrail): counts per rule, PR impact
  schema                    print the JSON Schema for rule files
  encrypt --key K VALUE     KMS-encrypt a webhook URL for a rule file
  synth                     generate the CloudFormation template (offline, deterministic)
  diff                      compare the synthesized stack with the deployed one (AWS credentials)
  deploy [--yes]            deploy the stack with the CDK toolkit, streaming its progress
  destroy --force           delete the deployed stack
  init [dir]                scaffold a rules repository (example rule, fixture, schema, CI workflow)
  graph                     print sources → rules → actions → targets (Mermaid or Graphviz dot)

Run \`rulebridge <command> --help\` for a command's options.
Exit codes: 0 clean, 1 findings (problems, no match, failed actions), 2 usage or invalid input.
`;

interface Command {
  help: string;
  run(argv: readonly string[], io: CliIo, registry: ActionRegistry): Promise<ExitCode>;
}

/** Exported for the generated CLI reference (engine/reference), so new commands appear there. */
export const COMMANDS: Readonly<Record<string, Command>> = {
  check: { help: checkHelp, run: checkCommand },
  "test-pattern": { help: testPatternHelp, run: (argv, io) => testPatternCommand(argv, io) },
  run: { help: runHelp, run: runCommand },
  replay: { help: replayHelp, run: replayCommand },
  schema: { help: schemaHelp, run: schemaCommand },
  encrypt: { help: encryptHelp, run: (argv, io) => encryptCommand(argv, io) },
  synth: { help: synthHelp, run: (argv, io) => synthCommand(argv, io) },
  diff: { help: diffHelp, run: diffCommand },
  deploy: { help: deployHelp, run: deployCommand },
  destroy: { help: destroyHelp, run: destroyCommand },
  test: { help: testHelp, run: testCommand },
  explain: { help: explainHelp, run: explainCommand },
  init: { help: initHelp, run: initCommand },
  graph: { help: graphHelp, run: graphCommand },
};

/** The whole CLI as a plain function: arguments and io in, exit code out. Never throws. */
export async function cli(argv: readonly string[], io: CliIo, registry?: ActionRegistry): Promise<ExitCode> {
  const [name, ...rest] = argv;
  if (name === undefined || name === "-h" || name === "--help" || name === "help") {
    const topic = name === "help" ? rest[0] : undefined;
    const command = topic !== undefined ? COMMANDS[topic] : undefined;
    io.stdout(command ? command.help : mainHelp);
    if (name === undefined) return EXIT.usage;
    return EXIT.ok;
  }
  const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!command) {
    io.stderr(`rulebridge: unknown command "${name}"\n\n${mainHelp}`);
    return EXIT.usage;
  }
  try {
    return await command.run(rest, io, registry ?? registerBuiltins(new ActionRegistry()));
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr(`rulebridge ${name}: ${err.message}\nRun \`rulebridge ${name} --help\` for usage.\n`);
      return EXIT.usage;
    }
    io.stderr(`rulebridge ${name}: internal error: ${(err as Error).stack ?? String(err)}\n`);
    return EXIT.usage;
  }
}
