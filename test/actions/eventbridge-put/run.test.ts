import {
  CreateEventBusCommand,
  EventBridgeClient,
  PutRuleCommand,
  PutTargetsCommand,
} from "@aws-sdk/client-eventbridge";
import {
  CreateQueueCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SQSClient,
} from "@aws-sdk/client-sqs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventbridgePutAction } from "../../../actions/eventbridge-put/index.js";
import type { ActionServices } from "../../../engine/action/types.js";
import {
  type FaultProxy,
  motoUrl,
  startFaultProxy,
  TEST_ACCOUNT_ID,
  uniqueName,
} from "../../support/services/index.js";
import { ecsContext } from "../fixtures.js";
import { failureOf, renderedParams, runAction, testServices, useAwsTestEnv } from "../run-support.js";

/**
 * eventbridge-put against moto: a bus with a rule whose target is an SQS queue, so what was put is
 * read back as EventBridge delivers it to a target.
 */
let services: ActionServices;
let sqs: SQSClient;
let events: EventBridgeClient;
let proxy: FaultProxy;

beforeAll(async () => {
  useAwsTestEnv();
  services = testServices();
  sqs = services.aws.client(SQSClient);
  events = services.aws.client(EventBridgeClient);
  proxy = await startFaultProxy(motoUrl());
});
afterAll(async () => {
  await proxy?.close();
});

/** A bus whose rule sends every event from `source` to a fresh queue; returns the bus ARN and queue URL. */
async function busToQueue(source: string): Promise<{ busArn: string; busName: string; queueUrl: string }> {
  const busName = uniqueName("bus");
  const bus = await events.send(new CreateEventBusCommand({ Name: busName }));
  const queue = await sqs.send(new CreateQueueCommand({ QueueName: uniqueName("target") }));
  const attrs = await sqs.send(
    new GetQueueAttributesCommand({ QueueUrl: queue.QueueUrl, AttributeNames: ["QueueArn"] }),
  );
  const rule = uniqueName("rule");
  await events.send(
    new PutRuleCommand({
      Name: rule,
      EventBusName: busName,
      EventPattern: JSON.stringify({ source: [source] }),
    }),
  );
  await events.send(
    new PutTargetsCommand({
      Rule: rule,
      EventBusName: busName,
      Targets: [{ Id: "q", Arn: attrs.Attributes?.QueueArn }],
    }),
  );
  return { busArn: bus.EventBusArn ?? "", busName, queueUrl: queue.QueueUrl ?? "" };
}

async function delivered(queueUrl: string): Promise<Record<string, unknown>[]> {
  const out = await sqs.send(
    new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }),
  );
  return (out.Messages ?? []).map((m) => JSON.parse(m.Body ?? "{}") as Record<string, unknown>);
}

const event = ecsContext().event as {
  id: string;
  source: string;
  "detail-type": string;
  detail: Record<string, unknown>;
  resources: string[];
};

describe("eventbridge-put run", () => {
  it("forwards the event unchanged by default (bus by ARN)", async () => {
    const target = await busToQueue(event.source);
    const result = await runAction(eventbridgePutAction, { bus: target.busArn }, ecsContext(), services);
    expect(result.detail).toMatchObject({ bus: target.busArn, eventId: expect.any(String) });
    const [got] = await delivered(target.queueUrl);
    expect(got).toMatchObject({
      source: event.source,
      "detail-type": event["detail-type"],
      detail: event.detail,
      resources: event.resources,
    });
  });

  it("renders source, detail-type and detail (bus by name)", async () => {
    const target = await busToQueue("acme.rulebridge");
    await runAction(
      eventbridgePutAction,
      {
        bus: target.busName,
        source: "acme.rulebridge",
        detailType: "Task stopped: {{ event.detail.lastStatus }}",
        detail: { task: "{{ event.detail.taskArn }}", original: "{{ event.id }}" },
      },
      ecsContext(),
      services,
    );
    const [got] = await delivered(target.queueUrl);
    expect(got).toMatchObject({
      source: "acme.rulebridge",
      "detail-type": "Task stopped: STOPPED",
      detail: { task: event.detail.taskArn, original: event.id },
    });
  });

  it("a failed entry (HTTP 200, FailedEntryCount 1) is a failure with its error code", async () => {
    proxy.script([
      {
        match: { awsAction: "PutEvents" },
        fault: {
          kind: "respond",
          status: 200,
          headers: { "content-type": "application/x-amz-json-1.1" },
          body: JSON.stringify({
            FailedEntryCount: 1,
            Entries: [{ ErrorCode: "ThrottlingException", ErrorMessage: "Rate exceeded" }],
          }),
        },
      },
      {
        match: { awsAction: "PutEvents" },
        fault: {
          kind: "respond",
          status: 200,
          headers: { "content-type": "application/x-amz-json-1.1" },
          body: JSON.stringify({
            FailedEntryCount: 1,
            Entries: [
              {
                ErrorCode: "NotAuthorizedForSourceException",
                ErrorMessage: "Not authorized for the source.",
              },
            ],
          }),
        },
      },
    ]);
    const through = testServices({ endpoint: proxy.url });
    const throttled = await failureOf(runAction(eventbridgePutAction, {}, ecsContext(), through));
    expect(throttled.message).toBe(
      "events:PutEvents failed for the entry: ThrottlingException: Rate exceeded",
    );
    expect(throttled.retryable).toBe(true);
    const refused = await failureOf(runAction(eventbridgePutAction, {}, ecsContext(), through));
    expect(refused.message).toMatch(/NotAuthorizedForSourceException/);
    expect(refused.retryable).toBe(false);
  });
});

describe("eventbridge-put plan, check, iam", () => {
  it("plans the entry and warns that an aws. source is refused", () => {
    const context = ecsContext();
    const plan = eventbridgePutAction.plan({
      params: renderedParams(eventbridgePutAction, {}, context),
      context,
    });
    expect(plan.steps[0]?.input).toEqual({
      Entries: [
        {
          EventBusName: "default",
          Source: event.source,
          DetailType: event["detail-type"],
          Detail: event.detail,
          Resources: event.resources,
        },
      ],
    });
    expect(plan.steps[0]?.note).toMatch(/NotAuthorizedForSourceException/);
  });

  it.each([
    ["a bus ARN of another service", { bus: "arn:aws:sns:us-east-1:123456789012:x" }, "INVALID_ARN", ["bus"]],
    ["a bad bus name", { bus: "my bus" }, "INVALID_PARAM", ["bus"]],
    ["a literal aws. source", { source: "aws.ecs" }, "INVALID_PARAM", ["source"]],
  ])("check: %s", (_name, params, code, path) => {
    expect(eventbridgePutAction.check?.(params).map((i) => [i.code, i.path])).toEqual([[code, path]]);
  });

  it.each([
    [{}, "arn:aws:events:*:*:event-bus/default"],
    [{ bus: "ops" }, "arn:aws:events:*:*:event-bus/ops"],
    [
      { bus: `arn:aws:events:eu-west-1:${TEST_ACCOUNT_ID}:event-bus/central` },
      `arn:aws:events:eu-west-1:${TEST_ACCOUNT_ID}:event-bus/central`,
    ],
  ])("iam for %j is scoped to the bus", (params, resource) => {
    expect(eventbridgePutAction.iam({ ...eventbridgePutAction.defaults, ...params })).toEqual([
      { actions: ["events:PutEvents"], resources: [resource] },
    ]);
  });
});
