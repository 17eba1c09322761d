import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { DescribeInstancesCommand, RunInstancesCommand } from "@aws-sdk/client-ec2";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { cli } from "../../cli/cli.js";
import { memoryIo } from "../support/memory-io.js";
import {
  awsTestEnv,
  openSearchUrl,
  type SlackReceiver,
  startSlackReceiver,
} from "../support/services/index.js";
import { buildSeedWorld, drainQueue, type SeedWorld, sampleEvent } from "./seed-world.js";

/**
 * 2,000 mixed events through the live `rulebridge run` against the real services: every expected
 * tag, SNS message, OpenSearch document and Slack post must be there exactly once.
 */
const INSTANCES = 100;
const FAILED_TASKS = 300;
const OTHER_ECS = 1_300;
const ALARMS = 300;
const TOTAL = INSTANCES + FAILED_TASKS + OTHER_ECS + ALARMS;

let slack: SlackReceiver;
let world: SeedWorld;

beforeAll(async () => {
  for (const [k, v] of Object.entries(awsTestEnv())) vi.stubEnv(k, v);
  slack = await startSlackReceiver();
  world = await buildSeedWorld(slack.url);
});
afterAll(async () => {
  await slack?.close();
});

function withId<T extends Record<string, unknown>>(event: T, id: string, time?: string): T {
  return { ...structuredClone(event), id, ...(time ? { time } : {}) };
}

describe("load: 2,000 mixed events through live run", () => {
  it("does every expected action exactly once", async () => {
    const launched = await world.ec2.send(
      new RunInstancesCommand({
        ImageId: "ami-12c6146b",
        MinCount: INSTANCES,
        MaxCount: INSTANCES,
        InstanceType: "t3.micro",
        TagSpecifications: [
          {
            ResourceType: "instance",
            Tags: [
              { Key: "Region", Value: "vg" },
              { Key: "App", Value: "store" },
              { Key: "Layer", Value: "web" },
              { Key: "Env", Value: "release" },
              { Key: "Group", Value: "b" },
            ],
          },
        ],
      }),
    );
    const instances = launched.Instances!.map((i) => ({ id: i.InstanceId!, ip: i.PrivateIpAddress! }));
    expect(instances).toHaveLength(INSTANCES);

    const launch = await sampleEvent("autoscaling-launch-successful-sample.json");
    const failed = await sampleEvent("ecs-task-state-change-essential-exited.json");
    const others = await Promise.all(
      [
        "ecs-task-state-change-fargate-running.json",
        "ecs-container-instance-state-change.json",
        "ecs-service-action-service-steady-state.json",
        "ecs-deployment-state-change-completed.json",
      ].map(sampleEvent),
    );
    const alarm = await sampleEvent("cloudwatch-alarm-state-change-alb-unhealthy.json");

    const events: Record<string, unknown>[] = [];
    instances.forEach((instance, i) => {
      const e = withId(launch, `launch-${i}`);
      e.region = "us-east-1";
      (e.detail as Record<string, unknown>).EC2InstanceId = instance.id;
      events.push(e);
    });
    for (let i = 0; i < FAILED_TASKS; i++) {
      const e = withId(failed, `failed-${i}`, `2016-10-${String(17 + (i % 3)).padStart(2, "0")}T20:29:14Z`);
      const detail = e.detail as { containers: { name: string }[] };
      detail.containers[0]!.name = `web-${i}`;
      events.push(e);
    }
    for (let i = 0; i < OTHER_ECS; i++) {
      events.push(
        withId(
          others[i % others.length]!,
          `ecs-${i}`,
          `2020-01-${String(1 + (i % 5)).padStart(2, "0")}T00:00:00Z`,
        ),
      );
    }
    for (let i = 0; i < ALARMS; i++) {
      const e = withId(alarm, `alarm-${i}`);
      const state = (e.detail as { state: { reason: string } }).state;
      state.reason = `${state.reason} [load ${i}]`;
      events.push(e);
    }
    // Interleave deterministically so every kind runs concurrently with the others.
    const mixed = events.map((e, i) => ({ e, k: (i * 7919) % events.length })).sort((a, b) => a.k - b.k);
    expect(mixed).toHaveLength(TOTAL);
    const file = join(world.eventsDir, "load.jsonl");
    await writeFile(file, `${mixed.map(({ e }) => JSON.stringify(e)).join("\n")}\n`);

    const io = memoryIo();
    const code = await cli(["run", file, "--rules", world.rulesDir, "--concurrency", "8"], io);
    expect(io.err).toBe("");
    expect(code).toBe(0);
    expect(io.out).toContain(
      `${TOTAL} event(s), ${TOTAL} matched a rule; actions: ${INSTANCES + FAILED_TASKS + FAILED_TASKS + OTHER_ECS + ALARMS} changed, 0 unchanged, 0 skipped as duplicates, 0 failed`,
    );

    // Tags: every instance named from its own IP, once.
    const described = await world.ec2.send(
      new DescribeInstancesCommand({ InstanceIds: instances.map((i) => i.id) }),
    );
    const names = new Map(
      described
        .Reservations!.flatMap((r) => r.Instances!)
        .map((i) => [i.InstanceId!, i.Tags?.filter((t) => t.Key === "Name") ?? []]),
    );
    for (const instance of instances) {
      const [, , o3, o4] = instance.ip.split(".");
      expect(names.get(instance.id)).toEqual([{ Key: "Name", Value: `vg-store-web-release-b-${o3}-${o4}` }]);
    }

    // SNS → SQS: one message per failed task.
    const messages = await drainQueue(world.sqs, world.queueUrl, FAILED_TASKS);
    const subjects = messages.map((m) => m.Subject).sort();
    expect(subjects).toEqual(
      Array.from({ length: FAILED_TASKS }, (_, i) => `ECS task failure: web-${i}`).sort(),
    );

    // OpenSearch: one document per ECS event, under its event id.
    await fetch(`${openSearchUrl()}/${world.indexPrefix}-ecs-events-*/_refresh`, { method: "POST" });
    const count = (await (
      await fetch(`${openSearchUrl()}/${world.indexPrefix}-ecs-events-*/_count`)
    ).json()) as {
      count: number;
    };
    expect(count.count).toBe(FAILED_TASKS + OTHER_ECS);
    const search = (await (
      await fetch(`${openSearchUrl()}/${world.indexPrefix}-ecs-events-*/_search`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          size: 0,
          aggs: { ids: { cardinality: { field: "_id", precision_threshold: 4000 } } },
        }),
      })
    ).json()) as { aggregations?: { ids: { value: number } } };
    expect(search.aggregations?.ids.value).toBe(FAILED_TASKS + OTHER_ECS);

    // Slack: one post per alarm event, each its own.
    const posts = slack.delivered().map((p) => JSON.stringify(p.body));
    expect(posts).toHaveLength(ALARMS);
    for (let i = 0; i < ALARMS; i++) expect(posts.filter((p) => p.includes(`[load ${i}]`))).toHaveLength(1);
  }, 300_000);
});
