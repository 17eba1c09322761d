import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { slackPostAction } from "../../../actions/slack-post/index.js";
import type { ActionServices } from "../../../engine/action/types.js";
import {
  type SlackReceiver,
  type SlackReply,
  slackReplies,
  startSlackReceiver,
  unreachableUrl,
} from "../../support/services/index.js";
import { albAlarmContext } from "../fixtures.js";
import { failureOf, failureText, runAction, testServices, useAwsTestEnv } from "../run-support.js";
import { startTlsFront } from "./tls-front.js";
import { createTestKey, encryptWebhook, expectNoUrl, kmsParams, type TestKey } from "./webhook-setup.js";

/**
 * Seed 001 against a loopback receiver that answers as Slack's webhooks do: which answers are
 * retried (429 with Retry-After, 5xx, broken connections) and which fail at once (other 4xx),
 * and that the URL stays out of every failure.
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

/** Seed 001 posted once against a receiver scripted to answer `reply`; the failure it ends in. */
async function seedPostFails(reply: SlackReply) {
  receiver.respond([reply]);
  const params = seedParams(await encrypt(receiver.url));
  return failureOf(runAction(slackPostAction, params, albAlarmContext(), services));
}

describe("slack-post run (seed 001): Slack's webhook contract", () => {
  it("reports a 429 as retryable with Retry-After in milliseconds; the retry then posts", async () => {
    const failure = await seedPostFails(slackReplies.rateLimited(7));
    expect(failure.retryable).toBe(true);
    expect(failure.retryAfterMs).toBe(7000);
    expect(failure.message).toContain("429");
    expect(failure.message).toContain("rate_limited");
    expectNoUrl(failure, receiver.url);

    const params = seedParams(await encrypt(receiver.url));
    const retried = await runAction(slackPostAction, params, albAlarmContext(), services);
    expect(retried.status).toBe("changed");
    expect(receiver.delivered()).toHaveLength(1);
  });

  it.each([
    [500, "rollup_error"],
    [503, "service_unavailable"],
  ])("reports HTTP %i as retryable", async (status, body) => {
    const failure = await seedPostFails(slackReplies.serverError(status, body));
    expect(failure.retryable).toBe(true);
    expect(failure.retryAfterMs).toBeUndefined();
    expect(failure.message).toContain(`HTTP ${status} ${body}`);
    expectNoUrl(failure, receiver.url);
  });

  it.each([
    ["invalid_payload", slackReplies.invalidPayload(), 400],
    ["invalid_token", slackReplies.invalidToken(), 403],
    ["no_service", slackReplies.noService(), 404],
    ["channel_is_archived", slackReplies.channelIsArchived(), 410],
  ])("fails at once on %s, quoting status and Slack's error", async (body, reply, status) => {
    const failure = await seedPostFails(reply);
    expect(failure.retryable).toBe(false);
    expect(failure.message).toContain(`HTTP ${status} ${body}`);
    expect(receiver.requests).toHaveLength(1);
    expectNoUrl(failure, receiver.url);
  });

  it("reports a dropped connection as retryable, without the URL", async () => {
    const failure = await seedPostFails(slackReplies.dropConnection());
    expect(failure.retryable).toBe(true);
    expect(failure.message).toContain("ECONNRESET");
    expectNoUrl(failure, receiver.url);
  });

  it("reports a refused connection as retryable, without the URL", async () => {
    const url = `${await unreachableUrl()}${new URL(receiver.url).pathname}`;
    const local = testServices({ env: { SLACK_WEBHOOK_URL: url } });
    const failure = await failureOf(
      runAction(
        slackPostAction,
        { webhook: { env: "SLACK_WEBHOOK_URL" }, text: "x" },
        albAlarmContext(),
        local,
      ),
    );
    expect(failure.retryable).toBe(true);
    expect(failure.message).toContain("ECONNREFUSED");
    expectNoUrl(failure, url);
  });

  it("fails at once, without the URL, when the webhook's TLS certificate does not verify", async () => {
    const front = await startTlsFront(receiver.url);
    try {
      const url = `${front.origin}${new URL(receiver.url).pathname}`;
      // Real fetch without the front's certificate among its trusted roots.
      const local = testServices({ env: { SLACK_WEBHOOK_URL: url } });
      const failure = await failureOf(
        runAction(
          slackPostAction,
          { webhook: { env: "SLACK_WEBHOOK_URL" }, text: "x" },
          albAlarmContext(),
          local,
        ),
      );
      expect(failure.retryable).toBe(false);
      expect(failure.message).toMatch(/self.signed/i);
      expect(receiver.requests).toHaveLength(0);
      expectNoUrl(failure, url);
    } finally {
      await front.close();
    }
  });

  it("refuses plain http to anything but loopback, without quoting the URL", async () => {
    const url = "http://hooks.example.com/services/T000/B000/tokentokentoken";
    const local = testServices({ env: { SLACK_WEBHOOK_URL: url } });
    const failure = await failureOf(
      runAction(
        slackPostAction,
        { webhook: { env: "SLACK_WEBHOOK_URL" }, text: "x" },
        albAlarmContext(),
        local,
      ),
    );
    expect(failure.retryable).toBe(false);
    expect(failure.message).toContain("https");
    expect(failureText(failure)).not.toContain("tokentokentoken");
  });

  it("reports an abort (the invocation's time is up) as retryable, without posting", async () => {
    const controller = new AbortController();
    controller.abort();
    const local = testServices({ env: { SLACK_WEBHOOK_URL: receiver.url } });
    const failure = await failureOf(
      runAction(
        slackPostAction,
        { webhook: { env: "SLACK_WEBHOOK_URL" }, text: "x" },
        albAlarmContext(),
        local,
        controller.signal,
      ),
    );
    expect(failure.retryable).toBe(true);
    expect(failure.message).toContain("aborted");
    expect(receiver.requests).toHaveLength(0);
    expectNoUrl(failure, receiver.url);
  });
});
