import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { AwsClients } from "../../actions/aws-clients.js";
import { registerBuiltins } from "../../actions/builtins.js";
import { ActionRegistry } from "../../engine/action/registry.js";
import type { ActionServices } from "../../engine/action/types.js";
import { MemoryIdempotencyStore } from "../../engine/runtime/index.js";
import { createHandler } from "../../handler/create-handler.js";
import {
  awsTestEnv,
  awsThrottling,
  type FaultProxy,
  motoUrl,
  openSearchUrl,
  type SlackReceiver,
  startFaultProxy,
  startSlackReceiver,
} from "../support/services/index.js";
import { buildSeedWorld, drainQueue, type SeedWorld, sampleEvent } from "./seed-world.js";

/**
 * Faults end to end through the Lambda handler and the real actions: a stopped OpenSearch and a
 * throttling AWS endpoint are retried inside the invocation's time, then reported with their
 * cause; the event's other actions are still done; the invocation fails so nothing is dropped.
 */
interface LoggedAction {
  type: string;
  status: string;
  attempts: number;
  error?: string;
}
interface Logged {
  message: string;
  failed: boolean;
  decisions: { rule: string; actions: LoggedAction[] }[];
}

let slack: SlackReceiver;
let world: SeedWorld;
let openSearchProxy: FaultProxy;

beforeAll(async () => {
  for (const [k, v] of Object.entries(awsTestEnv())) vi.stubEnv(k, v);
  slack = await startSlackReceiver();
  world = await buildSeedWorld(slack.url);
  openSearchProxy = await startFaultProxy(openSearchUrl(), []);
  const path = join(world.rulesDir, "ecs-events-to-opensearch.yaml");
  const text = await readFile(path, "utf8");
  await writeFile(path, text.replace(openSearchUrl(), openSearchProxy.url));
});
afterAll(async () => {
  await openSearchProxy?.close();
  await slack?.close();
});

function handlerWith(awsEndpoint: string, store = new MemoryIdempotencyStore()) {
  const lines: Logged[] = [];
  const services: ActionServices = {
    aws: new AwsClients("us-east-1", awsEndpoint),
    fetch: globalThis.fetch,
    env: {},
    secrets: new Map(),
  };
  const handler = createHandler({
    rules: [world.rulesDir],
    registry: registerBuiltins(new ActionRegistry()),
    services,
    store,
    retry: { baseMs: 50, maxMs: 250 },
    log: (line) => {
      const parsed = JSON.parse(line) as Logged;
      if (parsed.message === "rulebridge event") lines.push(parsed);
    },
  });
  return { handler, lines, store };
}

const lambdaContext = (ms: number) => {
  const end = Date.now() + ms;
  return {
    getRemainingTimeInMillis: () => end - Date.now(),
    awsRequestId: "test",
    functionName: "rulebridge-engine",
  };
};

function action(lines: Logged[], rule: string): LoggedAction {
  const found = lines.at(-1)?.decisions.find((d) => d.rule === rule)?.actions[0];
  if (!found) throw new Error(`no outcome for ${rule}: ${JSON.stringify(lines)}`);
  return found;
}

describe("faults through the Lambda handler", () => {
  it("OpenSearch down: retried, then failed with the cause; SNS still published; the redelivery completes", async () => {
    const event = await sampleEvent("ecs-task-state-change-essential-exited.json");
    event.id = `fault-os-${Date.now()}`;
    const { handler, lines, store } = handlerWith(motoUrl());
    await openSearchProxy.refuseConnections();
    await expect(handler(event, lambdaContext(6_000))).rejects.toThrow();
    expect(lines).toHaveLength(1);
    expect(lines[0]?.failed).toBe(true);
    expect(action(lines, "ecs-essential-container-exited")).toMatchObject({ status: "changed", attempts: 1 });
    const failed = action(lines, "ecs-events-to-opensearch");
    expect(failed.status).toBe("failed");
    expect(failed.attempts).toBeGreaterThan(1);
    expect(failed.error).toMatch(/ECONNREFUSED|connect|refused/i);
    expect(await drainQueue(world.sqs, world.queueUrl, 1)).toHaveLength(1);

    // The event comes back (Lambda retry or DLQ redrive) once OpenSearch is up: only the failed action runs.
    await openSearchProxy.acceptConnections();
    const again = handlerWith(motoUrl(), store);
    await again.handler(event, lambdaContext(6_000));
    expect(action(again.lines, "ecs-essential-container-exited").status).toBe("skipped-duplicate");
    expect(action(again.lines, "ecs-events-to-opensearch").status).toBe("changed");
    expect(await drainQueue(world.sqs, world.queueUrl)).toHaveLength(0);
  });

  it("AWS throttling: retried, then failed naming Throttling; the OpenSearch document is still written", async () => {
    const throttle = await startFaultProxy(motoUrl(), [
      { match: { awsAction: "Publish" }, times: Number.POSITIVE_INFINITY, fault: awsThrottling("query") },
    ]);
    try {
      const event = await sampleEvent("ecs-task-state-change-essential-exited.json");
      event.id = `fault-throttle-${Date.now()}`;
      const { handler, lines } = handlerWith(throttle.url);
      await expect(handler(event, lambdaContext(5_000))).rejects.toThrow();
      const failed = action(lines, "ecs-essential-container-exited");
      expect(failed.status).toBe("failed");
      expect(failed.attempts).toBeGreaterThan(1);
      expect(failed.error).toContain("Throttling");
      expect(action(lines, "ecs-events-to-opensearch").status).toBe("changed");
      const publishes = throttle.requests.filter((r) => r.awsAction === "Publish");
      expect(publishes.length).toBe(failed.attempts);
      expect(await drainQueue(world.sqs, world.queueUrl)).toHaveLength(0);
    } finally {
      await throttle.close();
    }
  });
});
