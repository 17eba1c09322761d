import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { App } from "aws-cdk-lib";
import { Template } from "aws-cdk-lib/assertions";
import { afterAll } from "vitest";
import { registerBuiltins } from "../../actions/builtins.js";
import { RuleBridgeStack } from "../../deploy/rulebridge-stack.js";
import { DEFAULT_SETTINGS, type Settings } from "../../deploy/settings.js";
import { loadDeployRules } from "../../deploy/synth.js";
import { ActionRegistry } from "../../engine/action/registry.js";

export const SEED_RULES = resolve("rules");

const scratch: string[] = [];
afterAll(() => {
  for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
});

/** A fresh folder removed after the test file. */
export function scratchDir(prefix = "rulebridge-deploy-"): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  scratch.push(dir);
  return dir;
}

/** A copy of the seed rules (only the rule files), to edit, rename or remove in a test. */
export function seedRulesCopy(): string {
  const dir = scratchDir("rulebridge-rules-");
  cpSync(SEED_RULES, dir, { recursive: true, filter: (src) => !src.endsWith(".json") });
  return dir;
}

export function editFile(path: string, edit: (text: string) => string): void {
  writeFileSync(path, edit(readFileSync(path, "utf8")));
}

export interface BuiltStack {
  stack: RuleBridgeStack;
  template: Template;
  json: { Resources: Record<string, { Type: string; Properties?: Record<string, unknown> }> };
}

/** The stack `rulebridge synth` would generate for `rulesDir`, built in memory. */
export async function buildStack(
  rulesDir: string = SEED_RULES,
  settings: Partial<Settings> = {},
): Promise<BuiltStack> {
  const registry = registerBuiltins(new ActionRegistry());
  const set = await loadDeployRules(rulesDir, registry);
  const errors = set.problems.filter((p) => p.severity === "error");
  if (errors.length > 0) throw new Error(JSON.stringify(errors));
  const app = new App({ outdir: scratchDir("rulebridge-out-"), analyticsReporting: false });
  const stack = new RuleBridgeStack(app, "Test", {
    rules: set.rules,
    bundleDir: join(scratchDir("rulebridge-bundle-"), "engine"),
    settings: { ...DEFAULT_SETTINGS, tags: {}, ...settings },
  });
  const template = Template.fromStack(stack);
  return { stack, template, json: template.toJSON() as BuiltStack["json"] };
}

/** Logical ids of every resource of the template. */
export function logicalIds(built: BuiltStack): string[] {
  return Object.keys(built.json.Resources).sort();
}
