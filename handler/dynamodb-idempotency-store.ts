import { randomUUID } from "node:crypto";
import {
  type AttributeValue,
  DeleteItemCommand,
  type DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  UpdateItemCommand,
} from "@aws-sdk/client-dynamodb";
import { regionFromEnv } from "../actions/aws-clients.js";
import type { ActionResult } from "../engine/action/types.js";
import { type Clock, systemClock } from "../engine/runtime/clock.js";
import {
  type BeginResult,
  type IdempotencyKey,
  type IdempotencyStore,
  idempotencyKeyString,
} from "../engine/runtime/idempotency.js";
import type { DynamoDbCalls, DynamoDbJsonOptions } from "./dynamodb-json.js";

export interface DynamoDbIdempotencyStoreOptions {
  tableName: string;
  /**
   * An SDK client to call DynamoDB with. Without one the store calls DynamoDB itself
   * (dynamodb-json.ts) in `region` (default: AWS_REGION), at `endpoint` if given.
   */
  client?: DynamoDBClient;
  region?: string;
  endpoint?: string;
  clock?: Clock;
}

type Item = Record<string, AttributeValue>;

/** The calls through an SDK client: the same operations, inputs and outputs. */
function sdkCalls(client: DynamoDBClient): DynamoDbCalls {
  return {
    async call(operation, input) {
      const i = input as never;
      switch (operation) {
        case "PutItem":
          return (await client.send(new PutItemCommand(i))) as unknown as Record<string, unknown>;
        case "UpdateItem":
          return (await client.send(new UpdateItemCommand(i))) as unknown as Record<string, unknown>;
        case "DeleteItem":
          return (await client.send(new DeleteItemCommand(i))) as unknown as Record<string, unknown>;
        case "GetItem":
          return (await client.send(new GetItemCommand(i))) as unknown as Record<string, unknown>;
      }
    },
  };
}

/** The store's own calls (dynamodb-json.ts), loaded at the first: a cold start that runs no action never signs. */
function ownCalls(opts: DynamoDbJsonOptions): DynamoDbCalls {
  let loaded: Promise<DynamoDbCalls> | undefined;
  return {
    async call(operation, input) {
      loaded ??= import("./dynamodb-json.js").then((m) => new m.DynamoDbJson(opts));
      return (await loaded).call(operation, input);
    },
  };
}

/** DynamoDB's "the condition did not hold", from the SDK client or dynamodb-json.ts alike. */
function conditionFailed(err: unknown): err is Error & { Item?: Item } {
  return err instanceof Error && err.name === "ConditionalCheckFailedException";
}

/** `status` is a DynamoDB reserved word, so every expression names attributes through these. */
const NAMES = { "#status": "status", "#expires": "expiresAt", "#token": "token" };

/**
 * Idempotency records in DynamoDB, one item per key: `pk` (string), `status` (`in-progress` |
 * `done`), `token` (the lock holder), `expiresAt` (epoch seconds; the table's TTL attribute),
 * `result` (the ActionResult as JSON, secrets already removed by the executor), plus `eventId`,
 * `rule`, `actionIndex` so an operator can read the table.
 *
 * DynamoDB's TTL sweep is lazy (items can outlive `expiresAt` by days), so expiry is also part
 * of every condition: an expired record, lock or result, may be overwritten.
 */
export class DynamoDbIdempotencyStore implements IdempotencyStore {
  readonly #client: DynamoDbCalls;
  readonly #table: string;
  readonly #clock: Clock;

  constructor(opts: DynamoDbIdempotencyStoreOptions) {
    this.#client = opts.client
      ? sdkCalls(opts.client)
      : ownCalls({
          region: opts.region ?? regionFromEnv(process.env),
          ...(opts.endpoint !== undefined ? { endpoint: opts.endpoint } : {}),
        });
    this.#table = opts.tableName;
    this.#clock = opts.clock ?? systemClock;
  }

  async begin(key: IdempotencyKey, lockSeconds: number): Promise<BeginResult> {
    // A record can vanish between the failed put and the read (its holder abandoned it): try again.
    for (let round = 0; round < 3; round++) {
      const token = randomUUID();
      const now = this.#nowSeconds();
      try {
        await this.#client.call("PutItem", {
          TableName: this.#table,
          Item: {
            pk: { S: idempotencyKeyString(key) },
            status: { S: "in-progress" },
            token: { S: token },
            expiresAt: { N: String(now + Math.max(1, Math.ceil(lockSeconds))) },
            eventId: { S: key.eventId },
            rule: { S: key.rule },
            actionIndex: { N: String(key.actionIndex) },
          },
          ConditionExpression: "attribute_not_exists(pk) OR #expires < :now",
          ExpressionAttributeNames: { "#expires": NAMES["#expires"] },
          ExpressionAttributeValues: { ":now": { N: String(now) } },
          ReturnValuesOnConditionCheckFailure: "ALL_OLD",
        });
        return { state: "started", token };
      } catch (err) {
        if (!conditionFailed(err)) throw err;
        const existing = err.Item ?? (await this.#read(key));
        if (!existing) continue;
        const seen = this.#interpret(existing, now);
        if (seen) return seen;
      }
    }
    throw new Error(`idempotency record ${idempotencyKeyString(key)} keeps changing; giving up`);
  }

  async complete(
    key: IdempotencyKey,
    token: string,
    result: ActionResult,
    ttlSeconds: number,
  ): Promise<boolean> {
    try {
      await this.#client.call("UpdateItem", {
        TableName: this.#table,
        Key: { pk: { S: idempotencyKeyString(key) } },
        UpdateExpression: "SET #status = :done, #expires = :expires, #result = :result",
        ConditionExpression: "#token = :token",
        ExpressionAttributeNames: { ...NAMES, "#result": "result" },
        ExpressionAttributeValues: {
          ":done": { S: "done" },
          ":expires": { N: String(this.#nowSeconds() + Math.ceil(ttlSeconds)) },
          ":result": { S: JSON.stringify(result) },
          ":token": { S: token },
        },
      });
      return true;
    } catch (err) {
      if (conditionFailed(err)) return false;
      throw err;
    }
  }

  async abandon(key: IdempotencyKey, token: string): Promise<void> {
    try {
      await this.#client.call("DeleteItem", {
        TableName: this.#table,
        Key: { pk: { S: idempotencyKeyString(key) } },
        ConditionExpression: "#token = :token",
        ExpressionAttributeNames: { "#token": NAMES["#token"] },
        ExpressionAttributeValues: { ":token": { S: token } },
      });
    } catch (err) {
      // Someone else's lock now (ours expired and was taken over): theirs to finish.
      if (!conditionFailed(err)) throw err;
    }
  }

  async #read(key: IdempotencyKey): Promise<Item | undefined> {
    const out = await this.#client.call("GetItem", {
      TableName: this.#table,
      Key: { pk: { S: idempotencyKeyString(key) } },
      ConsistentRead: true,
    });
    return out.Item as Item | undefined;
  }

  /** The state an unexpired record stands for; `undefined` when it has expired meanwhile. */
  #interpret(item: Item, now: number): BeginResult | undefined {
    const expiresAt = Number(item.expiresAt?.N ?? "0");
    if (expiresAt < now) return undefined;
    if (item.status?.S === "done" && item.result?.S !== undefined) {
      return { state: "done", result: JSON.parse(item.result.S) as ActionResult };
    }
    return { state: "in-progress" };
  }

  #nowSeconds(): number {
    return Math.floor(this.#clock.now() / 1000);
  }
}
