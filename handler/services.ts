/**
 * What every deployed function builds once per cold start whatever its rules come from: the
 * services actions get and the idempotency store. Kept apart from rule loading so the deployed
 * bundle, which reads a rule artifact, never pulls in the YAML loader or the schema validator.
 */
import { AwsClients, regionFromEnv } from "../actions/aws-clients.js";
import type { ActionServices } from "../engine/action/types.js";
import type { IdempotencyStore } from "../engine/runtime/idempotency.js";
import { MemoryIdempotencyStore } from "../engine/runtime/memory-idempotency-store.js";
import { DynamoDbIdempotencyStore } from "./dynamodb-idempotency-store.js";

/**
 * The services a deployed function gives actions: SDK clients in the function's region (their
 * endpoints from the SDK's own AWS_ENDPOINT_URL* settings), the global fetch, the environment,
 * and a secret cache that lives as long as the container, so a KMS-encrypted webhook is
 * decrypted once per cold start rather than once per event.
 */
export function defaultServices(
  env: Readonly<Record<string, string | undefined>> = process.env,
): ActionServices {
  return {
    aws: new AwsClients(regionFromEnv(env)),
    fetch: globalThis.fetch.bind(globalThis),
    env,
    secrets: new Map(),
  };
}

/** Names the DynamoDB table deploy creates for idempotency records. */
export const IDEMPOTENCY_TABLE_ENV = "RULEBRIDGE_IDEMPOTENCY_TABLE";

/**
 * DynamoDB when the table is configured (deployed functions), memory otherwise (a local run, or
 * a function deployed without the table, where only redeliveries to the same warm container are
 * deduplicated). The client keeps the SDK's own retries: unlike actions, whose retries the engine
 * owns, a store call has no retry loop around it.
 */
export function storeFromEnv(env: Readonly<Record<string, string | undefined>>): IdempotencyStore {
  const table = env[IDEMPOTENCY_TABLE_ENV];
  if (!table) return new MemoryIdempotencyStore();
  return new DynamoDbIdempotencyStore({ tableName: table, region: regionFromEnv(env) });
}
