import { parseRuleFile, type RuleSource } from "../engine/load/rule-file.js";
import { readSourceText } from "../engine/load/source-text.js";
import type { Problem } from "../engine/problem.js";
import { SchemaValidator } from "../engine/schema/schema-validator.js";
import { SETTINGS_SCHEMA } from "./settings-schema.js";

/** Deploy settings (`rulebridge.yaml`) with defaults applied. */
export interface Settings {
  stackName: string;
  /** Absent: an env-agnostic stack (account and region come from the deploying credentials). */
  env?: { account?: string; region?: string };
  /** Bus of rules that name none; `default` is the account's default bus. */
  bus: string;
  functionName?: string;
  memory: number;
  timeout: number;
  logRetentionDays: number;
  /** SNS topic the engine's own alarms notify; absent: the alarms have no actions. */
  alarmTopicArn?: string;
  tags: Record<string, string>;
  /** The project's own action modules, as written (paths relative to the settings file, or package names). */
  actions: string[];
}

export const DEFAULT_SETTINGS: Settings = {
  stackName: "rulebridge",
  bus: "default",
  memory: 512,
  timeout: 60,
  logRetentionDays: 30,
  tags: {},
  actions: [],
};

let validator: SchemaValidator | undefined;

/**
 * Parses and validates settings text. Problems carry the file's line and column, like rule
 * problems, because the same YAML parser and schema validator produce them.
 */
export function parseSettings(
  file: string,
  text: string,
): { settings?: Settings; problems: Problem[]; source?: RuleSource } {
  const parsed = parseRuleFile(file, text);
  const problems: Problem[] = parsed.problems.map((p) =>
    // parseRuleFile says "rule document"; here the mapping is the settings file.
    p.code === "NOT_A_RULE" ? { ...p, code: "SCHEMA_TYPE", message: "settings must be a mapping" } : p,
  );
  if (problems.length > 0) return { problems };
  const source: RuleSource | undefined = parsed.sources[0];
  if (!source) return { settings: defaultSettings(), problems };
  validator ??= new SchemaValidator(SETTINGS_SCHEMA, "settings");
  const schemaProblems = validator.validate(source);
  if (parsed.sources.length > 1) {
    const pos = parsed.sources[1]!.map.locate([]);
    schemaProblems.push({
      code: "SCHEMA_INVALID",
      severity: "error",
      file,
      ...pos,
      message: "settings hold one YAML document; remove the extra `---` document",
    });
  }
  if (schemaProblems.length > 0) return { problems: schemaProblems };
  const value = source.value as Partial<Settings>;
  return {
    settings: {
      ...DEFAULT_SETTINGS,
      ...value,
      tags: { ...(value.tags ?? {}) },
      actions: [...(value.actions ?? [])],
    },
    problems,
    source,
  };
}

/** The settings of a project with no settings file, or an empty one. */
export function defaultSettings(): Settings {
  return { ...DEFAULT_SETTINGS, tags: {}, actions: [] };
}

/** Reads `rulebridge.yaml` (or another settings file). A missing file is an IO_ERROR problem. */
export async function loadSettings(
  path: string,
): Promise<{ settings?: Settings; problems: Problem[]; source?: RuleSource }> {
  const read = await readSourceText(path);
  return "problem" in read ? { problems: [read.problem] } : parseSettings(path, read.text);
}
