/**
 * `rulebridge/actions`: the entry for action authors and for callers who want the built-ins. A
 * project's own action imports only from here, exactly as the built-ins do: the contract, then the
 * helpers the built-ins use for secrets, AWS and HTTP failures, and template-aware IAM scoping.
 */

export { ActionRegistry } from "../engine/action/registry.js";
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
} from "../engine/action/types.js";
export { AwsClients, regionFromEnv } from "./aws-clients.js";
export { builtinActions, registerBuiltins } from "./builtins.js";
export {
  type AwsErrorFacts,
  awsErrorFacts,
  awsFailure,
  awsFailureOf,
  callAws,
  isRetryableAwsError,
} from "./shared/aws-failure.js";
export { cachedSecret, REDACTED, readEnvSecret, redact, secretKey } from "./shared/secrets.js";
export { readSsmSecret, ssmParameterArn, ssmSecretStatements } from "./shared/ssm-secret.js";
export { connectionFailure, isAbort, isRetryableStatus, retryAfterMs } from "./shared/transient.js";
export { isTemplateString, literalPrefix, wildcardPattern } from "./template-string.js";
