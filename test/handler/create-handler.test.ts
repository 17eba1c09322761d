import { readFileSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ManualClock } from "../../engine/runtime/clock.js";
import { MemoryIdempotencyStore } from "../../engine/runtime/memory-idempotency-store.js";
import { RuleLoadError } from "../../handler/cold-start.js";
import { createHandler, type HandlerOptions, InvocationError } from "../../handler/create-handler.js";
import type { LambdaContext, SqsBatchResponse } from "../../handler/lambda-contract.js";
import { compileRules, logCollector, testActions, testServices } from "../engine/runtime/test-actions.js";

/** Test rules over the repo's sample events, with the test actions (not the built-ins). */
const RULES = `
name: ecs-stopped
on:
  pattern:
    source: [aws.ecs]
    detail-type: [ECS Task State Change]
    detail: { lastStatus: [STOPPED] }
actions:
  - type: test-count
    label: "{{ event.detail.containers[0].name }}"
---
name: ecs-all
on: { pattern: { source: [aws.ecs] } }
actions: [{ type: test-noop }]
---
name: alb-alarm
on: { alarm: { name: ALBNoHealthyHosts, states: [ALARM] } }
actions:
  - type: test-count
    label: "{{ alarm.name }} {{ alarm.state }} {{ alarm.value }}"
---
name: asg-launch
on:
  pattern:
    source: [aws.autoscaling]
    detail-type: [EC2 Instance Launch Successful]
actions:
  - type: test-fail
    reason: "no tags on {{ event.detail.EC2InstanceId }}"
`;

const sample = (file: string): Record<string, unknown> =>
  JSON.parse(readFileSync(new URL(`../../examples/events/${file}`, import.meta.url), "utf8"));
const ECS = sample("ecs-task-state-change-essential-exited.json");
const ECS_RUNNING = sample("ecs-task-state-change-fargate-running.json");
const ASG = sample("autoscaling-launch-successful-sample.json");
const ALARM_SNS = sample("sns-envelope-alb-unhealthy.json");
const ALARM_MESSAGE = sample("cloudwatch-alarm-sns-message-single-metric.json");

const T0 = Date.parse("2026-01-01T00:00:00Z");

function setup(overrides: Partial<HandlerOptions> = {}) {
  const actions = testActions();
  const clock = new ManualClock(T0);
  const logs = logCollector();
  const store = new MemoryIdempotencyStore({ clock });
  const handler = createHandler({
    rules: compileRules(RULES, actions.registry),
    services: testServices(),
    store,
    log: logs.log,
    clock,
    sleep: clock.sleep,
    random: () => 0.5,
    ...overrides,
  });
  const lines = () => logs.parsed();
  const eventLines = () => lines().filter((l) => l.message === "rulebridge event");
  const emf = () => lines().filter((l) => "_aws" in l);
  const ran = () => actions.calls.map((c) => `${c.rule}:${c.type}`);
  return { ...actions, clock, logs, store, handler, lines, eventLines, emf, ran };
}

const context = (remainingMs = 30_000): LambdaContext => ({
  getRemainingTimeInMillis: () => remainingMs,
  awsRequestId: "req-1",
});

const snsRecord = (message: unknown, id: string) => ({
  EventSource: "aws:sns",
  EventVersion: "1.0",
  Sns: {
    Type: "Notification",
    MessageId: id,
    TopicArn: "arn:aws:sns:us-east-1:123456789012:events",
    Message: typeof message === "string" ? message : JSON.stringify(message),
    Timestamp: "2026-01-01T00:00:00.000Z",
  },
});

const sqsRecord = (messageId: string, body: unknown, groupId?: string) => ({
  messageId,
  receiptHandle: `rh-${messageId}`,
  body: typeof body === "string" ? body : JSON.stringify(body),
  attributes: {
    ApproximateReceiveCount: "1",
    SentTimestamp: "1767225600000",
    ...(groupId ? { MessageGroupId: groupId, MessageDeduplicationId: messageId } : {}),
  },
  messageAttributes: {},
  md5OfBody: "x",
  eventSource: "aws:sqs",
  eventSourceARN: `arn:aws:sqs:us-east-1:123456789012:rulebridge${groupId ? ".fifo" : ""}`,
  awsRegion: "us-east-1",
});

/** The SNS-to-SQS form: the SQS body is SNS's JSON notification. */
const snsNotification = (message: unknown) => ({
  Type: "Notification",
  MessageId: "sns-in-sqs",
  TopicArn: "arn:aws:sns:us-east-1:123456789012:alb-alarms",
  Message: JSON.stringify(message),
  Timestamp: "2026-01-01T00:00:00.000Z",
});

describe("handler: envelopes that succeed", () => {
  it.each([
    {
      name: "a plain EventBridge event runs every matching rule",
      input: ECS,
      ran: ["ecs-stopped", "ecs-all"],
    },
    {
      name: "deploy's {rule, event} runs only the named rule",
      input: { rule: "ecs-all", event: ECS },
      ran: ["ecs-all"],
    },
    {
      name: "an SNS record wrapping an EventBridge event",
      input: { Records: [snsRecord(ECS, "sns-1")] },
      ran: ["ecs-stopped", "ecs-all"],
    },
    {
      name: "an SNS CloudWatch alarm notification (classic alarm → SNS → Lambda)",
      input: ALARM_SNS,
      ran: ["alb-alarm"],
    },
    {
      name: "an event no rule matches",
      input: sample("ec2-instance-state-change-notification-pending.json"),
      ran: [],
    },
  ])("$name", async ({ input, ran }) => {
    const t = setup();
    const result = await t.handler(input, context());
    expect(t.ran().map((r) => r.split(":")[0])).toEqual(ran);
    expect(result).toMatchObject({ events: 1, matched: ran.length });
    expect(t.eventLines()).toHaveLength(1);
    expect(t.emf()[0]).toMatchObject({ Events: 1, Matches: ran.length, ActionsFailed: 0 });
  });

  it("renders from the alarm view for the SNS alarm path", async () => {
    const t = setup();
    await t.handler(ALARM_SNS, context());
    expect(t.calls[0]?.params.label).toBe("ALBNoHealthyHosts ALARM 0");
    expect(t.eventLines()[0]).toMatchObject({ origin: "sns:3c3b7a5e-9a38-5c6c-8f1e-6a0d4f2b7c11" });
  });

  it("deploy's two targets for one event each run their own rule, once", async () => {
    const t = setup();
    await t.handler({ rule: "ecs-stopped", event: ECS }, context());
    await t.handler({ rule: "ecs-all", event: ECS }, context());
    await t.handler({ rule: "ecs-all", event: ECS }, context());
    expect(t.ran()).toEqual(["ecs-stopped:test-count", "ecs-all:test-noop"]);
  });

  it("deadline: the context's remaining time bounds the retries", async () => {
    const actions = testActions();
    const clock = new ManualClock(T0);
    const logs = logCollector();
    const handler = createHandler({
      rules: compileRules(
        "name: f\non: { pattern: { source: [aws.ecs] } }\nactions: [{ type: test-flaky, failTimes: 1000 }]\n",
        actions.registry,
      ),
      services: testServices(),
      log: logs.log,
      clock,
      sleep: clock.sleep,
      random: () => 0.999,
      retry: { maxAttempts: 1000 },
    });
    const error = await handler(ECS, context(4_000)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvocationError);
    // 4 s left: margin is a quarter (1 s), so retries stop by 3 s.
    expect(clock.now()).toBeLessThanOrEqual(T0 + 3_000);
    expect(clock.now()).toBeGreaterThan(T0 + 1_000);
    const line = logs.parsed().find((l) => l.message === "rulebridge event") as {
      decisions: { actions: { gaveUp?: string; retryable?: boolean }[] }[];
    };
    expect(line.decisions[0]!.actions[0]).toMatchObject({ gaveUp: "deadline", retryable: true });
  });
});

describe("handler: failures", () => {
  it("throws when an action finally failed, after logging the event and the metrics", async () => {
    const t = setup();
    const error = await t.handler(ASG, context()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvocationError);
    expect((error as Error).message).toContain(
      "asg-launch[0] test-fail failed: refused: no tags on i-0123456789abcdef0",
    );
    expect(t.eventLines()).toMatchObject([{ failed: true, level: "error" }]);
    expect(t.emf()[0]).toMatchObject({ Events: 1, EventsFailed: 1, ActionsFailed: 1 });
  });

  it("a Lambda retry of the failed invocation skips what already succeeded", async () => {
    const t = setup();
    const batch = { Records: [snsRecord(ECS, "a"), snsRecord(ASG, "b")] };
    await expect(t.handler(batch, context())).rejects.toBeInstanceOf(InvocationError);
    await expect(t.handler(batch, context())).rejects.toBeInstanceOf(InvocationError);
    expect(t.ran()).toEqual([
      "ecs-stopped:test-count",
      "ecs-all:test-noop",
      "asg-launch:test-fail",
      "asg-launch:test-fail",
    ]);
  });

  it("names a rule that is not loaded (deploy mismatch) and throws", async () => {
    const t = setup();
    await expect(t.handler({ rule: "renamed-rule", event: ECS }, context())).rejects.toThrow(
      /rule "renamed-rule" is not loaded/,
    );
  });

  it.each([
    { name: "not an object", input: "hello", field: "(root)" },
    { name: "an object that is no known envelope", input: { foo: 1 }, field: "(root)" },
    {
      name: "{rule, event} whose event is not an event",
      input: { rule: "ecs-all", event: { id: 1 } },
      field: "(root)",
    },
    {
      name: "an SNS record whose message is not JSON",
      input: { Records: [snsRecord("{oops", "s1")] },
      field: "Records[0].Sns.Message",
    },
  ])("invalid input ($name) is logged naming the field, and thrown", async ({ input, field }) => {
    const t = setup();
    const error = await t.handler(input, context()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvocationError);
    expect((error as Error).message).toContain(`invalid input at ${field}`);
    const logged = t.lines().filter((l) => l.message === "rulebridge invalid input");
    expect(logged).toEqual([expect.objectContaining({ level: "error", field })]);
    expect(t.emf()[0]).toMatchObject({ Events: 0, InvalidInputs: 1 });
  });

  it("still runs the valid events of an input that also holds an invalid one", async () => {
    const t = setup();
    const input = { Records: [snsRecord("not json", "bad"), snsRecord(ECS_RUNNING, "good")] };
    await expect(t.handler(input, context())).rejects.toBeInstanceOf(InvocationError);
    expect(t.ran()).toEqual(["ecs-all:test-noop"]);
  });
});

describe("handler: SQS batches", () => {
  it("reports exactly the records whose action failed or whose body is invalid", async () => {
    const t = setup();
    const input = {
      Records: [
        sqsRecord("m-ok", ECS),
        sqsRecord("m-fail", ASG),
        sqsRecord("m-invalid", "this is not json"),
        sqsRecord("m-sns-alarm", snsNotification(ALARM_MESSAGE)),
        sqsRecord("m-deploy", { rule: "ecs-all", event: ECS_RUNNING }),
        sqsRecord("m-nomatch", { ...ECS, source: "aws.nothing" }),
      ],
    };
    const result = (await t.handler(input, context())) as SqsBatchResponse;
    expect(result).toEqual({
      batchItemFailures: [{ itemIdentifier: "m-fail" }, { itemIdentifier: "m-invalid" }],
    });
    expect(t.eventLines().map((l) => l.origin)).toEqual([
      "sqs:m-ok",
      "sqs:m-fail",
      "sqs:m-sns-alarm",
      "sqs:m-deploy",
      "sqs:m-nomatch",
    ]);
    expect(t.lines().filter((l) => l.message === "rulebridge invalid input")).toEqual([
      expect.objectContaining({ origin: "sqs:m-invalid", field: "Records[2].body" }),
    ]);
    expect(t.emf()).toHaveLength(1 + 3);
  });

  it.each([
    ["an object", { source: "aws.ecs" }],
    ["null", null],
    ["a number", 42],
  ])("a record whose body is %s fails alone; the rest of the batch runs", async (_label, body) => {
    const t = setup();
    const input = { Records: [sqsRecord("m-ok", ECS), { ...sqsRecord("m-odd", ""), body }] };
    expect(await t.handler(input, context())).toEqual({ batchItemFailures: [{ itemIdentifier: "m-odd" }] });
    expect(t.eventLines().map((l) => l.origin)).toEqual(["sqs:m-ok"]);
    expect(t.lines().filter((l) => l.message === "rulebridge invalid input")).toEqual([
      expect.objectContaining({ origin: "sqs:m-odd", field: "Records[1].body" }),
    ]);
  });

  it("an all-good batch reports no failures, and a redelivered batch runs nothing twice", async () => {
    const t = setup();
    const input = { Records: [sqsRecord("m1", ECS), sqsRecord("m2", snsNotification(ALARM_MESSAGE))] };
    expect(await t.handler(input, context())).toEqual({ batchItemFailures: [] });
    const before = t.calls.length;
    expect(await t.handler(input, context())).toEqual({ batchItemFailures: [] });
    expect(t.calls.length).toBe(before);
    expect(t.eventLines()[2]).toMatchObject({
      totals: { actions: expect.objectContaining({ "skipped-duplicate": 2 }) },
    });
  });

  it("runs records concurrently when asked, still reporting by messageId", async () => {
    const t = setup({ concurrency: 4 });
    const asg2 = { ...ASG, id: "another-launch" };
    const input = { Records: [sqsRecord("a", ASG), sqsRecord("b", ECS), sqsRecord("c", asg2)] };
    expect(await t.handler(input, context())).toEqual({
      batchItemFailures: [{ itemIdentifier: "a" }, { itemIdentifier: "c" }],
    });
  });

  it("the same event twice in a concurrent batch: one runs (and owns the failure), the other is skipped in progress", async () => {
    const t = setup({ concurrency: 2 });
    const input = { Records: [sqsRecord("first", ASG), sqsRecord("dup", ASG)] };
    expect(await t.handler(input, context())).toEqual({ batchItemFailures: [{ itemIdentifier: "first" }] });
    expect(t.ran()).toEqual(["asg-launch:test-fail"]);
    const dup = t.eventLines().find((l) => l.origin === "sqs:dup") as { decisions: { actions: unknown[] }[] };
    expect(dup.decisions[0]!.actions[0]).toMatchObject({ status: "skipped-in-progress" });
  });

  it("FIFO: after the first failure the rest of the batch is reported failed, unprocessed", async () => {
    const t = setup({ concurrency: 4 });
    const input = {
      Records: [
        sqsRecord("f1", ECS, "g"),
        sqsRecord("f2", ASG, "g"),
        sqsRecord("f3", ECS_RUNNING, "g"),
        sqsRecord("f4", "bad body", "g"),
      ],
    };
    expect(await t.handler(input, context())).toEqual({
      batchItemFailures: [{ itemIdentifier: "f2" }, { itemIdentifier: "f3" }, { itemIdentifier: "f4" }],
    });
    expect(t.eventLines().map((l) => l.origin)).toEqual(["sqs:f1", "sqs:f2"]);
  });

  it("FIFO: an invalid body stops the batch too", async () => {
    const t = setup();
    const input = { Records: [sqsRecord("f1", "bad", "g"), sqsRecord("f2", ECS, "g")] };
    expect(await t.handler(input, context())).toEqual({
      batchItemFailures: [{ itemIdentifier: "f1" }, { itemIdentifier: "f2" }],
    });
    expect(t.calls).toEqual([]);
  });
});

describe("handler: rules", () => {
  it("loads rule files from paths with a registry, once", async () => {
    const dir = await mkdtemp(join(tmpdir(), "rulebridge-rules-"));
    try {
      await writeFile(
        join(dir, "r.yaml"),
        "name: ecs\non: { pattern: { source: [aws.ecs] } }\nactions: [{ type: test-noop }]\n",
      );
      const { registry, calls } = testActions();
      const handler = createHandler({ rules: [dir], registry, services: testServices(), log: () => {} });
      await handler(ECS, context());
      await handler(ECS_RUNNING, context());
      expect(calls.map((c) => c.rule)).toEqual(["ecs", "ecs"]);
    } finally {
      await rm(dir, { recursive: true });
    }
  });

  it("refuses to run with rules that have errors, naming them", async () => {
    const dir = await mkdtemp(join(tmpdir(), "rulebridge-rules-"));
    try {
      await writeFile(
        join(dir, "bad.yaml"),
        "name: Bad Name\non: { pattern: { source: [aws.ecs] } }\nactions: [{ type: nope }]\n",
      );
      const { registry } = testActions();
      const handler = createHandler({ rules: [dir], registry, services: testServices(), log: () => {} });
      const error = await handler(ECS, context()).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(RuleLoadError);
      expect((error as Error).message).toContain("bad.yaml");
    } finally {
      await rm(dir, { recursive: true });
    }
  });

  it.each([
    { name: "neither engine nor rules", opts: {} },
    { name: "paths without a registry", opts: { rules: ["rules"] } },
  ])("rejects options with $name", ({ opts }) => {
    expect(() => createHandler({ services: testServices(), ...opts })).toThrow(/createHandler/);
  });
});

/** What Lambda writes to an on-failure destination: the failed invocation's event under requestPayload. */
const destinationRecord = (payload: unknown) => ({
  version: "1.0",
  timestamp: "2026-01-01T00:00:00.000Z",
  requestContext: {
    requestId: "req-failed",
    functionArn: "arn:aws:lambda:us-east-1:123456789012:function:rulebridge:$LATEST",
    condition: "RetriesExhausted",
    approximateInvokeCount: 3,
  },
  requestPayload: payload,
  responseContext: { statusCode: 200, executedVersion: "$LATEST", functionError: "Unhandled" },
  responsePayload: { errorType: "InvocationError", errorMessage: "1 event(s) failed" },
});

describe("handler: envelopes inside envelopes", () => {
  it("a nested SQS envelope reusing another record's messageId fails its own outer record", async () => {
    const t = setup();
    const inner = { Records: [sqsRecord("a", "broken inner body")] };
    const input = { Records: [sqsRecord("a", ECS), sqsRecord("b", inner)] };
    expect(await t.handler(input, context())).toEqual({ batchItemFailures: [{ itemIdentifier: "b" }] });
    expect(t.lines().filter((l) => l.message === "rulebridge invalid input")).toEqual([
      expect.objectContaining({ origin: "sqs:b", field: "Records[1].body.Records[0].body" }),
    ]);
  });

  it("a nested event that fails is attributed to the outer record, not to the id inside", async () => {
    const t = setup();
    const input = { Records: [sqsRecord("a", ECS), sqsRecord("b", { Records: [sqsRecord("a", ASG)] })] };
    expect(await t.handler(input, context())).toEqual({ batchItemFailures: [{ itemIdentifier: "b" }] });
    expect(t.eventLines().map((l) => l.origin)).toEqual(["sqs:a", "sqs:b"]);
  });

  it("Lambda on-failure destination records run their requestPayload, directly and through SQS", async () => {
    const t = setup();
    expect(await t.handler(destinationRecord(ECS), context())).toMatchObject({ events: 1 });
    const input = { Records: [sqsRecord("d1", destinationRecord({ rule: "ecs-all", event: ECS_RUNNING }))] };
    expect(await t.handler(input, context())).toEqual({ batchItemFailures: [] });
    expect(t.ran()).toEqual(["ecs-stopped:test-count", "ecs-all:test-noop", "ecs-all:test-noop"]);
  });
});
