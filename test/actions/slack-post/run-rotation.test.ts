import {
  CreateSecretCommand,
  PutSecretValueCommand,
  SecretsManagerClient,
} from "@aws-sdk/client-secrets-manager";
import { PutParameterCommand, SSMClient } from "@aws-sdk/client-ssm";
import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { slackPostAction } from "../../../actions/slack-post/index.js";
import type { ActionServices } from "../../../engine/action/types.js";
import {
  type SlackReceiver,
  slackReplies,
  startSlackReceiver,
  uniqueName,
} from "../../support/services/index.js";
import { albAlarmContext } from "../fixtures.js";
import { failureOf, runAction, testServices, useAwsTestEnv } from "../run-support.js";
import { expectNoUrl } from "./webhook-setup.js";

/**
 * Secrets that rotate (issue 22.11), against moto's SSM and Secrets Manager: a webhook URL read
 * from a store is re-read after the maximum age, and at once after Slack says the hook is gone.
 */
let oldHook: SlackReceiver;
let newHook: SlackReceiver;
let services: ActionServices;

beforeAll(() => {
  useAwsTestEnv();
});

beforeEach(async () => {
  oldHook = await startSlackReceiver();
  newHook = await startSlackReceiver();
  services = testServices();
});

afterEach(async () => {
  await oldHook.close();
  await newHook.close();
});

const post = (webhook: Record<string, unknown>, s: ActionServices = services) =>
  runAction(slackPostAction, { webhook, text: "rotated?" }, albAlarmContext(), s);

describe("slack-post: a rotated webhook URL", () => {
  it.each([
    ["404 no_service", slackReplies.noService()],
    ["410 channel_is_archived", slackReplies.channelIsArchived()],
    ["403 invalid_token", slackReplies.invalidToken()],
  ])("SSM: after %s the cached URL is dropped and the next post reads the new one", async (_name, reply) => {
    const ssm = services.aws.client(SSMClient);
    const name = `/rulebridge/${uniqueName("hook")}`;
    await ssm.send(new PutParameterCommand({ Name: name, Type: "SecureString", Value: oldHook.url }));
    expect((await post({ ssmParameter: name })).status).toBe("changed");

    // The hook is rotated: the store gets the new URL, the old one stops working.
    await ssm.send(new PutParameterCommand({ Name: name, Value: newHook.url, Overwrite: true }));
    oldHook.respond([reply]);
    const failure = await failureOf(post({ ssmParameter: name }));
    expect(failure.retryable).toBe(false);
    expectNoUrl(failure, oldHook.url);

    expect((await post({ ssmParameter: name })).status).toBe("changed");
    expect(newHook.delivered()).toHaveLength(1);
    expect(oldHook.delivered()).toHaveLength(1);
  });

  it("Secrets Manager is a source, and a value older than the maximum age is read again", async () => {
    const sm = services.aws.client(SecretsManagerClient);
    const name = uniqueName("slack-hook");
    await sm.send(
      new CreateSecretCommand({ Name: name, SecretString: JSON.stringify({ url: oldHook.url }) }),
    );
    const quick = testServices({ env: { POWERTOOLS_PARAMETERS_MAX_AGE: "0" } });
    const source = { secretsManager: name, jsonKey: "url" };
    const result = await post(source, quick);
    expect(result.summary).toBe(`posted to Slack (webhook from secrets manager ${name} key url)`);
    expectNoUrl(result, oldHook.url);

    await sm.send(
      new PutSecretValueCommand({ SecretId: name, SecretString: JSON.stringify({ url: newHook.url }) }),
    );
    await post(source, quick);
    expect(oldHook.delivered()).toHaveLength(1);
    expect(newHook.delivered()).toHaveLength(1);
  });

  it("within the maximum age the cached value is used (no read per event)", async () => {
    const sm = services.aws.client(SecretsManagerClient);
    const name = uniqueName("slack-hook");
    await sm.send(new CreateSecretCommand({ Name: name, SecretString: oldHook.url }));
    await post({ secretsManager: name });
    await sm.send(new PutSecretValueCommand({ SecretId: name, SecretString: newHook.url }));
    await post({ secretsManager: name });
    expect(oldHook.delivered()).toHaveLength(2);
    expect(newHook.delivered()).toHaveLength(0);
  });
});
