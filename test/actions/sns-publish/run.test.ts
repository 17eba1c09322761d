import { CreateTopicCommand, SNSClient, SubscribeCommand } from "@aws-sdk/client-sns";
import {
  CreateQueueCommand,
  GetQueueAttributesCommand,
  type Message,
  ReceiveMessageCommand,
  SQSClient,
} from "@aws-sdk/client-sqs";
import { beforeAll, describe, expect, it } from "vitest";
import { snsPublishAction } from "../../../actions/sns-publish/index.js";
import type { ActionServices } from "../../../engine/action/types.js";
import { uniqueName } from "../../support/services/index.js";
import { ecsContext } from "../fixtures.js";
import { failureOf, runAction, testServices, useAwsTestEnv } from "../run-support.js";
import { seedParams, TOPIC_ARN } from "./seed.js";

/**
 * Seed 002 (1/2) against moto: a topic with an SQS subscription, so what SNS delivers is read
 * back from the queue exactly as a subscriber would get it (the SNS JSON envelope).
 */
let services: ActionServices;
let sns: SNSClient;
let sqs: SQSClient;

beforeAll(() => {
  useAwsTestEnv();
  services = testServices();
  sns = services.aws.client(SNSClient);
  sqs = services.aws.client(SQSClient);
});

interface Subscribed {
  topicArn: string;
  queueUrl: string;
}

/** A topic (created, or the existing one of that name) with a fresh queue subscribed to it. */
async function subscribedTopic(name: string, fifo = false): Promise<Subscribed> {
  const topic = await sns.send(
    new CreateTopicCommand({ Name: name, ...(fifo ? { Attributes: { FifoTopic: "true" } } : {}) }),
  );
  const queueName = fifo ? `${uniqueName("sub")}.fifo` : uniqueName("sub");
  const queue = await sqs.send(
    new CreateQueueCommand({ QueueName: queueName, ...(fifo ? { Attributes: { FifoQueue: "true" } } : {}) }),
  );
  const attrs = await sqs.send(
    new GetQueueAttributesCommand({ QueueUrl: queue.QueueUrl, AttributeNames: ["QueueArn"] }),
  );
  await sns.send(
    new SubscribeCommand({ TopicArn: topic.TopicArn, Protocol: "sqs", Endpoint: attrs.Attributes?.QueueArn }),
  );
  return { topicArn: topic.TopicArn ?? "", queueUrl: queue.QueueUrl ?? "" };
}

async function receive(queueUrl: string): Promise<Message[]> {
  const out = await sqs.send(
    new ReceiveMessageCommand({
      QueueUrl: queueUrl,
      MaxNumberOfMessages: 10,
      WaitTimeSeconds: 1,
      MessageSystemAttributeNames: ["All"],
    }),
  );
  return out.Messages ?? [];
}

/** The SNS envelope an SQS subscriber receives (raw delivery off). */
interface Envelope {
  MessageId: string;
  TopicArn: string;
  Subject?: string;
  Message: string;
  MessageAttributes?: Record<string, { Type: string; Value: string }>;
}

function envelope(message: Message | undefined): Envelope {
  if (!message?.Body) throw new Error("no message delivered");
  return JSON.parse(message.Body) as Envelope;
}

describe("sns-publish run (seed 002, moto SNS → SQS)", () => {
  it("publishes the seed's subject and JSON detail; the subscriber gets them", async () => {
    // The seed's own topic ARN: moto's account and region are the seed's.
    const { topicArn, queueUrl } = await subscribedTopic("ECSTaskErrorNotification");
    expect(topicArn).toBe(TOPIC_ARN);
    const context = ecsContext();

    const result = await runAction(snsPublishAction, seedParams, context, services);
    expect(result.status).toBe("changed");
    const messageId = result.detail?.messageId;
    expect(messageId).toEqual(expect.any(String));

    const [delivered] = await receive(queueUrl);
    const body = envelope(delivered);
    expect(body.MessageId).toBe(messageId);
    expect(body.Subject).toBe("ECS task failure: web");
    expect(JSON.parse(body.Message)).toEqual((context.event as { detail: unknown }).detail);
  });

  it("sends the whole event as JSON when the rule gives no message", async () => {
    const { topicArn, queueUrl } = await subscribedTopic(uniqueName("default-message"));
    const context = ecsContext();
    await runAction(snsPublishAction, { topicArn }, context, services);
    const body = envelope((await receive(queueUrl))[0]);
    expect(JSON.parse(body.Message)).toEqual(context.event);
    expect(body.Subject).toBeUndefined();
  });

  it("sends attributes as String message attributes", async () => {
    const { topicArn, queueUrl } = await subscribedTopic(uniqueName("attributes"));
    await runAction(
      snsPublishAction,
      {
        topicArn,
        attributes: { cluster: "{{ event.detail.clusterArn }}", status: "{{ event.detail.lastStatus }}" },
      },
      ecsContext(),
      services,
    );
    const body = envelope((await receive(queueUrl))[0]);
    expect(body.MessageAttributes).toEqual({
      cluster: { Type: "String", Value: "arn:aws:ecs:us-east-1:123456789012:cluster/eventStreamTestCluster" },
      status: { Type: "String", Value: "STOPPED" },
    });
  });

  it("publishes to a FIFO topic with the rendered group and deduplication ids", async () => {
    const { topicArn, queueUrl } = await subscribedTopic(`${uniqueName("ecs-events")}.fifo`, true);
    const params = {
      topicArn,
      subject: seedParams.subject,
      messageGroupId: "{{ event.detail.clusterArn | split: '/' | last }}",
      messageDeduplicationId: "{{ event.id }}",
    };
    const result = await runAction(snsPublishAction, params, ecsContext(), services);
    expect(result.detail).toMatchObject({ messageGroupId: "eventStreamTestCluster" });

    const [delivered] = await receive(queueUrl);
    expect(delivered?.Attributes?.MessageGroupId).toBe("eventStreamTestCluster");
    expect(envelope(delivered).Subject).toBe("ECS task failure: web");
  });

  it("refuses a subject that renders past SNS's limits, without publishing", async () => {
    const { topicArn, queueUrl } = await subscribedTopic(uniqueName("long-subject"));
    const failure = await failureOf(
      runAction(
        snsPublishAction,
        { topicArn, subject: "{{ event.detail.taskArn }} {{ event.detail.taskArn }}" },
        ecsContext(),
        services,
      ),
    );
    expect(failure.retryable).toBe(false);
    expect(failure.message).toMatch(/subject: .*at most 100/);
    expect(await receive(queueUrl)).toEqual([]);
  });

  it("fails without retry, naming the operation and code, when the topic does not exist", async () => {
    const topicArn = `arn:aws:sns:us-east-1:123456789012:${uniqueName("no-such-topic")}`;
    const failure = await failureOf(runAction(snsPublishAction, { topicArn }, ecsContext(), services));
    expect(failure.retryable).toBe(false);
    expect(failure.message).toMatch(/^sns:Publish failed: NotFound/);
  });
});
