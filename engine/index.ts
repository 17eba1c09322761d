/**
 * `rulebridge`: the core. Load and check rule files, match events, evaluate conditions and
 * render actions, and execute them through an ActionRegistry. Loads no CDK and no AWS SDK client:
 * the built-in actions are in `rulebridge/actions`, the Lambda handler in `rulebridge/handler`,
 * the CDK construct in `rulebridge/cdk`, the command line in `rulebridge/cli`.
 * Everything not exported here is internal and may change.
 */

export { ActionRegistry } from "./action/registry.js";
export {
  type ActionDefinition,
  ActionFailure,
  type ActionPlan,
  type ActionResult,
  type ActionServices,
  type AwsClientConfig,
  type AwsClientFactory,
  type CheckContext,
  type IamStatement,
  type JsonSchema,
  type ParamIssue,
  type PlanInput,
  type PlanStep,
  type RunInput,
} from "./action/types.js";
export type { AlarmView } from "./alarm/index.js";
export type { CompiledAction, CompiledRule } from "./compile/rule-compiler.js";
export {
  type ActionOutcome,
  Engine,
  type EvaluateOptions,
  type Evaluation,
  type RuleDecision,
} from "./engine.js";
export { type InputError, type InputItem, type Unwrapped, unwrapInput } from "./envelope.js";
export { parseRuleFile, type RuleSource } from "./load/rule-file.js";
export {
  checkPattern,
  type JsonValue,
  matchPattern,
  type PatternError,
  PatternIndex,
  PatternSyntaxError,
} from "./pattern/index.js";
export { formatProblem, PROBLEM_CODES, type Problem, type ProblemCode, type Severity } from "./problem.js";
export type { ActionSpec, AlarmTrigger, Rule } from "./rule.js";
export { compileSources, loadRuleSet, type RuleSet } from "./rule-set.js";
export { Executor, type ExecutorOptions } from "./runtime/executor.js";
export type { IdempotencyStore } from "./runtime/idempotency.js";
export { MemoryIdempotencyStore } from "./runtime/memory-idempotency-store.js";
export type { EventOutcome } from "./runtime/outcome.js";
export { buildRuleSchema } from "./schema/rule-schema.js";
