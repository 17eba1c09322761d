export { type ConditionIssue, checkCondition } from "./check-condition.js";
export {
  type CompiledCondition,
  ConditionError,
  compileCondition,
  InvalidConditionError,
} from "./compile-condition.js";
export { conditionVariables } from "./condition-variables.js";
export { deferCondition, loadConditionCompiler } from "./deferred-condition.js";
export { FORBIDDEN_SEGMENTS, OPERATORS, type OperatorSpec, REMOVED_OPERATORS } from "./operators.js";
