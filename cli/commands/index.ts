import type { CommandDefinition } from "../command.js";

/** One line of the main help, and how to load the command only when it runs. */
export interface CommandEntry {
  name: string;
  /** What follows `rulebridge` in the main help, e.g. `check [paths…]`. */
  synopsis: string;
  summary: string;
  load(): Promise<CommandDefinition>;
}

type Loaded = Promise<Record<string, unknown>>;

/** The module exports the definition as `command`. */
const from = (load: () => Loaded) => async () => (await load()).command as CommandDefinition;

/**
 * Every command, in main-help order. Modules load on demand, so `rulebridge --help` and a command
 * that needs no CDK never import it.
 */
export const COMMAND_LIST: readonly CommandEntry[] = [
  {
    name: "check",
    synopsis: "check [paths…]",
    summary: "validate rule files (schema and meaning), with file:line:col",
    load: from(() => import("./check.js")),
  },
  {
    name: "test-pattern",
    synopsis: "test-pattern",
    summary: "test an EventBridge pattern against an event (or --batch JSONL)",
    load: from(() => import("./test-pattern.js")),
  },
  {
    name: "test",
    synopsis: "test [rules…] [--update]",
    summary: "run rule fixtures (<rule>.test.yaml): expected match and rendered actions",
    load: from(() => import("./test.js")),
  },
  {
    name: "explain",
    synopsis: "explain --event E",
    summary: "why each rule did or did not fire for an event",
    load: from(() => import("./explain.js")),
  },
  {
    name: "run",
    synopsis: "run [inputs…] [--dry-run]",
    summary: "evaluate rules against events and run (or plan) their actions",
    load: from(() => import("./run.js")),
  },
  {
    name: "replay",
    synopsis: "replay [sources…]",
    summary: "rules over event history (files, S3, CloudTrail): counts per rule, PR impact",
    load: from(() => import("./replay.js")),
  },
  {
    name: "schema",
    synopsis: "schema [--write]",
    summary: "print the JSON Schema for rule files (built-in and project actions)",
    load: from(() => import("./schema.js")),
  },
  {
    name: "encrypt",
    synopsis: "encrypt --key K VALUE",
    summary: "KMS-encrypt a webhook URL for a rule file",
    load: from(() => import("./encrypt.js")),
  },
  {
    name: "synth",
    synopsis: "synth",
    summary: "generate the CloudFormation template (offline, deterministic)",
    load: from(() => import("./synth.js")),
  },
  {
    name: "diff",
    synopsis: "diff",
    summary: "compare the synthesized stack with the deployed one (AWS credentials)",
    load: from(() => import("./diff.js")),
  },
  {
    name: "deploy",
    synopsis: "deploy [--yes]",
    summary: "deploy the stack with the CDK toolkit, streaming its progress",
    load: from(() => import("./deploy.js")),
  },
  {
    name: "destroy",
    synopsis: "destroy --force",
    summary: "delete the deployed stack",
    load: from(() => import("./destroy.js")),
  },
  {
    name: "init",
    synopsis: "init [dir]",
    summary: "scaffold a rules repository (example rule, fixture, schema, CI workflow)",
    load: from(() => import("./init.js")),
  },
  {
    name: "graph",
    synopsis: "graph",
    summary: "print sources → rules → actions → targets (Mermaid or Graphviz dot)",
    load: from(() => import("./graph.js")),
  },
];

/** The command named, or undefined. */
export function findCommand(name: string): CommandEntry | undefined {
  return COMMAND_LIST.find((c) => c.name === name);
}
