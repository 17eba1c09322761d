import {
  CreateTableCommand,
  DeleteTableCommand,
  DynamoDBClient,
  GetItemCommand,
  ResourceNotFoundException,
} from "@aws-sdk/client-dynamodb";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { IDEMPOTENCY_TABLE } from "../../engine/runtime/idempotency.js";
import { DynamoDbIdempotencyStore } from "../../handler/dynamodb-idempotency-store.js";
import { describeStoreContract } from "../engine/runtime/idempotency-contract.js";
import { awsClientConfig, awsTestEnv, motoUrl, resetMoto, uniqueName } from "../support/services/index.js";

/**
 * The DynamoDB store against a real moto server (no mock of DynamoDB): conditional writes,
 * reserved words and the TTL attribute are checked by a real implementation of the API. The
 * file owns its worker's moto while it runs; the table is created here, as deploy would.
 */
const table = uniqueName("rulebridge-idem");
/** The contract's keys repeat across suites (`someone-else`): the store's own calls get a table of their own. */
const ownTable = uniqueName("rulebridge-idem-own");
let client: DynamoDBClient;

beforeAll(async () => {
  await resetMoto();
  client = new DynamoDBClient(awsClientConfig());
  for (const name of [table, ownTable]) {
    await client.send(
      new CreateTableCommand({
        TableName: name,
        AttributeDefinitions: [{ AttributeName: IDEMPOTENCY_TABLE.partitionKey, AttributeType: "S" }],
        KeySchema: [{ AttributeName: IDEMPOTENCY_TABLE.partitionKey, KeyType: "HASH" }],
        BillingMode: "PAY_PER_REQUEST",
      }),
    );
  }
});

afterAll(async () => {
  for (const name of [table, ownTable]) await client?.send(new DeleteTableCommand({ TableName: name }));
  client?.destroy();
});

describeStoreContract(
  "DynamoDbIdempotencyStore (moto)",
  (clock) => new DynamoDbIdempotencyStore({ client, tableName: table, clock }),
);

describeStoreContract("DynamoDbIdempotencyStore, its own DynamoDB calls (moto)", (clock) => {
  // What the deployed function uses: no SDK client; credentials from the environment (the SDK's chain).
  for (const [name, value] of Object.entries(awsTestEnv())) vi.stubEnv(name, value);
  return new DynamoDbIdempotencyStore({
    tableName: ownTable,
    region: "us-east-1",
    endpoint: motoUrl(),
    clock,
  });
});

describe("DynamoDbIdempotencyStore: the item", () => {
  it("holds the key parts, the status, the TTL in epoch seconds and the result as JSON", async () => {
    const now = Date.parse("2026-01-01T00:00:00Z");
    const store = new DynamoDbIdempotencyStore({ client, tableName: table, clock: { now: () => now } });
    const key = { eventId: "evt-item", rule: "rule-x", actionIndex: 2 };
    const r = await store.begin(key, 30);
    if (r.state !== "started") throw new Error("expected started");
    const pk = { pk: { S: "evt-item#rule-x#2" } };
    const locked = await client.send(new GetItemCommand({ TableName: table, Key: pk }));
    expect(locked.Item).toMatchObject({
      status: { S: "in-progress" },
      eventId: { S: "evt-item" },
      rule: { S: "rule-x" },
      actionIndex: { N: "2" },
      expiresAt: { N: String(now / 1000 + 30) },
    });
    await store.complete(key, r.token, { status: "unchanged", summary: "already right" }, 86_400);
    const done = await client.send(new GetItemCommand({ TableName: table, Key: pk }));
    expect(done.Item).toMatchObject({ status: { S: "done" }, expiresAt: { N: String(now / 1000 + 86_400) } });
    expect(JSON.parse(done.Item?.result?.S ?? "null")).toEqual({
      status: "unchanged",
      summary: "already right",
    });
  });

  it("surfaces a missing table as an error (the executor then fails the action, retryably)", async () => {
    const store = new DynamoDbIdempotencyStore({ client, tableName: `${table}-missing` });
    await expect(store.begin({ eventId: "e", rule: "r", actionIndex: 0 }, 10)).rejects.toBeInstanceOf(
      ResourceNotFoundException,
    );
    for (const [name, value] of Object.entries(awsTestEnv())) vi.stubEnv(name, value);
    const own = new DynamoDbIdempotencyStore({
      tableName: `${table}-missing`,
      region: "us-east-1",
      endpoint: motoUrl(),
    });
    await expect(own.begin({ eventId: "e", rule: "r", actionIndex: 0 }, 10)).rejects.toMatchObject({
      name: "ResourceNotFoundException",
      $metadata: { httpStatusCode: 400 },
    });
  });
});
