import { DescribeInstancesCommand, EC2Client, RunInstancesCommand } from "@aws-sdk/client-ec2";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tagFromTemplateAction } from "../../../actions/tag-from-template/index.js";
import {
  awsError,
  awsThrottling,
  type FaultProxy,
  motoUrl,
  startFaultProxy,
} from "../../support/services/index.js";
import { asgContext } from "../fixtures.js";
import { failureOf, runAction, testServices, useAwsTestEnv } from "../run-support.js";
import { seedParams } from "./seed.js";

/**
 * EC2 failing in front of moto (a fault proxy answers the scripted calls and forwards the rest):
 * throttling and server faults are retryable, and a retry after a failed write finishes the job.
 */
const REGION = "us-west-2";
let proxy: FaultProxy;

beforeAll(async () => {
  useAwsTestEnv();
  proxy = await startFaultProxy(motoUrl());
});

afterAll(async () => {
  await proxy?.close();
});

async function launch(): Promise<string> {
  const ec2 = testServices().aws.client(EC2Client, REGION);
  const tags = { Region: "vg", App: "store", Layer: "web", Env: "release", Group: "a" };
  const out = await ec2.send(
    new RunInstancesCommand({
      ImageId: "ami-12c6146b",
      MinCount: 1,
      MaxCount: 1,
      TagSpecifications: [
        { ResourceType: "instance", Tags: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })) },
      ],
    }),
  );
  return out.Instances?.[0]?.InstanceId ?? "";
}

async function nameOf(id: string): Promise<string | undefined> {
  const ec2 = testServices().aws.client(EC2Client, REGION);
  const out = await ec2.send(new DescribeInstancesCommand({ InstanceIds: [id] }));
  return out.Reservations?.[0]?.Instances?.[0]?.Tags?.find((t) => t.Key === "Name")?.Value;
}

function launchContext(id: string): Record<string, unknown> {
  const context = asgContext();
  (context.event as { detail: Record<string, unknown> }).detail.EC2InstanceId = id;
  return context;
}

describe("tag-from-template run: EC2 faults", () => {
  it("reports CreateTags throttling (RequestLimitExceeded) as retryable; the retry writes the Name", async () => {
    const id = await launch();
    const services = testServices({ endpoint: proxy.url });
    proxy.script([{ match: { awsAction: "CreateTags" }, fault: awsThrottling("ec2") }]);

    const failure = await failureOf(
      runAction(tagFromTemplateAction, seedParams, launchContext(id), services),
    );
    expect(failure.retryable).toBe(true);
    expect(failure.message).toMatch(/^ec2:CreateTags failed: RequestLimitExceeded \(HTTP 503\)/);
    expect(await nameOf(id)).toBeUndefined();

    const retried = await runAction(tagFromTemplateAction, seedParams, launchContext(id), services);
    expect(retried.status).toBe("changed");
    expect(await nameOf(id)).toMatch(/^vg-store-web-release-a-\d+-\d+$/);
  });

  it.each([
    ["an internal error", awsError("ec2", { code: "InternalError", status: 500 })],
    ["Unavailable", awsError("ec2", { code: "Unavailable", status: 503 })],
  ])("reports DescribeInstances failing with %s as retryable", async (_name, fault) => {
    const id = await launch();
    proxy.script([{ match: { awsAction: "DescribeInstances" }, fault }]);
    const failure = await failureOf(
      runAction(tagFromTemplateAction, seedParams, launchContext(id), testServices({ endpoint: proxy.url })),
    );
    expect(failure.retryable).toBe(true);
    expect(failure.message).toContain("ec2:DescribeInstances failed");
  });

  it("reports access denied as not retryable, naming the operation and code", async () => {
    const id = await launch();
    proxy.script([
      {
        match: { awsAction: "CreateTags" },
        fault: awsError("ec2", { code: "UnauthorizedOperation", status: 403, message: "not allowed" }),
      },
    ]);
    const failure = await failureOf(
      runAction(tagFromTemplateAction, seedParams, launchContext(id), testServices({ endpoint: proxy.url })),
    );
    expect(failure.retryable).toBe(false);
    expect(failure.message).toBe("ec2:CreateTags failed: UnauthorizedOperation (HTTP 403): not allowed");
  });

  it("reports a reset connection as retryable", async () => {
    const id = await launch();
    proxy.script([{ match: { awsAction: "DescribeInstances" }, fault: { kind: "reset" } }]);
    const failure = await failureOf(
      runAction(tagFromTemplateAction, seedParams, launchContext(id), testServices({ endpoint: proxy.url })),
    );
    expect(failure.retryable).toBe(true);
    expect(failure.message).toMatch(/ECONNRESET|socket hang up/);
  });

  it("stops at the abort signal and reports it as retryable", async () => {
    const id = await launch();
    proxy.script([{ match: { awsAction: "DescribeInstances" }, fault: { kind: "delay", ms: 10_000 } }]);
    const started = Date.now();
    const failure = await failureOf(
      runAction(
        tagFromTemplateAction,
        seedParams,
        launchContext(id),
        testServices({ endpoint: proxy.url }),
        AbortSignal.timeout(200),
      ),
    );
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(failure.retryable).toBe(true);
    expect(failure.message).toBe("ec2:DescribeInstances aborted: the invocation ran out of time");
  });
});
