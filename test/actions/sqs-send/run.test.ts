import { CreateQueueCommand, type Message, ReceiveMessageCommand, SQSClient } from "@aws-sdk/client-sqs";
import { beforeAll, describe, expect, it } from "vitest";
import { sqsSendAction } from "../../../actions/sqs-send/index.js";
import type { ActionServices } from "../../../engine/action/types.js";
import { TEST_ACCOUNT_ID, uniqueName } from "../../support/services/index.js";
import { ecsContext } from "../fixtures.js";
import { failureOf, renderedParams, runAction, testServices, useAwsTestEnv } from "../run-support.js";

/** sqs-send against moto's SQS: what arrives, FIFO ids, and that a replay is not queued twice. */
let services: ActionServices;
let sqs: SQSClient;

beforeAll(() => {
  useAwsTestEnv();
  services = testServices();
  sqs = services.aws.client(SQSClient);
});

async function queue(fifo = false): Promise<{ url: string; arn: string; awsUrl: string }> {
  const name = fifo ? `${uniqueName("q")}.fifo` : uniqueName("q");
  const out = await sqs.send(
    new CreateQueueCommand({ QueueName: name, ...(fifo ? { Attributes: { FifoQueue: "true" } } : {}) }),
  );
  return {
    url: out.QueueUrl ?? "",
    arn: `arn:aws:sqs:us-east-1:${TEST_ACCOUNT_ID}:${name}`,
    awsUrl: `https://sqs.us-east-1.amazonaws.com/${TEST_ACCOUNT_ID}/${name}`,
  };
}

async function receive(url: string, waitSeconds = 1): Promise<Message[]> {
  const out = await sqs.send(
    new ReceiveMessageCommand({
      QueueUrl: url,
      MaxNumberOfMessages: 10,
      WaitTimeSeconds: waitSeconds,
      MessageAttributeNames: ["All"],
      MessageSystemAttributeNames: ["All"],
    }),
  );
  return out.Messages ?? [];
}

const event = ecsContext().event as { id: string; detail: { taskArn: string } };

describe("sqs-send run", () => {
  it("standard queue by ARN: the event as JSON, with attributes", async () => {
    const q = await queue();
    const result = await runAction(
      sqsSendAction,
      { queue: q.arn, attributes: { task: "{{ event.detail.taskArn }}" } },
      ecsContext(),
      services,
    );
    expect(result.status).toBe("changed");
    expect(result.detail).toMatchObject({ queue: q.arn, messageId: expect.any(String) });
    const [message] = await receive(q.url);
    expect(JSON.parse(message?.Body ?? "")).toEqual(event);
    expect(message?.MessageAttributes?.task?.StringValue).toBe(event.detail.taskArn);
  });

  it("standard queue by URL, a rendered mapping body and a delay", async () => {
    const q = await queue();
    await runAction(
      sqsSendAction,
      { queue: q.awsUrl, body: { task: "{{ event.detail.taskArn }}" }, delaySeconds: 1 },
      ecsContext(),
      services,
    );
    expect(await receive(q.url, 0)).toEqual([]);
    const messages = await receive(q.url, 3);
    expect(messages.map((m) => JSON.parse(m.Body ?? ""))).toEqual([{ task: event.detail.taskArn }]);
  });

  it("FIFO: group and deduplication id default to the event id; a replay is not queued twice", async () => {
    const q = await queue(true);
    const first = await runAction(sqsSendAction, { queue: q.arn }, ecsContext(), services);
    const replay = await runAction(sqsSendAction, { queue: q.arn }, ecsContext(), services);
    expect(first.detail).toMatchObject({ deduplicationId: event.id, sequenceNumber: expect.any(String) });
    expect(replay.status).toBe("changed");
    const messages = await receive(q.url);
    expect(messages).toHaveLength(1);
    expect(messages[0]?.Attributes?.MessageGroupId).toBe(event.id);
    expect(messages[0]?.Attributes?.MessageDeduplicationId).toBe(event.id);
  });

  it("a queue that does not exist fails, not retryable", async () => {
    const failure = await failureOf(
      runAction(
        sqsSendAction,
        { queue: `arn:aws:sqs:us-east-1:${TEST_ACCOUNT_ID}:${uniqueName("none")}` },
        ecsContext(),
        services,
      ),
    );
    expect(failure.retryable).toBe(false);
    expect(failure.message).toMatch(/^sqs:SendMessage failed: /);
  });
});

describe("sqs-send plan, check, iam", () => {
  const arn = `arn:aws:sqs:eu-west-1:${TEST_ACCOUNT_ID}:jobs.fifo`;
  it("plans the exact request, FIFO ids filled in", () => {
    const context = ecsContext();
    const plan = sqsSendAction.plan({
      params: renderedParams(sqsSendAction, { queue: arn }, context),
      context,
    });
    expect(plan.steps).toEqual([
      {
        call: "sqs:SendMessage",
        input: {
          QueueUrl: `https://sqs.eu-west-1.amazonaws.com/${TEST_ACCOUNT_ID}/jobs.fifo`,
          MessageBody: event,
          MessageGroupId: event.id,
          MessageDeduplicationId: event.id,
        },
      },
    ]);
  });

  it.each([
    ["a bad URL", { queue: "https://example.com/q" }, "INVALID_PARAM", ["queue"]],
    ["an SNS ARN", { queue: "arn:aws:sns:us-east-1:123456789012:t" }, "INVALID_ARN", ["queue"]],
    ["a delay on FIFO", { queue: arn, delaySeconds: 5 }, "INVALID_PARAM", ["delaySeconds"]],
    [
      "a dedup id on standard",
      { queue: `arn:aws:sqs:us-east-1:${TEST_ACCOUNT_ID}:q`, messageDeduplicationId: "x" },
      "INVALID_PARAM",
      ["messageDeduplicationId"],
    ],
    [
      "a Slack URL in the body",
      { queue: `arn:aws:sqs:us-east-1:${TEST_ACCOUNT_ID}:q`, body: "https://hooks.slack.com/services/T/B/x" },
      "PLAINTEXT_SECRET",
      ["body"],
    ],
  ])("check: %s", (_name, params, code, path) => {
    expect(sqsSendAction.check?.(params).map((i) => [i.code, i.path])).toEqual([[code, path]]);
  });

  it.each([
    [arn, [arn]],
    [
      `https://sqs.us-east-1.amazonaws.com/${TEST_ACCOUNT_ID}/q`,
      [`arn:aws:sqs:us-east-1:${TEST_ACCOUNT_ID}:q`],
    ],
    [`arn:aws:sqs:{{ event.region }}:${TEST_ACCOUNT_ID}:q`, [`arn:aws:sqs:*:${TEST_ACCOUNT_ID}:q`]],
  ])("iam for %s is scoped to the queue", (queue, resources) => {
    expect(sqsSendAction.iam({ queue })).toEqual([{ actions: ["sqs:SendMessage"], resources }]);
  });
});
