import { CreateTopicCommand, SNSClient } from "@aws-sdk/client-sns";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { snsPublishAction } from "../../../actions/sns-publish/index.js";
import {
  awsError,
  awsThrottling,
  type FaultProxy,
  motoUrl,
  startFaultProxy,
  uniqueName,
} from "../../support/services/index.js";
import { ecsContext } from "../fixtures.js";
import { failureOf, runAction, testServices, useAwsTestEnv } from "../run-support.js";
import { seedParams } from "./seed.js";

/** SNS failing in front of moto: which failures the engine may retry, and what they say. */
let proxy: FaultProxy;
let topicArn: string;

beforeAll(async () => {
  useAwsTestEnv();
  proxy = await startFaultProxy(motoUrl());
  const sns = testServices().aws.client(SNSClient);
  topicArn = (await sns.send(new CreateTopicCommand({ Name: uniqueName("faults") }))).TopicArn ?? "";
});

afterAll(async () => {
  await proxy?.close();
});

function publish(signal?: AbortSignal) {
  return runAction(
    snsPublishAction,
    { ...seedParams, topicArn },
    ecsContext(),
    testServices({ endpoint: proxy.url }),
    signal,
  );
}

describe("sns-publish run: SNS faults", () => {
  it("reports throttling as retryable, naming the operation and code; the retry publishes", async () => {
    proxy.script([{ match: { awsAction: "Publish" }, fault: awsThrottling("query") }]);
    const failure = await failureOf(publish());
    expect(failure.retryable).toBe(true);
    expect(failure.message).toBe("sns:Publish failed: Throttling (HTTP 400): Rate exceeded");

    const retried = await publish();
    expect(retried.status).toBe("changed");
    expect(retried.detail?.messageId).toEqual(expect.any(String));
  });

  it.each([
    ["InternalError", 500],
    ["ServiceUnavailable", 503],
  ])("reports %s (HTTP %i) as retryable", async (code, status) => {
    proxy.script([{ match: { awsAction: "Publish" }, fault: awsError("query", { code, status }) }]);
    const failure = await failureOf(publish());
    expect(failure.retryable).toBe(true);
    expect(failure.message).toContain(`sns:Publish failed: ${code} (HTTP ${status})`);
  });

  it.each([
    ["AuthorizationError", 403],
    ["InvalidParameter", 400],
    ["KMSDisabled", 400],
  ])("reports %s (HTTP %i) as not retryable", async (code, status) => {
    proxy.script([{ match: { awsAction: "Publish" }, fault: awsError("query", { code, status }) }]);
    const failure = await failureOf(publish());
    expect(failure.retryable).toBe(false);
    expect(failure.message).toContain(`sns:Publish failed: ${code} (HTTP ${status})`);
  });

  it("reports a load balancer's bare 502 as retryable", async () => {
    proxy.script([
      { match: { awsAction: "Publish" }, fault: { kind: "respond", status: 502, headers: {}, body: "" } },
    ]);
    const failure = await failureOf(publish());
    expect(failure.retryable).toBe(true);
    expect(failure.message).toContain("HTTP 502");
  });

  it("reports a reset connection as retryable", async () => {
    proxy.script([{ match: { awsAction: "Publish" }, fault: { kind: "reset" } }]);
    const failure = await failureOf(publish());
    expect(failure.retryable).toBe(true);
  });

  it("stops at the abort signal and reports it as retryable", async () => {
    proxy.script([{ match: { awsAction: "Publish" }, fault: { kind: "delay", ms: 10_000 } }]);
    const started = Date.now();
    const failure = await failureOf(publish(AbortSignal.timeout(200)));
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(failure.retryable).toBe(true);
    expect(failure.message).toBe("sns:Publish aborted: the invocation ran out of time");
  });
});
