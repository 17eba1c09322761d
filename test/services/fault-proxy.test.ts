import { CreateTableCommand, DynamoDBClient, ListTablesCommand } from "@aws-sdk/client-dynamodb";
import { DescribeInstancesCommand, EC2Client } from "@aws-sdk/client-ec2";
import { CreateTopicCommand, ListTopicsCommand, SNSClient } from "@aws-sdk/client-sns";
import { Client } from "@opensearch-project/opensearch";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  awsClientConfig,
  awsThrottling,
  type FaultProxy,
  httpError,
  motoUrl,
  openSearchError,
  openSearchUrl,
  resetMoto,
  startFaultProxy,
  uniqueName,
  unreachableUrl,
} from "../support/services/index.js";

describe("fault proxy in front of moto", () => {
  let proxy: FaultProxy;
  beforeEach(async () => {
    await resetMoto();
    proxy = await startFaultProxy(motoUrl());
  });
  afterEach(async () => {
    await proxy.close();
  });

  it("forwards to the real server when no rule matches", async () => {
    const sns = new SNSClient(awsClientConfig(proxy.url));
    await sns.send(new CreateTopicCommand({ Name: "through-proxy" }));
    // The topic exists in moto itself, not in the proxy.
    const direct = await new SNSClient(awsClientConfig()).send(new ListTopicsCommand({}));
    expect(direct.Topics?.map((topic) => topic.TopicArn)).toEqual([
      "arn:aws:sns:us-east-1:123456789012:through-proxy",
    ]);
    expect(proxy.requests).toMatchObject([{ awsAction: "CreateTopic", outcome: "forwarded", status: 200 }]);
  });

  it("throttles a query-protocol call once; the SDK retries and the real call goes through", async () => {
    proxy.script([{ match: { awsAction: "CreateTopic" }, fault: awsThrottling("query") }]);
    const sns = new SNSClient(awsClientConfig(proxy.url));
    const { TopicArn } = await sns.send(new CreateTopicCommand({ Name: "retried" }));
    expect(TopicArn).toContain(":retried");
    expect(proxy.requests.map((request) => `${request.outcome} ${request.status}`)).toEqual([
      "respond 400",
      "forwarded 200",
    ]);
  });

  it("speaks each protocol's throttling error so the SDK names it", async () => {
    proxy.script([
      { match: { awsAction: "ListTables" }, times: Number.POSITIVE_INFINITY, fault: awsThrottling("json") },
      {
        match: { awsAction: "DescribeInstances" },
        times: Number.POSITIVE_INFINITY,
        fault: awsThrottling("ec2"),
      },
      { match: { awsAction: "ListTopics" }, times: Number.POSITIVE_INFINITY, fault: awsThrottling("query") },
    ]);
    const once = { ...awsClientConfig(proxy.url), maxAttempts: 1 };
    await expect(new DynamoDBClient(once).send(new ListTablesCommand({}))).rejects.toMatchObject({
      name: "ThrottlingException",
    });
    await expect(new EC2Client(once).send(new DescribeInstancesCommand({}))).rejects.toMatchObject({
      name: "RequestLimitExceeded",
      $metadata: { httpStatusCode: 503 },
    });
    await expect(new SNSClient(once).send(new ListTopicsCommand({}))).rejects.toMatchObject({
      name: "Throttling",
    });
  });

  it("answers 5xx and resets connections, counting uses per rule", async () => {
    proxy.script([
      { match: { awsAction: "CreateTable" }, fault: httpError(503, "Service Unavailable") },
      { match: { awsAction: "CreateTable" }, fault: { kind: "reset" } },
    ]);
    const once = { ...awsClientConfig(proxy.url), maxAttempts: 1 };
    const dynamo = new DynamoDBClient(once);
    const create = new CreateTableCommand({
      TableName: "t",
      AttributeDefinitions: [{ AttributeName: "id", AttributeType: "S" }],
      KeySchema: [{ AttributeName: "id", KeyType: "HASH" }],
      BillingMode: "PAY_PER_REQUEST",
    });
    await expect(dynamo.send(create)).rejects.toMatchObject({ $metadata: { httpStatusCode: 503 } });
    await expect(dynamo.send(create)).rejects.toMatchObject({ code: "ECONNRESET" });
    await expect(dynamo.send(create)).resolves.toMatchObject({ TableDescription: { TableName: "t" } });
    expect(proxy.requests.map((request) => request.outcome)).toEqual(["respond", "reset", "forwarded"]);
  });

  it("refuses connections like a stopped server, then accepts them again on the same URL", async () => {
    const sns = new SNSClient({ ...awsClientConfig(proxy.url), maxAttempts: 1 });
    await proxy.refuseConnections();
    await expect(sns.send(new ListTopicsCommand({}))).rejects.toMatchObject({ code: "ECONNREFUSED" });
    await proxy.acceptConnections();
    await expect(sns.send(new ListTopicsCommand({}))).resolves.toBeDefined();
  });
});

describe("fault proxy in front of OpenSearch", () => {
  it("rejects an index request with OpenSearch's 429, then forwards, after a delay, to the real node", async () => {
    const proxy = await startFaultProxy(openSearchUrl(), [
      {
        match: { method: "PUT", path: /\/_doc\// },
        fault: openSearchError(429, "es_rejected_execution_exception", "rejected execution"),
      },
      { match: { method: "PUT", path: /\/_doc\// }, fault: { kind: "delay", ms: 50 } },
    ]);
    const client = new Client({ node: proxy.url, maxRetries: 0 });
    const index = uniqueName("fault-proxy");
    try {
      await expect(client.index({ index, id: "1", body: { a: 1 } })).rejects.toMatchObject({
        meta: { statusCode: 429 },
      });
      const indexed = await client.index({ index, id: "1", body: { a: 1 }, refresh: true });
      expect(indexed.body.result).toBe("created");
      expect(proxy.requests.map((request) => request.outcome)).toEqual(["respond", "delayed"]);
    } finally {
      await new Client({ node: openSearchUrl() }).indices.delete({ index, ignore_unavailable: true });
      await client.close();
      await proxy.close();
    }
  });

  it("stands in for a stopped OpenSearch with a URL nothing listens on", async () => {
    const client = new Client({ node: await unreachableUrl(), maxRetries: 0, requestTimeout: 2_000 });
    await expect(client.info()).rejects.toMatchObject({ name: "ConnectionError" });
    await client.close();
  });
});
