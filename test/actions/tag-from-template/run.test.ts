import { DescribeInstancesCommand, EC2Client, RunInstancesCommand, type Tag } from "@aws-sdk/client-ec2";
import { beforeAll, describe, expect, it } from "vitest";
import { tagFromTemplateAction } from "../../../actions/tag-from-template/index.js";
import type { ActionServices } from "../../../engine/action/types.js";
import { asgContext } from "../fixtures.js";
import { failureOf, runAction, testServices, useAwsTestEnv } from "../run-support.js";
import { NAME_TEMPLATE, seedParams } from "./seed.js";

/**
 * Seed 000 against moto's EC2: instances launched with the Auto Scaling group's tags, the launch
 * event pointing at them, Name written from the tags and the private IP moto assigned.
 * The sample event says us-west-2, so instances are launched there: the region comes from the event.
 */
const REGION = "us-west-2";
const SEED_TAGS = { Region: "vg", App: "store", Layer: "web", Env: "release", Group: "a" };

let services: ActionServices;

beforeAll(() => {
  useAwsTestEnv();
  services = testServices();
});

async function launch(tags: Record<string, string>, region = REGION): Promise<string> {
  const client = services.aws.client(EC2Client, region);
  const out = await client.send(
    new RunInstancesCommand({
      ImageId: "ami-12c6146b",
      InstanceType: "t3.micro",
      MinCount: 1,
      MaxCount: 1,
      TagSpecifications: [
        { ResourceType: "instance", Tags: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })) },
      ],
    }),
  );
  const id = out.Instances?.[0]?.InstanceId;
  if (!id) throw new Error("moto launched no instance");
  return id;
}

async function describeInstance(
  id: string,
  region = REGION,
): Promise<{ tags: Record<string, string>; ip: string }> {
  const client = services.aws.client(EC2Client, region);
  const out = await client.send(new DescribeInstancesCommand({ InstanceIds: [id] }));
  const instance = out.Reservations?.[0]?.Instances?.[0];
  const tags = Object.fromEntries((instance?.Tags ?? []).map((t: Tag) => [t.Key ?? "", t.Value ?? ""]));
  return { tags, ip: instance?.PrivateIpAddress ?? "" };
}

/** The launch event of the seed, for this instance. */
function launchContext(id: string): Record<string, unknown> {
  const context = asgContext();
  const event = context.event as { detail: Record<string, unknown> };
  event.detail.EC2InstanceId = id;
  return context;
}

function expectedName(ip: string): string {
  const [, , third, fourth] = ip.split(".");
  return `vg-store-web-release-a-${third}-${fourth}`;
}

describe("tag-from-template run (seed 000, moto EC2)", () => {
  it("names the instance from its tags and private IP, then finds it already right", async () => {
    const id = await launch(SEED_TAGS);
    const { ip } = await describeInstance(id);
    expect(ip).toMatch(/^\d+\.\d+\.\d+\.\d+$/);

    const first = await runAction(tagFromTemplateAction, seedParams, launchContext(id), services);
    expect(first.status).toBe("changed");
    expect(first.detail).toMatchObject({
      instanceId: id,
      region: REGION,
      written: { Name: expectedName(ip) },
    });
    expect((await describeInstance(id)).tags.Name).toBe(expectedName(ip));

    const second = await runAction(tagFromTemplateAction, seedParams, launchContext(id), services);
    expect(second.status).toBe("unchanged");
    expect(second.detail).not.toHaveProperty("written");
    expect(second.summary).toContain(expectedName(ip));
  });

  it("fails naming instance.tags.Env when the instance has no Env tag, and writes no tag at all", async () => {
    const { Env: _, ...withoutEnv } = SEED_TAGS;
    const id = await launch(withoutEnv);
    // A tag that renders fine, declared first: it must not be written either.
    const params = { ...seedParams, tags: { Owner: "{{ instance.tags.App }}-team", Name: NAME_TEMPLATE } };

    const failure = await failureOf(runAction(tagFromTemplateAction, params, launchContext(id), services));
    expect(failure.retryable).toBe(false);
    expect(failure.message).toContain("instance.tags.Env");
    expect(failure.message).toContain(id);
    const { tags } = await describeInstance(id);
    expect(tags).not.toHaveProperty("Name");
    expect(tags).not.toHaveProperty("Owner");
  });

  it("names every tag's missing variable in one failure", async () => {
    const { Env: _env, Group: _group, ...partial } = SEED_TAGS;
    const id = await launch(partial);
    const params = { ...seedParams, tags: { Name: NAME_TEMPLATE, CostCenter: "{{ instance.tags.Group }}" } };
    const failure = await failureOf(runAction(tagFromTemplateAction, params, launchContext(id), services));
    expect(failure.message).toContain("`instance.tags.Env` is not defined (in tags.Name)");
    expect(failure.message).toContain("`instance.tags.Group` is not defined (in tags.CostCenter)");
    expect(Object.keys((await describeInstance(id)).tags).sort()).toEqual(["App", "Layer", "Region"]);
  });

  it("fails the same way when Env is present but empty", async () => {
    const id = await launch({ ...SEED_TAGS, Env: "" });
    const failure = await failureOf(
      runAction(tagFromTemplateAction, seedParams, launchContext(id), services),
    );
    expect(failure.retryable).toBe(false);
    expect(failure.message).toContain("instance.tags.Env");
    expect((await describeInstance(id)).tags).not.toHaveProperty("Name");
  });

  it("corrects a wrong Name", async () => {
    const id = await launch({ ...SEED_TAGS, Name: "vg-store-web-release-a-0-0" });
    const { ip } = await describeInstance(id);
    const result = await runAction(tagFromTemplateAction, seedParams, launchContext(id), services);
    expect(result.status).toBe("changed");
    expect((await describeInstance(id)).tags.Name).toBe(expectedName(ip));
  });

  it("with overwrite: false keeps an existing Name and still adds absent tags", async () => {
    const id = await launch({ ...SEED_TAGS, Name: "hand-made" });
    const kept = await runAction(
      tagFromTemplateAction,
      { ...seedParams, overwrite: false },
      launchContext(id),
      services,
    );
    expect(kept.status).toBe("unchanged");
    expect(kept.detail).toMatchObject({ kept: ["Name"] });
    expect((await describeInstance(id)).tags.Name).toBe("hand-made");

    const added = await runAction(
      tagFromTemplateAction,
      { ...seedParams, overwrite: false, tags: { Name: NAME_TEMPLATE, Team: "{{ instance.tags.App }}" } },
      launchContext(id),
      services,
    );
    expect(added.status).toBe("changed");
    const { tags } = await describeInstance(id);
    expect(tags).toMatchObject({ Name: "hand-made", Team: "store" });
  });

  it("renders the instance view: type, state, az and event values are available to templates", async () => {
    const id = await launch(SEED_TAGS);
    const params = {
      ...seedParams,
      tags: {
        Facts:
          "{{ instance.id }} {{ instance.type }} {{ instance.state }} {{ instance.az }} {{ event.detail.AutoScalingGroupName }}",
      },
    };
    const result = await runAction(tagFromTemplateAction, params, launchContext(id), services);
    const facts = (await describeInstance(id)).tags.Facts;
    expect(result.status).toBe("changed");
    expect(facts).toMatch(
      new RegExp(`^${id} t3\\.micro (pending|running) us-west-2[a-z] my-auto-scaling-group$`),
    );
  });

  it("uses the region param over the event's region", async () => {
    const id = await launch(SEED_TAGS, "eu-west-1");
    const result = await runAction(
      tagFromTemplateAction,
      { ...seedParams, region: "eu-west-1" },
      launchContext(id),
      services,
    );
    expect(result.status).toBe("changed");
    expect(result.detail).toMatchObject({ region: "eu-west-1" });
    expect((await describeInstance(id, "eu-west-1")).tags.Name).toMatch(/^vg-store-web-release-a-\d+-\d+$/);
  });

  it("fails without retry, naming the id, when the instance does not exist", async () => {
    const missing = "i-0000000000000dead";
    const failure = await failureOf(
      runAction(tagFromTemplateAction, seedParams, launchContext(missing), services),
    );
    expect(failure.retryable).toBe(false);
    expect(failure.message).toContain(missing);
    expect(failure.message).toContain("ec2:DescribeInstances");
    expect(failure.message).toContain("InvalidInstanceID.NotFound");
  });

  it("fails without retry when the event carries no instance id", async () => {
    const context = launchContext("i-0123456789abcdef0");
    const failure = await failureOf(
      runAction(tagFromTemplateAction, { ...seedParams, instanceId: "not-an-instance" }, context, services),
    );
    expect(failure.retryable).toBe(false);
    expect(failure.message).toContain("not-an-instance");
  });
});
