/**
 * rulebridge's public API: load and check rule files, evaluate events, extend with actions.
 * Everything not re-exported here is internal and may change.
 */
export { builtinActions, registerBuiltins } from "../actions/builtins.js";
export { ActionRegistry } from "../actions/registry.js";
export type {
  ActionDefinition,
  ActionPlan,
  IamStatement,
  JsonSchema,
  ParamIssue,
  PlanInput,
  PlanStep,
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
export { parseRuleFile, type RuleSource } from "./load/rule-file.js";
export { checkPattern, matchPattern, type PatternError, PatternIndex } from "./pattern/index.js";
export { formatProblem, PROBLEM_CODES, type Problem, type ProblemCode, type Severity } from "./problem.js";
export type { ActionSpec, AlarmTrigger, Rule } from "./rule.js";
export { compileSources, loadRuleSet, type RuleSet } from "./rule-set.js";
export { buildRuleSchema } from "./schema/rule-schema.js";
