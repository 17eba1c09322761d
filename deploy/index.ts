/**
 * The deploy side of rulebridge, for CDK apps that embed it (`RuleBridge`) and for the CLI's
 * `rulebridge synth` (`synthesize`) and `diff`/`deploy`/`destroy` (the CDK toolkit: `deployStacks`…).
 */
export { bundleEngine, RULE_ARTIFACT_FILE, RULES_ARTIFACT_ENV } from "./bundle.js";
export { ruleConstructId } from "./construct-ids.js";
export { targetInputTemplate } from "./event-rule.js";
export { actionStatements, type EngineStatement } from "./iam-statements.js";
export { RuleBridge, type RuleBridgeProps, type RuleBridgeSettings } from "./rulebridge.js";
export { RuleBridgeStack, type RuleBridgeStackProps } from "./rulebridge-stack.js";
export { DEFAULT_SETTINGS, loadSettings, parseSettings, type Settings } from "./settings.js";
export { SETTINGS_SCHEMA } from "./settings-schema.js";
export { loadDeployRules, SynthError, type SynthOptions, type SynthResult, synthesize } from "./synth.js";
export {
  type DeployOutcome,
  type DeployRunOptions,
  type DestroyOutcome,
  type DestroyRunOptions,
  type DiffRunOptions,
  deployStacks,
  destroyStacks,
  diffStacks,
  type StackDiffSummary,
  ToolkitFailure,
  type ToolkitFailureKind,
  type ToolkitRunOptions,
} from "./toolkit.js";
export {
  type ProgressHostOptions,
  ProgressIoHost,
  type RequireApproval,
  type ToolkitOutput,
} from "./toolkit-io.js";
