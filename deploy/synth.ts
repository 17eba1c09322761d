import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { App } from "aws-cdk-lib";
import { registerBuiltins } from "../actions/builtins.js";
import { ActionRegistry } from "../engine/action/registry.js";
import { formatProblem, type Problem } from "../engine/problem.js";
import { loadRuleSet, type RuleSet } from "../engine/rule-set.js";
import { unexplainedWildcards } from "./iam-wildcards.js";
import { RuleBridgeStack } from "./rulebridge-stack.js";
import { DEFAULT_SETTINGS, loadSettings, type Settings } from "./settings.js";

export interface SynthOptions {
  /** Folder of rule files (default `rules`). */
  rulesDir?: string;
  /** `rulebridge.yaml`; absent: the default settings. */
  settingsPath?: string;
  /** Cloud assembly folder (default `cdk.out`). */
  outDir?: string;
  /** Registry with the actions the rules use (default: the built-ins); must hold `actionModules`' actions. */
  registry?: ActionRegistry;
  /**
   * Absolute paths of the project's action modules (.ts, .mts, .js, .mjs; default export an
   * ActionDefinition or an array of them), bundled into the engine and registered beside the built-ins.
   */
  actionModules?: readonly string[];
}

export interface SynthResult {
  templatePath: string;
  /** The template as written to `templatePath`. */
  template: Record<string, unknown>;
  /** Warnings from the rules and settings (errors throw `SynthError`). */
  warnings: Problem[];
}

/** Rules or settings with errors: nothing is synthesized, as the deployed function would refuse to start. */
export class SynthError extends Error {
  override readonly name = "SynthError";

  constructor(readonly problems: readonly Problem[]) {
    super(`rulebridge synth: ${problems.length} error(s):\n${problems.map(formatProblem).join("\n")}`);
  }
}

/** Loads rules the way deploy ships them: file paths relative to the rules folder. */
export async function loadDeployRules(rulesDir: string, registry: ActionRegistry): Promise<RuleSet> {
  const dir = resolve(rulesDir);
  return loadRuleSet([dir], registry, dir);
}

/**
 * `rulebridge synth`: rules + settings → CloudFormation template, offline (no credentials, no
 * lookups) and deterministic — the same inputs give a byte-identical template, since logical ids
 * come from rule names, the asset hash from the bundle's contents, and no analytics or
 * timestamps are written.
 */
export async function synthesize(options: SynthOptions = {}): Promise<SynthResult> {
  const rulesDir = resolve(options.rulesDir ?? "rules");
  const outDir = resolve(options.outDir ?? "cdk.out");
  const registry = options.registry ?? registerBuiltins(new ActionRegistry());

  const loaded: { settings?: Settings; problems: Problem[] } = options.settingsPath
    ? await loadSettings(options.settingsPath)
    : { settings: { ...DEFAULT_SETTINGS, tags: {} }, problems: [] };
  const ruleSet = await loadDeployRules(rulesDir, registry);
  const problems = [...loaded.problems, ...ruleSet.problems, ...unexplainedWildcards(ruleSet.rules)];
  const errors = problems.filter((p) => p.severity === "error");
  if (errors.length > 0 || !loaded.settings) throw new SynthError(errors);
  if (ruleSet.files.length === 0) {
    throw new SynthError([
      {
        code: "IO_ERROR",
        severity: "error",
        file: rulesDir,
        line: 1,
        col: 1,
        message: "no rule files found",
      },
    ]);
  }

  const app = new App({ outdir: outDir, analyticsReporting: false });
  const stack = new RuleBridgeStack(app, loaded.settings.stackName, {
    rules: ruleSet.rules,
    registry,
    ...(options.actionModules ? { actionModules: options.actionModules } : {}),
    // Beside the assembly, not in it: the assembly holds the staged copy `asset.<hash>`.
    bundleDir: join(`${outDir}.bundle`, "engine"),
    settings: loaded.settings,
  });
  const assembly = app.synth();
  const templatePath = assembly.getStackArtifact(stack.artifactId).templateFullPath;
  const template = JSON.parse(readFileSync(templatePath, "utf8")) as Record<string, unknown>;
  return { templatePath, template, warnings: problems.filter((p) => p.severity === "warning") };
}
