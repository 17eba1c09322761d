import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  CreateTableCommand,
  DeleteTableCommand,
  DynamoDBClient,
  GetItemCommand,
} from "@aws-sdk/client-dynamodb";
import { afterEach, describe, expect, it, vi } from "vitest";
import { MemoryIdempotencyStore } from "../../engine/runtime/memory-idempotency-store.js";
import { storeFromEnv } from "../../handler/cold-start.js";
import { DynamoDbIdempotencyStore } from "../../handler/dynamodb-idempotency-store.js";
import { invocationTimes } from "../../handler/lambda-contract.js";
import { awsClientConfig, awsTestEnv, resetMoto, uniqueName } from "../support/services/index.js";

afterEach(() => {
  vi.unstubAllEnvs();
  vi.resetModules();
});

describe("invocationTimes", () => {
  it.each([
    { remaining: 60_000, deadline: 57_000, why: "a 3 s margin" },
    { remaining: 3_000, deadline: 2_250, why: "a quarter of a short function's time" },
    { remaining: 0, deadline: 0, why: "no time, no margin" },
    { remaining: -5, deadline: 0, why: "never before now" },
  ])("$remaining ms left → deadline at +$deadline ($why)", ({ remaining, deadline }) => {
    expect(invocationTimes(1_000, remaining)).toEqual({
      deadline: 1_000 + deadline,
      endsAt: 1_000 + Math.max(0, remaining),
    });
  });
});

describe("handler/index.ts (the deployed entry point)", () => {
  it("loads RULEBRIDGE_RULES_DIR with the built-in actions and handles events", async () => {
    vi.stubEnv("RULEBRIDGE_RULES_DIR", "rules");
    vi.stubEnv("RULEBRIDGE_IDEMPOTENCY_TABLE", "");
    const { handler } = await import("../../handler/index.js");
    const pending = await import(
      "../../examples/events/ec2-instance-state-change-notification-pending.json",
      {
        with: { type: "json" },
      }
    );
    const stdout = vi.spyOn(process.stdout, "write").mockImplementation(() => true);
    try {
      const result = await handler(pending.default, { getRemainingTimeInMillis: () => 10_000 });
      expect(result).toMatchObject({ events: 1, matched: 0 });
    } finally {
      stdout.mockRestore();
    }
  });

  it("fails the cold start loudly when a rule has errors", async () => {
    const dir = await mkdtemp(join(tmpdir(), "rulebridge-entry-"));
    try {
      await writeFile(
        join(dir, "bad.yaml"),
        "name: ok-name\non: { pattern: { source: [x] } }\nactions: [{ type: no-such-action }]\n",
      );
      vi.stubEnv("RULEBRIDGE_RULES_DIR", dir);
      // A fresh module graph has its own RuleLoadError class: compare by name.
      await expect(import("../../handler/index.js")).rejects.toMatchObject({
        name: "RuleLoadError",
        message: expect.stringContaining("bad.yaml"),
      });
    } finally {
      await rm(dir, { recursive: true });
    }
  });

  it("fails the cold start when the rules folder holds no rule file", async () => {
    const dir = await mkdtemp(join(tmpdir(), "rulebridge-entry-"));
    try {
      vi.stubEnv("RULEBRIDGE_RULES_DIR", dir);
      await expect(import("../../handler/index.js")).rejects.toThrow(/no rule files found/);
    } finally {
      await rm(dir, { recursive: true });
    }
  });
});

describe("storeFromEnv", () => {
  it("is memory without RULEBRIDGE_IDEMPOTENCY_TABLE", () => {
    expect(storeFromEnv({})).toBeInstanceOf(MemoryIdempotencyStore);
  });

  it("is DynamoDB with it, writing to that table (moto)", async () => {
    await resetMoto();
    const env = awsTestEnv();
    for (const [k, v] of Object.entries(env)) vi.stubEnv(k, v);
    const table = uniqueName("rulebridge-env");
    const admin = new DynamoDBClient(awsClientConfig());
    await admin.send(
      new CreateTableCommand({
        TableName: table,
        AttributeDefinitions: [{ AttributeName: "pk", AttributeType: "S" }],
        KeySchema: [{ AttributeName: "pk", KeyType: "HASH" }],
        BillingMode: "PAY_PER_REQUEST",
      }),
    );
    try {
      const store = storeFromEnv({ ...env, RULEBRIDGE_IDEMPOTENCY_TABLE: table });
      expect(store).toBeInstanceOf(DynamoDbIdempotencyStore);
      expect((await store.begin({ eventId: "e", rule: "r", actionIndex: 0 }, 30)).state).toBe("started");
      const item = await admin.send(new GetItemCommand({ TableName: table, Key: { pk: { S: "e#r#0" } } }));
      expect(item.Item?.status?.S).toBe("in-progress");
    } finally {
      await admin.send(new DeleteTableCommand({ TableName: table }));
      admin.destroy();
    }
  });
});
