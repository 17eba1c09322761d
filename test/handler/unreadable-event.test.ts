import { describe, expect, it } from "vitest";
import { ManualClock } from "../../engine/runtime/clock.js";
import { MemoryIdempotencyStore } from "../../engine/runtime/memory-idempotency-store.js";
import { createHandler, InvocationError } from "../../handler/create-handler.js";
import type { SqsBatchResponse } from "../../handler/lambda-contract.js";
import { compileRules, logCollector, testActions, testServices } from "../engine/runtime/test-actions.js";

/**
 * An event EventBridge cannot read (issue 19) fails its SQS record, or the invocation, so it reaches
 * the DLQ: before, it matched nothing and was acknowledged.
 */

const RULES = `
name: ecs-all
on: { pattern: { source: [aws.ecs] } }
actions: [{ type: test-noop }]
`;

const envelope =
  '"source":"aws.ecs","detail-type":"ECS Task State Change","id":"ID","time":"2020-01-01T00:00:00Z"';
/** Event texts: as an SQS body they are parsed by the handler, as Lambda's input by the runtime. */
const readable = (id: string): string => `{${envelope.replace("ID", id)},"detail":{}}`;
const UNREADABLE = [
  { label: "1,001 levels", text: `{${envelope},"detail":{"x":${"[".repeat(1_000)}${"]".repeat(1_000)}}}` },
  { label: "a 50,001-character key", text: `{${envelope},"detail":{"${"k".repeat(50_001)}":1}}` },
  { label: "1e400", text: `{${envelope},"detail":{"size":1e400}}` },
];

function setup() {
  const actions = testActions();
  const clock = new ManualClock(Date.parse("2026-01-01T00:00:00Z"));
  const logs = logCollector();
  const handler = createHandler({
    rules: compileRules(RULES, actions.registry),
    services: testServices(),
    store: new MemoryIdempotencyStore({ clock }),
    log: logs.log,
    clock,
    sleep: clock.sleep,
    random: () => 0.5,
  });
  const invalid = () => logs.parsed().filter((l) => l.message === "rulebridge invalid input");
  return { handler, actions, invalid, logs };
}

const sqsRecord = (messageId: string, body: string) => ({
  messageId,
  receiptHandle: `rh-${messageId}`,
  body,
  attributes: { ApproximateReceiveCount: "1", SentTimestamp: "1767225600000" },
  messageAttributes: {},
  md5OfBody: "x",
  eventSource: "aws:sqs",
  eventSourceARN: "arn:aws:sqs:us-east-1:123456789012:rulebridge",
});

const context = { getRemainingTimeInMillis: () => 30_000, awsRequestId: "req-1" };

describe.each(UNREADABLE)("handler: an event with $label", ({ text }) => {
  it("fails its SQS record and runs the others", async () => {
    const t = setup();
    const input = {
      Records: [sqsRecord("ok-1", readable("a")), sqsRecord("bad", text), sqsRecord("ok-2", readable("b"))],
    };
    const result = (await t.handler(input, context)) as SqsBatchResponse;
    expect(result).toEqual({ batchItemFailures: [{ itemIdentifier: "bad" }] });
    expect(t.actions.calls).toHaveLength(2);
    expect(t.invalid()).toEqual([
      expect.objectContaining({ origin: "sqs:bad", field: expect.stringMatching(/^event\.detail/) }),
    ]);
    // The log names the field without echoing a long key.
    expect(JSON.stringify(t.invalid()).length).toBeLessThan(2_000);
  });

  it("fails a direct invocation", async () => {
    const t = setup();
    await expect(t.handler(JSON.parse(text), context)).rejects.toBeInstanceOf(InvocationError);
    expect(t.actions.calls).toHaveLength(0);
    expect(t.invalid()).toHaveLength(1);
  });
});
