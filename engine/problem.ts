/**
 * A problem found in a rule file. Problems are values, not exceptions: validation collects
 * every one of them in a single run so a pull request shows all findings at once.
 */
export type Severity = "error" | "warning";

export interface Problem {
  /** Stable identifier, e.g. `UNKNOWN_ACTION`; tests and tools key on it, never on the wording. */
  code: ProblemCode;
  severity: Severity;
  file: string;
  /** 1-based line and column of the offending node in the file. */
  line: number;
  col: number;
  message: string;
}

/** Every code rulebridge can report, in one place so docs and tests can enumerate them. */
export const PROBLEM_CODES = {
  YAML_SYNTAX: "malformed YAML",
  DUPLICATE_KEY: "a mapping key appears twice",
  NOT_A_RULE: "a YAML document is not a mapping",
  SCHEMA_TYPE: "a value has the wrong type",
  SCHEMA_UNKNOWN_KEY: "a key the rule format does not define",
  SCHEMA_MISSING_KEY: "a required key is missing",
  SCHEMA_INVALID: "a value breaks the rule schema (enum, pattern, range, …)",
  UNKNOWN_ACTION: "an action type no registered action provides",
  INVALID_PATTERN: "an event pattern EventBridge would reject",
  PATTERN_TOO_LARGE: "an event pattern over EventBridge's default 2048-character quota (warning)",
  UNKNOWN_LOGIC_OP: "a JSON Logic operator that does not exist",
  FORBIDDEN_LOGIC_VAR: "a JSON Logic variable that reaches into prototypes",
  INVALID_LOGIC: "a malformed JSON Logic expression",
  TEMPLATE_SYNTAX: "a template that does not parse",
  UNKNOWN_TEMPLATE_ROOT: "a template variable rooted outside the context this rule has",
  UNKNOWN_LOGIC_ROOT: "a JSON Logic variable rooted outside the context this rule has",
  DUPLICATE_RULE_NAME: "two rules share a name",
  INVALID_ARN: "a malformed ARN",
  PLAINTEXT_SECRET: "a secret (e.g. a Slack webhook URL) written in clear text",
  INVALID_PARAM: "an action parameter its action rejects",
  IAM_WILDCARD_UNEXPLAINED: "an action's IAM statement grants Resource * without saying why (synth)",
  IO_ERROR: "a file or folder that cannot be read",
  ACTION_MODULE_NOT_FOUND: "an action module in rulebridge.yaml that cannot be found",
  ACTION_MODULE_COMPILE: "an action module that does not compile",
  ACTION_MODULE_IMPORT: "an action module that throws when imported",
  ACTION_MODULE_INVALID:
    "an action module whose default export is not a valid ActionDefinition (or array of them)",
  ACTION_TYPE_DUPLICATE: "an action module that registers a type already registered",
} as const;

export type ProblemCode = keyof typeof PROBLEM_CODES;

export function formatProblem(p: Problem): string {
  return `${p.file}:${p.line}:${p.col}: ${p.severity} ${p.code}: ${p.message}`;
}
