import { PutParameterCommand, SSMClient } from "@aws-sdk/client-ssm";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { slackPostAction } from "../../../actions/slack-post/index.js";
import {
  awsError,
  awsThrottling,
  type FaultProxy,
  motoUrl,
  type SlackReceiver,
  startFaultProxy,
  startSlackReceiver,
  uniqueName,
} from "../../support/services/index.js";
import { albAlarmContext, expectNoSecret } from "../fixtures.js";
import { failureOf, failureText, runAction, testServices, useAwsTestEnv } from "../run-support.js";
import { createTestKey, encryptWebhook, LAMBDA_CONTEXT } from "./webhook-setup.js";

/**
 * KMS and SSM failing in front of moto while the webhook URL is fetched: nothing is posted, the
 * failure says whether to retry, and a failed fetch is not cached (the retry fetches again).
 */
let proxy: FaultProxy;
let receiver: SlackReceiver;
let ciphertext: string;

beforeAll(async () => {
  useAwsTestEnv();
  proxy = await startFaultProxy(motoUrl());
});

afterAll(async () => {
  await proxy?.close();
});

beforeEach(async () => {
  receiver = await startSlackReceiver();
  ciphertext = await encryptWebhook(await createTestKey(), receiver.url);
});

afterEach(async () => {
  await receiver.close();
});

const kmsParams = () => ({
  webhook: { kmsCiphertext: ciphertext, encryptionContext: LAMBDA_CONTEXT },
  text: "{{ alarm.name }} is {{ alarm.state }}",
});

describe("slack-post run: KMS and SSM faults", () => {
  it("reports KMS throttling as retryable without posting; the retry decrypts and posts", async () => {
    const services = testServices({ endpoint: proxy.url });
    proxy.script([{ match: { awsAction: "Decrypt" }, fault: awsThrottling("json") }]);

    const failure = await failureOf(runAction(slackPostAction, kmsParams(), albAlarmContext(), services));
    expect(failure.retryable).toBe(true);
    expect(failure.message).toBe("kms:Decrypt failed: ThrottlingException (HTTP 400): Rate exceeded");
    expect(receiver.requests).toHaveLength(0);
    expect(services.secrets.size).toBe(0);

    const retried = await runAction(slackPostAction, kmsParams(), albAlarmContext(), services);
    expect(retried.status).toBe("changed");
    expect(receiver.delivered()).toHaveLength(1);
  });

  it("reports a KMS internal error as retryable", async () => {
    proxy.script([
      {
        match: { awsAction: "Decrypt" },
        fault: awsError("json", { code: "KMSInternalException", status: 500 }),
      },
    ]);
    const failure = await failureOf(
      runAction(slackPostAction, kmsParams(), albAlarmContext(), testServices({ endpoint: proxy.url })),
    );
    expect(failure.retryable).toBe(true);
    expect(failure.message).toContain("KMSInternalException (HTTP 500)");
  });

  it("reports KMS access denied as not retryable", async () => {
    proxy.script([
      {
        match: { awsAction: "Decrypt" },
        fault: awsError("json", { code: "AccessDeniedException", status: 400, message: "not authorized" }),
      },
    ]);
    const failure = await failureOf(
      runAction(slackPostAction, kmsParams(), albAlarmContext(), testServices({ endpoint: proxy.url })),
    );
    expect(failure.retryable).toBe(false);
    expect(failure.message).toBe("kms:Decrypt failed: AccessDeniedException (HTTP 400): not authorized");
    expect(receiver.requests).toHaveLength(0);
  });

  it("reports SSM throttling as retryable without posting; the retry reads and posts", async () => {
    const name = `/rulebridge/${uniqueName("slack")}`;
    await testServices()
      .aws.client(SSMClient)
      .send(new PutParameterCommand({ Name: name, Type: "SecureString", Value: receiver.url }));
    const services = testServices({ endpoint: proxy.url });
    const params = { webhook: { ssmParameter: name }, text: "x" };
    proxy.script([{ match: { awsAction: "GetParameter" }, fault: awsThrottling("json") }]);

    const failure = await failureOf(runAction(slackPostAction, params, albAlarmContext(), services));
    expect(failure.retryable).toBe(true);
    expect(failure.message).toMatch(/^ssm:GetParameter failed: ThrottlingException/);
    expect(receiver.requests).toHaveLength(0);

    await runAction(slackPostAction, params, albAlarmContext(), services);
    expect(receiver.delivered()).toHaveLength(1);
    // What went over the wire to SSM is the parameter name, and the answer is never in a result.
    expectNoSecret(failureText(failure), [receiver.url]);
  });
});
