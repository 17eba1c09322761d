import { CreateTableCommand, DynamoDBClient, GetItemCommand, PutItemCommand } from "@aws-sdk/client-dynamodb";
import {
  CreateTagsCommand,
  DescribeInstancesCommand,
  EC2Client,
  RunInstancesCommand,
} from "@aws-sdk/client-ec2";
import { CreateKeyCommand, DecryptCommand, EncryptCommand, KMSClient } from "@aws-sdk/client-kms";
import {
  CreateTopicCommand,
  ListTopicsCommand,
  PublishCommand,
  SNSClient,
  SubscribeCommand,
} from "@aws-sdk/client-sns";
import {
  CreateQueueCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SQSClient,
} from "@aws-sdk/client-sqs";
import { GetParameterCommand, PutParameterCommand, SSMClient } from "@aws-sdk/client-ssm";
import { afterEach, beforeEach, describe, expect, inject, it, vi } from "vitest";
import {
  awsClientConfig,
  awsTestEnv,
  motoUrl,
  resetMoto,
  serviceVersions,
  TEST_ACCOUNT_ID,
} from "../support/services/index.js";

/** A query-protocol call for services whose SDK client the project does not install (STS, CloudWatch). */
async function queryCall(
  service: string,
  params: Record<string, string>,
): Promise<{ status: number; body: string }> {
  const response = await fetch(motoUrl(), {
    method: "POST",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      // moto routes query-protocol calls by the SigV4 credential scope's service name.
      authorization: `AWS4-HMAC-SHA256 Credential=AKIARULEBRIDGETEST00/20260101/us-east-1/${service}/aws4_request, SignedHeaders=host, Signature=0`,
    },
    body: new URLSearchParams(params),
  });
  return { status: response.status, body: await response.text() };
}

describe("moto server", () => {
  beforeEach(resetMoto);
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it("is the pinned moto, one server per worker slot, on loopback", () => {
    expect(serviceVersions().moto).toBe("5.2.5");
    expect(motoUrl()).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(awsTestEnv()).toMatchObject({ AWS_ENDPOINT_URL: motoUrl(), AWS_REGION: "us-east-1" });
  });

  it("reaches moto from an SDK client configured only by awsTestEnv(), as the engine's clients are", async () => {
    for (const [name, value] of Object.entries(awsTestEnv())) vi.stubEnv(name, value);
    await new SNSClient({}).send(new CreateTopicCommand({ Name: "from-env" }));
    const listed = await new SNSClient(awsClientConfig()).send(new ListTopicsCommand({}));
    expect(listed.Topics?.map((topic) => topic.TopicArn)).toEqual([
      `arn:aws:sns:us-east-1:${TEST_ACCOUNT_ID}:from-env`,
    ]);
  });

  it("gives each vitest worker slot a server of its own", () => {
    const slot = process.env.VITEST_POOL_ID;
    expect(slot).toMatch(/^[1-9]\d*$/);
    expect(motoUrl()).toBe(inject("rulebridgeServices").motoUrls[Number(slot) - 1]);
  });

  it("delivers an SNS publish to a subscribed SQS queue", async () => {
    const sns = new SNSClient(awsClientConfig());
    const sqs = new SQSClient(awsClientConfig());
    const { TopicArn } = await sns.send(new CreateTopicCommand({ Name: "ECSTaskErrorNotification" }));
    expect(TopicArn).toBe(`arn:aws:sns:us-east-1:${TEST_ACCOUNT_ID}:ECSTaskErrorNotification`);
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: "inbox" }));
    const { Attributes } = await sqs.send(
      new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ["QueueArn"] }),
    );
    await sns.send(new SubscribeCommand({ TopicArn, Protocol: "sqs", Endpoint: Attributes?.QueueArn }));
    await sns.send(
      new PublishCommand({ TopicArn, Subject: "ECS task failure", Message: '{"lastStatus":"STOPPED"}' }),
    );
    const { Messages } = await sqs.send(new ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 1 }));
    const envelope = JSON.parse(Messages?.[0]?.Body ?? "{}") as { Subject?: string; Message?: string };
    expect(envelope).toMatchObject({ Subject: "ECS task failure", Message: '{"lastStatus":"STOPPED"}' });
  });

  it("starts every test empty after resetMoto()", async () => {
    const sns = new SNSClient(awsClientConfig());
    await sns.send(new CreateTopicCommand({ Name: "left-over" }));
    await resetMoto();
    expect((await sns.send(new ListTopicsCommand({}))).Topics ?? []).toEqual([]);
  });

  it("encrypts and decrypts with a KMS encryption context, as the Lambda console does", async () => {
    const kms = new KMSClient(awsClientConfig());
    const { KeyMetadata } = await kms.send(new CreateKeyCommand({}));
    const context = { LambdaFunctionName: "rulebridge" };
    const { CiphertextBlob } = await kms.send(
      new EncryptCommand({
        KeyId: KeyMetadata?.KeyId,
        Plaintext: Buffer.from("https://hooks.example/x"),
        EncryptionContext: context,
      }),
    );
    const { Plaintext } = await kms.send(new DecryptCommand({ CiphertextBlob, EncryptionContext: context }));
    expect(Buffer.from(Plaintext ?? []).toString()).toBe("https://hooks.example/x");
    await expect(
      kms.send(new DecryptCommand({ CiphertextBlob, EncryptionContext: { LambdaFunctionName: "other" } })),
    ).rejects.toThrow();
  });

  it("keeps SSM SecureString parameters and DynamoDB items", async () => {
    const ssm = new SSMClient(awsClientConfig());
    await ssm.send(
      new PutParameterCommand({ Name: "/rulebridge/slack", Value: "secret", Type: "SecureString" }),
    );
    const { Parameter } = await ssm.send(
      new GetParameterCommand({ Name: "/rulebridge/slack", WithDecryption: true }),
    );
    expect(Parameter?.Value).toBe("secret");

    const dynamo = new DynamoDBClient(awsClientConfig());
    await dynamo.send(
      new CreateTableCommand({
        TableName: "idempotency",
        AttributeDefinitions: [{ AttributeName: "id", AttributeType: "S" }],
        KeySchema: [{ AttributeName: "id", KeyType: "HASH" }],
        BillingMode: "PAY_PER_REQUEST",
      }),
    );
    await dynamo.send(
      new PutItemCommand({ TableName: "idempotency", Item: { id: { S: "event-1#rule#0" } } }),
    );
    const { Item } = await dynamo.send(
      new GetItemCommand({ TableName: "idempotency", Key: { id: { S: "event-1#rule#0" } } }),
    );
    expect(Item?.id?.S).toBe("event-1#rule#0");
  });

  it("runs and tags EC2 instances with private IPs", async () => {
    const ec2 = new EC2Client(awsClientConfig());
    const { Instances } = await ec2.send(
      new RunInstancesCommand({ ImageId: "ami-12345678", MinCount: 1, MaxCount: 1 }),
    );
    const instanceId = Instances?.[0]?.InstanceId;
    await ec2.send(
      new CreateTagsCommand({ Resources: [instanceId ?? ""], Tags: [{ Key: "App", Value: "web" }] }),
    );
    const described = await ec2.send(new DescribeInstancesCommand({ InstanceIds: [instanceId ?? ""] }));
    const instance = described.Reservations?.[0]?.Instances?.[0];
    expect(instance?.PrivateIpAddress).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    expect(instance?.Tags).toContainEqual({ Key: "App", Value: "web" });
  });

  it("answers STS and CloudWatch", async () => {
    const identity = await queryCall("sts", { Action: "GetCallerIdentity", Version: "2011-06-15" });
    expect(identity.status).toBe(200);
    expect(identity.body).toContain(`<Account>${TEST_ACCOUNT_ID}</Account>`);
    const alarms = await queryCall("monitoring", { Action: "DescribeAlarms", Version: "2010-08-01" });
    expect(alarms.status).toBe(200);
    expect(alarms.body).toContain("DescribeAlarmsResult");
  });
});
