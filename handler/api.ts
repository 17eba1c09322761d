/**
 * The `rulebridge/handler` entry: the Lambda handler as a library, for a function of your own
 * (your own bundling, or actions registered in code). Importing it starts nothing; `index.ts`
 * beside it is the ready-made function over RULEBRIDGE_RULES_DIR (`index.handler`), and synth's
 * bundle starts from the rule artifact instead.
 */
export {
  defaultServices,
  IDEMPOTENCY_TABLE_ENV,
  loadEngine,
  RuleLoadError,
  storeFromEnv,
} from "./cold-start.js";
export {
  createHandler,
  type EngineHandlerOptions,
  type HandlerOptions,
  InvocationError,
} from "./create-handler.js";
export {
  DynamoDbIdempotencyStore,
  type DynamoDbIdempotencyStoreOptions,
} from "./dynamodb-idempotency-store.js";
export type {
  HandlerResult,
  InvocationSummary,
  LambdaContext,
  LambdaHandler,
  SqsBatchResponse,
} from "./lambda-contract.js";
