/**
 * `rulebridge/cdk`: the deploy side of rulebridge, for CDK apps that embed the engine (`RuleBridge`,
 * `RuleBridgeStack`) and for synthesizing a rules project (`synthesize`). The CDK toolkit that
 * `rulebridge diff`/`deploy`/`destroy` drive is the CLI's, not part of this entry.
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
