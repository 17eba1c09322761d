/**
 * rulebridge's public API: load and check rule files, evaluate events, extend with actions.
 * Everything not re-exported here is internal and may change.
 */

export { AwsClients, regionFromEnv } from "../actions/aws-clients.js";
export { builtinActions, registerBuiltins } from "../actions/builtins.js";
export { ActionRegistry } from "../actions/registry.js";
export {
  type ActionDefinition,
  ActionFailure,
  type ActionPlan,
  type ActionResult,
  type ActionServices,
  type AwsClientFactory,
  type IamStatement,
  type JsonSchema,
  type ParamIssue,
  type PlanInput,
  type PlanStep,
  type RunInput,
} from "../actions/types.js";
export type { AlarmView } from "./alarm/index.js";
export { cli } from "./cli/cli.js";
export type { CliIo, ExitCode } from "./cli/io.js";
export type { CompiledAction, CompiledRule } from "./compile/rule-compiler.js";
export {
  type ActionOutcome,
  Engine,
  type EvaluateOptions,
  type Evaluation,
  type RuleDecision,
} from "./engine.js";
export { type InputError, type InputItem, type Unwrapped, unwrapInput } from "./envelope.js";
export { createHandler, type HandlerOptions, InvocationError } from "./handler/create-handler.js";
export { parseRuleFile, type RuleSource } from "./load/rule-file.js";
export { checkPattern, matchPattern, type PatternError, PatternIndex } from "./pattern/index.js";
export { formatProblem, PROBLEM_CODES, type Problem, type ProblemCode, type Severity } from "./problem.js";
export type { ActionSpec, AlarmTrigger, Rule } from "./rule.js";
export { compileSources, loadRuleSet, type RuleSet } from "./rule-set.js";
export {
  DynamoDbIdempotencyStore,
  type EventOutcome,
  Executor,
  type ExecutorOptions,
  type IdempotencyStore,
  MemoryIdempotencyStore,
} from "./runtime/index.js";
export { buildRuleSchema } from "./schema/rule-schema.js";
