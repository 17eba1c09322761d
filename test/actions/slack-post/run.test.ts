import { KMSClient } from "@aws-sdk/client-kms";
import { PutParameterCommand, SSMClient } from "@aws-sdk/client-ssm";
import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { slackPostAction } from "../../../actions/slack-post/index.js";
import type { ActionServices } from "../../../engine/action/types.js";
import { type SlackReceiver, startSlackReceiver, uniqueName } from "../../support/services/index.js";
import { albAlarmContext } from "../fixtures.js";
import { failureOf, runAction, testServices, useAwsTestEnv } from "../run-support.js";
import { RENDERED_TEXT, TEXT_TEMPLATE } from "./seed.js";
import { startTlsFront } from "./tls-front.js";
import { createTestKey, encryptWebhook, expectNoUrl, kmsParams, type TestKey } from "./webhook-setup.js";

/**
 * Seed 001 against moto's KMS and SSM and a loopback receiver that speaks Slack's webhook
 * contract: where the webhook URL comes from. The receiver's URL stands in for the webhook URL:
 * it is the secret, and no result or failure may contain it.
 */
let key: TestKey;
let receiver: SlackReceiver;
let services: ActionServices;

beforeAll(async () => {
  useAwsTestEnv();
  key = await createTestKey();
});

beforeEach(async () => {
  receiver = await startSlackReceiver();
  services = testServices();
});

afterEach(async () => {
  await receiver.close();
});

const encrypt = (plaintext: string, context?: Record<string, string>) =>
  encryptWebhook(key, plaintext, context);
const seedParams = (ciphertext: string, context?: Record<string, string>) =>
  kmsParams(key, ciphertext, context);

describe("slack-post run (seed 001): webhook URL sources", () => {
  it("decrypts the webhook URL and posts the rendered alarm text", async () => {
    const params = seedParams(await encrypt(receiver.url));
    const result = await runAction(slackPostAction, params, albAlarmContext(), services);

    expect(result.status).toBe("changed");
    expect(result.detail).toEqual({ status: 200, response: "ok", channel: "#ops-alerts" });
    expectNoUrl(result, receiver.url);
    expect(receiver.delivered()).toHaveLength(1);
    const [request] = receiver.requests;
    expect(request?.method).toBe("POST");
    expect(request?.headers["content-type"]).toMatch(/^application\/json/);
    expect(request?.payload).toEqual({ text: RENDERED_TEXT, channel: "#ops-alerts" });
  });

  it("accepts a ciphertext of the URL without https:// (as the Lambda blueprint stores it) and posts over https", async () => {
    const front = await startTlsFront(receiver.url);
    try {
      const { host, pathname } = new URL(front.origin + new URL(receiver.url).pathname);
      const schemeless = `${host}${pathname}`;
      const local = testServices({ fetch: front.fetch });

      const result = await runAction(
        slackPostAction,
        seedParams(await encrypt(schemeless)),
        albAlarmContext(),
        local,
      );
      expect(result.status).toBe("changed");
      expect(receiver.delivered()).toHaveLength(1);
      expectNoUrl(result, `https://${schemeless}`);

      // The same URL encrypted with its scheme reaches the same place.
      const withScheme = await encrypt(`https://${schemeless}`);
      await runAction(slackPostAction, seedParams(withScheme), albAlarmContext(), local);
      expect(receiver.delivered()).toHaveLength(2);
    } finally {
      await front.close();
    }
  });

  it("decrypts once per process: later and concurrent posts reuse the cached URL", async () => {
    // Counts the calls the action's own KMS client makes (the factory hands out one per region).
    const calls: string[] = [];
    services.aws.client(KMSClient).middlewareStack.add(
      (next, context) => (args) => {
        calls.push(String(context.commandName));
        return next(args);
      },
      { step: "initialize", name: "countKmsCalls" },
    );
    const params = seedParams(await encrypt(receiver.url));

    await runAction(slackPostAction, params, albAlarmContext(), services);
    await runAction(slackPostAction, params, albAlarmContext(), services);
    await Promise.all([1, 2, 3].map(() => runAction(slackPostAction, params, albAlarmContext(), services)));
    expect(calls).toEqual(["DecryptCommand"]);
    expect(receiver.delivered()).toHaveLength(5);
    expect(services.secrets.size).toBe(1);
  });

  it("fails without posting, and without the URL in the error, when the encryption context is wrong", async () => {
    const params = seedParams(await encrypt(receiver.url), { LambdaFunctionName: "some-other-function" });
    const failure = await failureOf(runAction(slackPostAction, params, albAlarmContext(), services));

    expect(failure.retryable).toBe(false);
    expect(failure.message).toContain("kms:Decrypt");
    expect(failure.message).toContain("InvalidCiphertextException");
    expect(failure.message).toContain("encryptionContext");
    expect(receiver.requests).toHaveLength(0);
    expectNoUrl(failure, receiver.url);
  });

  it("fails the same way when the rule leaves out the encryption context the URL was encrypted with", async () => {
    const params = { webhook: { kmsCiphertext: await encrypt(receiver.url) }, text: "x" };
    const failure = await failureOf(runAction(slackPostAction, params, albAlarmContext(), services));
    expect(failure.retryable).toBe(false);
    expect(failure.message).toContain("LambdaFunctionName");
    expect(receiver.requests).toHaveLength(0);
  });

  it("reads the URL from an SSM SecureString", async () => {
    const name = `/rulebridge/${uniqueName("slack")}`;
    const ssm = services.aws.client(SSMClient);
    await ssm.send(new PutParameterCommand({ Name: name, Type: "SecureString", Value: receiver.url }));
    const result = await runAction(
      slackPostAction,
      { webhook: { ssmParameter: name }, text: TEXT_TEMPLATE },
      albAlarmContext(),
      services,
    );
    expect(result.status).toBe("changed");
    expect(receiver.delivered()).toHaveLength(1);
    expectNoUrl(result, receiver.url);
  });

  it("fails without retry when the SSM parameter does not exist", async () => {
    const name = `/rulebridge/${uniqueName("missing")}`;
    const failure = await failureOf(
      runAction(slackPostAction, { webhook: { ssmParameter: name }, text: "x" }, albAlarmContext(), services),
    );
    expect(failure.retryable).toBe(false);
    expect(failure.message).toMatch(/^ssm:GetParameter failed: ParameterNotFound/);
    expect(receiver.requests).toHaveLength(0);
  });

  it("reads the URL from an environment variable", async () => {
    const local = testServices({ env: { SLACK_WEBHOOK_URL: receiver.url } });
    const result = await runAction(
      slackPostAction,
      { webhook: { env: "SLACK_WEBHOOK_URL" }, text: "hello from {{ rule.name }}" },
      albAlarmContext(),
      local,
    );
    expect(result.status).toBe("changed");
    expect(receiver.requests[0]?.payload).toEqual({ text: "hello from alb-unhealthy-slack" });
  });

  it("names an unset environment variable, never a value", async () => {
    const failure = await failureOf(
      runAction(
        slackPostAction,
        { webhook: { env: "SLACK_WEBHOOK_URL" }, text: "x" },
        albAlarmContext(),
        services,
      ),
    );
    expect(failure.retryable).toBe(false);
    expect(failure.message).toContain("SLACK_WEBHOOK_URL");
  });
});
