import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { ActionFailure, type ActionServices } from "rulebridge/actions";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { cli } from "../../../cli/cli.js";
import { memoryIo } from "../../../test/support/memory-io.js";
import { pagerdutyEventAction } from "./pagerduty-event.js";

const here = dirname(fileURLToPath(import.meta.url));
const ROUTING_KEY = "R0123456789ABCDEF0123456789ABCDE";

/** A loopback stand-in for the Events API v2: 202 with the dedup key, or the replies queued. */
interface Received {
  body: Record<string, unknown>;
}
let received: Received[] = [];
let replies: { status: number; body: string; headers?: Record<string, string> }[] = [];
let endpoint: string;
const server = createServer((req: IncomingMessage, res: ServerResponse) => {
  let raw = "";
  req.on("data", (c: Buffer) => {
    raw += c.toString();
  });
  req.on("end", () => {
    const body = JSON.parse(raw) as Record<string, unknown>;
    received.push({ body });
    const reply = replies.shift() ?? {
      status: 202,
      body: JSON.stringify({ status: "success", message: "Event processed", dedup_key: body.dedup_key }),
    };
    res.writeHead(reply.status, { "content-type": "application/json", ...reply.headers });
    res.end(reply.body);
  });
});
beforeAll(async () => {
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v2/enqueue`;
});
afterAll(() => new Promise<void>((ok) => server.close(() => ok())));
beforeEach(() => {
  received = [];
  replies = [];
});

function services(): ActionServices {
  return {
    aws: { defaultRegion: "us-east-1", client: () => undefined as never },
    fetch: globalThis.fetch.bind(globalThis),
    env: { PD_ROUTING_KEY: ROUTING_KEY },
    secrets: new Map(),
  };
}

const params = () => ({
  routingKey: { env: "PD_ROUTING_KEY" },
  eventAction: "trigger",
  dedupKey: "task/abc",
  summary: "ECS task stopped: web exited 1",
  source: "cluster/prod",
  severity: "critical",
  endpoint,
});
const run = (p: Record<string, unknown>) =>
  pagerdutyEventAction.run!({
    params: p,
    context: {},
    services: services(),
    signal: new AbortController().signal,
  });

describe("pagerduty-event", () => {
  it("triggers an alert with the routing key from the environment", async () => {
    const result = await run(params());
    expect(result).toMatchObject({ status: "changed", detail: { dedupKey: "task/abc" } });
    expect(received).toHaveLength(1);
    expect(received[0]!.body).toMatchObject({
      routing_key: ROUTING_KEY,
      event_action: "trigger",
      dedup_key: "task/abc",
      payload: { summary: "ECS task stopped: web exited 1", source: "cluster/prod", severity: "critical" },
    });
  });

  it("resolves by dedup key, with no payload", async () => {
    await run({ ...params(), eventAction: "resolve" });
    expect(received[0]!.body).toEqual({
      routing_key: ROUTING_KEY,
      event_action: "resolve",
      dedup_key: "task/abc",
    });
  });

  it.each([
    [
      400,
      JSON.stringify({
        status: "invalid event",
        message: "Event object is invalid",
        errors: ["'payload.summary' is missing"],
      }),
      false,
    ],
    [429, "", true],
    [503, "<html>unavailable</html>", true],
  ])(
    "answer %i is a failure (retryable: %s) that never holds the routing key",
    async (status, body, retryable) => {
      replies = [{ status, body, headers: { "retry-after": "2" } }];
      const err = (await run(params()).catch((e: unknown) => e)) as ActionFailure;
      expect(err).toBeInstanceOf(ActionFailure);
      expect(err.retryable).toBe(retryable);
      expect(err.message).toContain(String(status));
      expect(err.message).not.toContain(ROUTING_KEY);
    },
  );

  it("plans without the routing key", () => {
    const plan = pagerdutyEventAction.plan({ params: params(), context: {} });
    expect(JSON.stringify(plan)).not.toContain(ROUTING_KEY);
    expect(plan.steps[0]!.input).toMatchObject({ routing_key: "<routing key from env PD_ROUTING_KEY>" });
  });

  it("asks IAM only for the SSM parameter it reads", () => {
    expect(pagerdutyEventAction.iam({ routingKey: { env: "X" } })).toEqual([]);
    const statements = pagerdutyEventAction.iam({
      routingKey: { ssmParameter: "/oncall/pagerduty-routing-key" },
    });
    expect(statements[0]!.resources).toEqual(["arn:aws:ssm:*:*:parameter/oncall/pagerduty-routing-key"]);
  });

  it("appears in rulebridge graph with its target, like a built-in", async () => {
    const io = memoryIo({ cwd: here });
    expect(await cli(["graph"], io)).toBe(0);
    expect(io.out).toContain("PagerDuty (routing key in SSM /oncall/pagerduty-routing-key)");
  });

  it("passes rulebridge check and test in its own project", async () => {
    const check = memoryIo({ cwd: here });
    expect(await cli(["check"], check)).toBe(0);
    const test = memoryIo({ cwd: here });
    expect(await cli(["test"], test)).toBe(0);
    expect(test.out).toContain("2 passed, 0 failed");
  });
});
