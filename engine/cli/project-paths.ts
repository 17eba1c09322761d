import { existsSync } from "node:fs";
import { resolve } from "node:path";

/**
 * Where commands find a project's files when not told: rule files under `rules/`, settings in
 * `rulebridge.yaml` when there is one, the cloud assembly in `cdk.out/`. Paths resolve against the
 * CLI's working directory.
 */
const DEFAULT_RULES = "rules";
const DEFAULT_SETTINGS = "rulebridge.yaml";
const DEFAULT_OUT = "cdk.out";

/** The rules folder given with --rules, or the default one. */
export function rulesDir(given: string | undefined, cwd: string): string {
  return resolve(cwd, given ?? DEFAULT_RULES);
}

/** The rule files and folders given, or the default folder. */
export function rulePaths(given: readonly string[] | undefined, cwd: string): string[] {
  if (given === undefined || given.length === 0) return [rulesDir(undefined, cwd)];
  return given.map((p) => resolve(cwd, p));
}

/** What synth, diff, deploy and destroy read and write. */
export interface ProjectPaths {
  rulesDir: string;
  /** Absent when not given and there is no rulebridge.yaml. */
  settingsPath?: string;
  outDir: string;
}

export function projectPaths(
  given: { rules?: string | undefined; settings?: string | undefined; out?: string | undefined },
  cwd: string,
): ProjectPaths {
  const defaultSettings = resolve(cwd, DEFAULT_SETTINGS);
  const settingsPath =
    given.settings !== undefined
      ? resolve(cwd, given.settings)
      : existsSync(defaultSettings)
        ? defaultSettings
        : undefined;
  return {
    rulesDir: rulesDir(given.rules, cwd),
    ...(settingsPath !== undefined ? { settingsPath } : {}),
    outDir: resolve(cwd, given.out ?? DEFAULT_OUT),
  };
}
