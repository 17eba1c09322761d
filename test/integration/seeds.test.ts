import { CreateTableCommand, DynamoDBClient, UpdateTimeToLiveCommand } from "@aws-sdk/client-dynamodb";
import { DescribeInstancesCommand } from "@aws-sdk/client-ec2";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { cli } from "../../cli/cli.js";
import { memoryIo } from "../support/memory-io.js";
import {
  awsClientConfig,
  awsTestEnv,
  openSearchUrl,
  type SlackReceiver,
  startSlackReceiver,
  uniqueName,
} from "../support/services/index.js";
import {
  buildSeedWorld,
  drainQueue,
  launchInstance,
  type SeedWorld,
  sampleEvent,
  writeEvent,
} from "./seed-world.js";

/**
 * The three seeds end to end through the live `rulebridge run`, against moto, OpenSearch and a
 * Slack-contract receiver: real SDK calls, real HTTP, the seed rules as committed.
 */
let slack: SlackReceiver;
let world: SeedWorld;

beforeAll(async () => {
  slack = await startSlackReceiver();
  world = await buildSeedWorld(slack.url);
});
afterAll(async () => {
  await slack?.close();
});
beforeEach(() => {
  for (const [k, v] of Object.entries(awsTestEnv())) vi.stubEnv(k, v);
});

async function run(files: string[], extra: string[] = []) {
  const io = memoryIo();
  const code = await cli(["run", ...files, "--rules", world.rulesDir, "--format", "json", ...extra], io);
  const outcomes = io.out
    .trim()
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l));
  return { code, outcomes, out: io.out, err: io.err };
}

function actionsOf(
  outcomes: { decisions: { rule: string; actions: { status: string; error?: string }[] }[] }[],
  rule: string,
) {
  return outcomes.flatMap((o) => o.decisions.filter((d) => d.rule === rule).flatMap((d) => d.actions));
}

async function nameTag(id: string): Promise<string | undefined> {
  const out = await world.ec2.send(new DescribeInstancesCommand({ InstanceIds: [id] }));
  return out.Reservations?.[0]?.Instances?.[0]?.Tags?.find((t) => t.Key === "Name")?.Value;
}

async function launchEvent(instanceId: string, name: string): Promise<string> {
  const event = await sampleEvent("autoscaling-launch-successful-sample.json");
  event.id = uniqueName("asg");
  event.region = "us-east-1";
  (event.detail as Record<string, unknown>).EC2InstanceId = instanceId;
  return writeEvent(world.eventsDir, name, event);
}

describe("seed 000: Name tag from the instance's tags and private IP", () => {
  const tags = { Region: "vg", App: "store", Layer: "web", Env: "release", Group: "a" };

  it("names the instance, then leaves it unchanged on a second run", async () => {
    const instance = await launchInstance(world.ec2, tags);
    const [, , o3, o4] = instance.privateIp.split(".");
    const file = await launchEvent(instance.id, `${instance.id}.json`);
    const first = await run([file]);
    expect(first.code).toBe(0);
    expect(actionsOf(first.outcomes, "asg-launch-name-tag")).toMatchObject([{ status: "changed" }]);
    expect(await nameTag(instance.id)).toBe(`vg-store-web-release-a-${o3}-${o4}`);
    const second = await run([file]);
    expect(actionsOf(second.outcomes, "asg-launch-name-tag")).toMatchObject([{ status: "unchanged" }]);
  });

  it("fails naming the missing tag and writes nothing", async () => {
    const { Env: _env, ...withoutEnv } = tags;
    const instance = await launchInstance(world.ec2, withoutEnv);
    const result = await run([await launchEvent(instance.id, `${instance.id}-noenv.json`)]);
    expect(result.code).toBe(1);
    const [action] = actionsOf(result.outcomes, "asg-launch-name-tag");
    expect(action?.status).toBe("failed");
    expect(action?.error).toContain("instance.tags.Env");
    expect(await nameTag(instance.id)).toBeUndefined();
  });

  it("corrects a wrong Name", async () => {
    const instance = await launchInstance(world.ec2, { ...tags, Name: "wrong" });
    const [, , o3, o4] = instance.privateIp.split(".");
    await run([await launchEvent(instance.id, `${instance.id}-wrong.json`)]);
    expect(await nameTag(instance.id)).toBe(`vg-store-web-release-a-${o3}-${o4}`);
  });
});

describe("seed 001: ALB without healthy hosts → Slack, webhook URL KMS-encrypted", () => {
  it("posts once for the EventBridge event and once for the SNS alarm notification", async () => {
    const before = slack.delivered().length;
    const files = ["cloudwatch-alarm-state-change-alb-unhealthy.json", "sns-envelope-alb-unhealthy.json"].map(
      (f) => `examples/events/${f}`,
    );
    const result = await run(files);
    expect(result.code).toBe(0);
    const posts = slack.delivered().slice(before);
    expect(posts).toHaveLength(2);
    for (const post of posts) {
      const text = JSON.stringify(post.body);
      expect(text).toContain("ALBNoHealthyHosts");
      expect(text).toContain("ALARM");
      expect(text).toContain("Threshold Crossed");
    }
    const secret = new URL(slack.url).pathname;
    expect(result.out + result.err).not.toContain(secret);
  });

  it("a wrong encryption context fails clearly, posts nothing and never shows the URL", async () => {
    const before = slack.requests.length;
    const { readFile, writeFile } = await import("node:fs/promises");
    const path = `${world.rulesDir}/alb-unhealthy-slack.yaml`;
    const original = await readFile(path, "utf8");
    await writeFile(
      path,
      original.replace("LambdaFunctionName: rulebridge-engine", "LambdaFunctionName: other-function"),
    );
    try {
      const result = await run(["examples/events/cloudwatch-alarm-state-change-alb-unhealthy.json"]);
      expect(result.code).toBe(1);
      const [action] = actionsOf(result.outcomes, "alb-unhealthy-slack");
      expect(action?.status).toBe("failed");
      expect(action?.error).toMatch(/InvalidCiphertext|decrypt/i);
      expect(slack.requests.length).toBe(before);
      expect(result.out + result.err).not.toContain(new URL(slack.url).pathname);
    } finally {
      await writeFile(path, original);
    }
  });
});

describe("seed 002: ECS task failures → SNS; every ECS event → OpenSearch", () => {
  it("publishes the failure with subject and detail JSON, indexes every event by id, and a replay repeats nothing", async () => {
    const table = uniqueName("rulebridge-idempotency");
    const ddb = new DynamoDBClient(awsClientConfig());
    await ddb.send(
      new CreateTableCommand({
        TableName: table,
        KeySchema: [{ AttributeName: "pk", KeyType: "HASH" }],
        AttributeDefinitions: [{ AttributeName: "pk", AttributeType: "S" }],
        BillingMode: "PAY_PER_REQUEST",
      }),
    );
    await ddb.send(
      new UpdateTimeToLiveCommand({
        TableName: table,
        TimeToLiveSpecification: { AttributeName: "expiresAt", Enabled: true },
      }),
    );
    const files = [
      "ecs-task-state-change-essential-exited.json",
      "ecs-task-state-change-fargate-running.json",
      "ecs-container-instance-state-change.json",
      "ecs-service-action-service-steady-state.json",
    ].map((f) => `examples/events/${f}`);

    const first = await run(files, ["--idempotency-table", table]);
    expect(first.code).toBe(0);
    const messages = await drainQueue(world.sqs, world.queueUrl, 1);
    expect(messages).toHaveLength(1);
    expect(messages[0]?.Subject).toBe("ECS task failure: web");
    expect(JSON.parse(messages[0]!.Message)).toMatchObject({
      lastStatus: "STOPPED",
      stoppedReason: "Essential container in task exited",
    });

    const doc = await fetch(
      `${openSearchUrl()}/${world.indexPrefix}-ecs-events-2016.10.17/_doc/8f07966c-b005-4a0f-9ee9-63d2c41448b3`,
    );
    expect(doc.status).toBe(200);
    expect(
      ((await doc.json()) as { _source: { detail: { taskArn: string } } })._source.detail.taskArn,
    ).toContain("cdf83842");

    const replay = await run(files, ["--idempotency-table", table]);
    expect(replay.code).toBe(0);
    expect(actionsOf(replay.outcomes, "ecs-essential-container-exited")).toMatchObject([
      { status: "skipped-duplicate" },
    ]);
    expect(await drainQueue(world.sqs, world.queueUrl)).toHaveLength(0);
    await fetch(`${openSearchUrl()}/${world.indexPrefix}-ecs-events-*/_refresh`, { method: "POST" });
    const count = (await (
      await fetch(`${openSearchUrl()}/${world.indexPrefix}-ecs-events-*/_count`)
    ).json()) as { count: number };
    expect(count.count).toBe(4);
  });
});
