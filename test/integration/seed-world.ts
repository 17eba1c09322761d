import { mkdir, mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { EC2Client, RunInstancesCommand } from "@aws-sdk/client-ec2";
import { CreateKeyCommand, EncryptCommand, KMSClient } from "@aws-sdk/client-kms";
import { CreateTopicCommand, SNSClient, SubscribeCommand } from "@aws-sdk/client-sns";
import {
  CreateQueueCommand,
  DeleteMessageBatchCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SQSClient,
} from "@aws-sdk/client-sqs";
import { awsClientConfig, openSearchUrl, uniqueName } from "../support/services/index.js";

/**
 * The seeds' world, built in real services: the seed rules from rules/ with only their
 * deployment-specific values (topic, OpenSearch endpoint, KMS ciphertext) pointed at the test
 * services, plus the resources they need. Every name is unique so test files can run at once.
 */
export interface SeedWorld {
  rulesDir: string;
  eventsDir: string;
  topicArn: string;
  queueUrl: string;
  indexPrefix: string;
  keyId: string;
  ec2: EC2Client;
  sqs: SQSClient;
}

export const FUNCTION_NAME = "rulebridge-engine";

export async function buildSeedWorld(
  slackUrl: string,
  opts: { webhookWithoutScheme?: boolean } = {},
): Promise<SeedWorld> {
  const config = awsClientConfig();
  const sns = new SNSClient(config);
  const sqs = new SQSClient(config);
  const kms = new KMSClient(config);
  const ec2 = new EC2Client(config);
  const id = uniqueName("seed");

  const topicArn = (await sns.send(new CreateTopicCommand({ Name: `${id}-ecs-errors` }))).TopicArn!;
  const queueUrl = (await sqs.send(new CreateQueueCommand({ QueueName: `${id}-ecs-errors` }))).QueueUrl!;
  const queueArn = (
    await sqs.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ["QueueArn"] }))
  ).Attributes!.QueueArn!;
  await sns.send(new SubscribeCommand({ TopicArn: topicArn, Protocol: "sqs", Endpoint: queueArn }));

  const key = await kms.send(new CreateKeyCommand({ Description: "rulebridge seed 001" }));
  const keyId = key.KeyMetadata!.Arn!;
  // The Lambda console's "Encrypt" stores the URL as typed; the classic blueprint's examples omit https://.
  const plaintext = opts.webhookWithoutScheme ? slackUrl.replace(/^https?:\/\//, "") : slackUrl;
  const ciphertext = await kms.send(
    new EncryptCommand({
      KeyId: keyId,
      Plaintext: new TextEncoder().encode(plaintext),
      EncryptionContext: { LambdaFunctionName: FUNCTION_NAME },
    }),
  );
  const blob = Buffer.from(ciphertext.CiphertextBlob!).toString("base64");

  const indexPrefix = id.toLowerCase();
  const rulesDir = await mkdtemp(join(tmpdir(), "rulebridge-rules-"));
  const rewrite = async (name: string, edit: (text: string) => string) => {
    const text = await readFile(join("rules", name), "utf8");
    const edited = edit(text);
    if (edited === text) throw new Error(`seed rule ${name} did not change: the test's rewrite is stale`);
    await writeFile(join(rulesDir, name), edited);
  };
  await rewrite("asg-launch-name-tag.yaml", (t) => t.replace("description:", "# test copy\ndescription:"));
  await rewrite("ecs-essential-container-exited.yaml", (t) =>
    t.replace(/topicArn: \S+/, `topicArn: ${topicArn}`),
  );
  await rewrite("ecs-events-to-opensearch.yaml", (t) =>
    t
      .replace(/endpoint: \S+/, `endpoint: ${openSearchUrl()}\n    auth: { type: none }`)
      .replace("index: 'ecs-events-", `index: '${indexPrefix}-ecs-events-`),
  );
  await rewrite("alb-unhealthy-slack.yaml", (t) =>
    t.replace(/kmsCiphertext: \S+/, `kmsCiphertext: ${blob}`).replace(/keyArn: \S+/, `keyArn: ${keyId}`),
  );
  const eventsDir = await mkdtemp(join(tmpdir(), "rulebridge-events-"));
  await mkdir(eventsDir, { recursive: true });
  return { rulesDir, eventsDir, topicArn, queueUrl, indexPrefix, keyId, ec2, sqs };
}

/** Launches an instance in moto with the given tags; returns its id and private IP. */
export async function launchInstance(
  ec2: EC2Client,
  tags: Record<string, string>,
): Promise<{ id: string; privateIp: string }> {
  const out = await ec2.send(
    new RunInstancesCommand({
      ImageId: "ami-12c6146b",
      MinCount: 1,
      MaxCount: 1,
      InstanceType: "t3.micro",
      TagSpecifications: [
        { ResourceType: "instance", Tags: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })) },
      ],
    }),
  );
  const instance = out.Instances![0]!;
  return { id: instance.InstanceId!, privateIp: instance.PrivateIpAddress! };
}

/** Drains the queue: every SNS notification delivered to it, parsed. */
export async function drainQueue(
  sqs: SQSClient,
  queueUrl: string,
  expectAtLeast = 0,
): Promise<{ Subject?: string; Message: string; MessageId: string }[]> {
  const out: { Subject?: string; Message: string; MessageId: string }[] = [];
  for (let empty = 0; empty < 3; ) {
    const res = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: queueUrl,
        MaxNumberOfMessages: 10,
        WaitTimeSeconds: out.length >= expectAtLeast ? 0 : 1,
      }),
    );
    const messages = res.Messages ?? [];
    if (messages.length === 0) {
      empty++;
      continue;
    }
    for (const m of messages) out.push(JSON.parse(m.Body!));
    await sqs.send(
      new DeleteMessageBatchCommand({
        QueueUrl: queueUrl,
        Entries: messages.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle! })),
      }),
    );
  }
  return out;
}

export async function writeEvent(dir: string, name: string, event: unknown): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, JSON.stringify(event));
  return path;
}

export async function sampleEvent(name: string): Promise<Record<string, unknown>> {
  return JSON.parse(await readFile(join("examples/events", name), "utf8"));
}
