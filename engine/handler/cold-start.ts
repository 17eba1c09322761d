/**
 * What a deployed function builds once per cold start, and reuses across invocations: the
 * engine (from rule files), the services actions get, and the idempotency store.
 */
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { AwsClients, regionFromEnv } from "../../actions/aws-clients.js";
import type { ActionRegistry } from "../../actions/registry.js";
import type { ActionServices } from "../../actions/types.js";
import { Engine } from "../engine.js";
import { formatProblem, type Problem } from "../problem.js";
import { loadRuleSet } from "../rule-set.js";
import { DynamoDbIdempotencyStore } from "../runtime/dynamodb-idempotency-store.js";
import type { IdempotencyStore } from "../runtime/idempotency.js";
import { MemoryIdempotencyStore } from "../runtime/memory-idempotency-store.js";

/** Rule files with errors: the function must not start half-configured. */
export class RuleLoadError extends Error {
  override readonly name = "RuleLoadError";

  constructor(readonly problems: readonly Problem[]) {
    const lines = problems.map(formatProblem);
    super(`rulebridge: ${problems.length} error(s) in rule files:\n${lines.join("\n")}`);
  }
}

/**
 * Loads and compiles the rules for the handler. Unlike `rulebridge run`, which reports bad rules
 * and carries on with the good ones, a deployed function refuses to start: silently skipping a
 * rule in production would drop its events without anyone noticing. Also fails when no rule file
 * is found at all (a wrong RULEBRIDGE_RULES_DIR would otherwise look like "nothing matched").
 */
export async function loadEngine(
  paths: readonly string[],
  registry: ActionRegistry,
  cwd: string = process.cwd(),
): Promise<{ engine: Engine; warnings: Problem[] }> {
  const set = await loadRuleSet(paths, registry, cwd);
  const errors = set.problems.filter((p) => p.severity === "error");
  if (errors.length > 0) throw new RuleLoadError(errors);
  if (set.files.length === 0) {
    throw new Error(`rulebridge: no rule files found in ${paths.join(", ")} (cwd ${cwd})`);
  }
  return { engine: new Engine(set.rules), warnings: set.problems.filter((p) => p.severity === "warning") };
}

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
  return new DynamoDbIdempotencyStore({
    client: new DynamoDBClient({ region: regionFromEnv(env) }),
    tableName: table,
  });
}
