import { existsSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { registerBuiltins } from "../../actions/builtins.js";
import { defaultSettings, loadSettings, type Settings } from "../../deploy/settings.js";
import { ActionRegistry } from "../../engine/action/registry.js";
import type { RuleSource } from "../../engine/load/rule-file.js";
import type { Problem } from "../../engine/problem.js";
import { loadRuleSet, type RuleSet } from "../../engine/rule-set.js";
import { SchemaValidator } from "../../engine/schema/schema-validator.js";
import { importActionModule, type LoadedActionModule } from "./action-modules.js";

export const SETTINGS_FILE = "rulebridge.yaml";
const RULES_FOLDER = "rules";

/**
 * A rules project as every command sees it: the folder holding `rulebridge.yaml`, its settings,
 * the built-in actions plus the project's own, and where its rules are.
 */
export interface Project {
  /** The folder of the settings file; the working directory when there is none. */
  root: string;
  /** Absent when the project has no settings file (defaults apply). */
  settingsPath?: string;
  /** Absent when the settings file has errors. */
  settings?: Settings;
  /** Built-ins (or the caller's base registry) plus every project action that loaded. */
  registry: ActionRegistry;
  /** The project's action modules that loaded, in settings order. */
  actionModules: LoadedActionModule[];
  /** The project's default rules folder: `rules/` beside the settings file. */
  rulesDir: string;
  /** Problems of the settings file and the action modules, files relative to the working directory. */
  problems: Problem[];
}

export interface ProjectOptions {
  cwd: string;
  /** `--settings FILE`; default: rulebridge.yaml in cwd or its nearest parent. */
  settings?: string | undefined;
  /** Actions registered before the project's (default: the built-ins). */
  base?: ActionRegistry | undefined;
}

/** The nearest rulebridge.yaml at or above `cwd`. */
export function findSettings(cwd: string): string | undefined {
  let dir = resolve(cwd);
  for (;;) {
    const candidate = join(dir, SETTINGS_FILE);
    if (statSync(candidate, { throwIfNoEntry: false })?.isFile()) return candidate;
    const up = dirname(dir);
    if (up === dir) return undefined;
    dir = up;
  }
}

/**
 * The one way a command turns a folder into a project: settings, then each `actions:` module,
 * registered after the built-ins exactly as they are. Problems are collected, not thrown, and
 * point at the settings line that names the module.
 */
export async function loadProject(options: ProjectOptions): Promise<Project> {
  const cwd = resolve(options.cwd);
  const settingsPath = options.settings !== undefined ? resolve(cwd, options.settings) : findSettings(cwd);
  const root = settingsPath !== undefined ? dirname(settingsPath) : cwd;
  const registry = new ActionRegistry();
  if (options.base) for (const a of options.base.all()) registry.register(a);
  else registerBuiltins(registry);
  const shown = (file: string) => relative(cwd, file) || file;

  const project: Project = {
    root,
    registry,
    actionModules: [],
    rulesDir: join(root, RULES_FOLDER),
    problems: [],
  };
  if (settingsPath === undefined) {
    project.settings = defaultSettings();
    return project;
  }
  project.settingsPath = settingsPath;
  if (options.settings !== undefined && !existsSync(settingsPath)) {
    project.problems.push(problemAt(shown(settingsPath), undefined, [], "IO_ERROR", "no such settings file"));
    return project;
  }
  const loaded = await loadSettings(settingsPath);
  project.problems.push(...loaded.problems.map((p) => ({ ...p, file: shown(p.file) })));
  if (!loaded.settings) return project;
  project.settings = loaded.settings;

  for (const [i, specifier] of loaded.settings.actions.entries()) {
    const at = (code: Problem["code"], message: string) =>
      problemAt(shown(settingsPath), loaded.source, ["actions", i], code, message);
    const result = await importActionModule(specifier, root, root);
    if ("code" in result) {
      project.problems.push(at(result.code, `action module \`${specifier}\`: ${result.message}`));
      continue;
    }
    const fresh: typeof result.definitions = [];
    for (const def of result.definitions) {
      if (registry.has(def.type)) {
        project.problems.push(
          at(
            "ACTION_TYPE_DUPLICATE",
            `action module \`${specifier}\`: type \`${def.type}\` is already registered`,
          ),
        );
        continue;
      }
      const fault = SchemaValidator.schemaFault(def.paramsSchema);
      if (fault !== undefined) {
        project.problems.push(
          at(
            "ACTION_MODULE_INVALID",
            `action module \`${specifier}\`: \`${def.type}\` paramsSchema: ${fault}`,
          ),
        );
        continue;
      }
      try {
        registry.register(def);
        fresh.push(def);
      } catch (err) {
        project.problems.push(
          at("ACTION_MODULE_INVALID", `action module \`${specifier}\`: ${(err as Error).message}`),
        );
      }
    }
    if (fresh.length > 0) project.actionModules.push({ ...result, definitions: fresh });
  }
  return project;
}

/** The project's rules: the given files and folders (relative to cwd), or its rules folder. */
export function loadProjectRules(project: Project, paths: readonly string[], cwd: string): Promise<RuleSet> {
  const resolved = paths.length > 0 ? paths.map((p) => resolve(cwd, p)) : [project.rulesDir];
  return loadRuleSet(resolved, project.registry, cwd);
}

function problemAt(
  file: string,
  source: RuleSource | undefined,
  path: (string | number)[],
  code: Problem["code"],
  message: string,
): Problem {
  const pos = source ? source.map.locate(path) : { line: 1, col: 1 };
  return { code, severity: "error", file, line: pos.line, col: pos.col, message };
}
