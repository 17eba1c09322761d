import { resolve } from "node:path";
import type { SynthOptions } from "../../deploy/synth.js";
import type { Project } from "./load-project.js";

/** What synth, diff, deploy and destroy hand the CDK side: the project's paths, actions and modules. */
export function synthOptions(
  project: Project,
  given: { rules?: string | undefined; out?: string | undefined },
  cwd: string,
): SynthOptions & { outDir: string; rulesDir: string } {
  return {
    rulesDir: given.rules !== undefined ? resolve(cwd, given.rules) : project.rulesDir,
    ...(project.settingsPath !== undefined ? { settingsPath: project.settingsPath } : {}),
    outDir: resolve(cwd, given.out ?? "cdk.out"),
    registry: project.registry,
    actionModules: project.actionModules.map((m) => m.path),
  };
}
