import { CreateSecretCommand, SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { PutParameterCommand, SSMClient } from "@aws-sdk/client-ssm";
import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { webhookAction } from "../../../actions/webhook/index.js";
import type { ActionServices } from "../../../engine/action/types.js";
import {
  startWebhookReceiver,
  uniqueName,
  type WebhookReceiver,
  type WebhookReply,
} from "../../support/services/index.js";
import { ecsContext } from "../fixtures.js";
import { failureOf, failureText, runAction, testServices, useAwsTestEnv } from "../run-support.js";

/**
 * The webhook action against a loopback receiver, with its secrets in moto's SSM and Secrets
 * Manager: the HTTP contract (success, 429 + Retry-After, 5xx then 200, 401, 404, timeouts) and
 * that no secret (the URL's token, a header's key, a body field) reaches a result or failure.
 */
let receiver: WebhookReceiver;
let services: ActionServices;
const API_KEY = "opsgenie-EXAMPLE-key-0123456789";
const ROUTING_KEY = "R0EXAMPLEROUTINGKEY0123456789AB";

beforeAll(() => {
  useAwsTestEnv();
});
beforeEach(async () => {
  receiver = await startWebhookReceiver();
  services = testServices({ env: { HOOK_URL: "" } });
});
afterEach(async () => {
  await receiver.close();
});

function expectNoSecret(value: unknown): void {
  const text = value instanceof Error ? failureText(value) : JSON.stringify(value);
  for (const secret of [receiver.token, API_KEY, ROUTING_KEY]) expect(text).not.toContain(secret);
}

const envServices = () => testServices({ env: { HOOK_URL: receiver.url, ROUTING: ROUTING_KEY } });
const run = (params: Record<string, unknown>, s: ActionServices = envServices()) =>
  runAction(webhookAction, params, ecsContext(), s);
const fails = async (
  replies: WebhookReply[],
  params: Record<string, unknown> = { url: { env: "HOOK_URL" } },
) => {
  receiver.respond(replies);
  const failure = await failureOf(run(params));
  expectNoSecret(failure);
  return failure;
};

describe("webhook run: sending", () => {
  it("POSTs the event as JSON by default to a URL from env", async () => {
    const result = await run({ url: { env: "HOOK_URL" } });
    expect(result).toMatchObject({ status: "changed", detail: { status: 202 } });
    expect(result.summary).toBe("POST <webhook from env HOOK_URL>: HTTP 202");
    expectNoSecret(result);
    const [req] = receiver.requests;
    expect(req?.method).toBe("POST");
    expect(req?.headers["content-type"]).toBe("application/json; charset=utf-8");
    expect(JSON.parse(req?.body ?? "")).toEqual(ecsContext().event);
  });

  it("PUTs text to a literal URL", async () => {
    const result = await run({
      url: receiver.url,
      method: "PUT",
      format: "text",
      body: "task {{ event.detail.lastStatus }}",
    });
    expect(result.detail).toMatchObject({ status: 202 });
    expect(receiver.requests[0]).toMatchObject({ method: "PUT", body: "task STOPPED" });
    expect(receiver.requests[0]?.headers["content-type"]).toBe("text/plain; charset=utf-8");
  });

  it("PagerDuty-style: the routing key from SSM goes into the body, the API key from Secrets Manager into a header", async () => {
    const ssm = services.aws.client(SSMClient);
    const sm = services.aws.client(SecretsManagerClient);
    const parameter = `/rulebridge/${uniqueName("pd")}`;
    const secret = uniqueName("og");
    await ssm.send(new PutParameterCommand({ Name: parameter, Type: "SecureString", Value: ROUTING_KEY }));
    await sm.send(new CreateSecretCommand({ Name: secret, SecretString: JSON.stringify({ key: API_KEY }) }));
    const params = {
      url: { ssmParameter: `/rulebridge/${uniqueName("none")}` },
      bodySecrets: { routing_key: { ssmParameter: parameter } },
      headers: { Authorization: { secretsManager: secret, jsonKey: "key", prefix: "GenieKey " } },
      body: {
        event_action: "trigger",
        dedup_key: "{{ event.id }}",
        payload: { summary: "{{ event.detail-type }}" },
      },
      successStatuses: [202],
    };
    await ssm.send(
      new PutParameterCommand({ Name: params.url.ssmParameter, Type: "SecureString", Value: receiver.url }),
    );
    const result = await run(params, services);
    expectNoSecret(result);
    const req = receiver.requests[0];
    expect(req?.headers.authorization).toBe(`GenieKey ${API_KEY}`);
    expect(JSON.parse(req?.body ?? "")).toEqual({
      event_action: "trigger",
      dedup_key: (ecsContext().event as { id: string }).id,
      payload: { summary: "ECS Task State Change" },
      routing_key: ROUTING_KEY,
    });
  });

  it("a status outside successStatuses fails", async () => {
    const failure = await fails([{ status: 200, body: "ok" }], {
      url: { env: "HOOK_URL" },
      successStatuses: [202],
    });
    expect(failure.retryable).toBe(false);
    expect(failure.message).toMatch(/HTTP 200 ok/);
  });
});

describe("webhook run: the HTTP contract", () => {
  it("429 honours Retry-After, and the retry succeeds", async () => {
    const failure = await fails([{ status: 429, body: "slow down", headers: { "retry-after": "2" } }]);
    expect(failure.retryable).toBe(true);
    expect(failure.retryAfterMs).toBe(2000);
    expect((await run({ url: { env: "HOOK_URL" } })).status).toBe("changed");
  });

  it("a Retry-After beyond what rulebridge waits fails at once", async () => {
    const failure = await fails([{ status: 429, headers: { "retry-after": "600" } }]);
    expect(failure.retryable).toBe(false);
    expect(failure.message).toMatch(/Retry-After 600s is longer than/);
  });

  it("5xx is retried, then 200 succeeds", async () => {
    const failure = await fails([{ status: 503, body: "upstream down" }]);
    expect(failure.retryable).toBe(true);
    expect(failure.message).toContain("HTTP 503 upstream down");
    expect((await run({ url: { env: "HOOK_URL" } })).status).toBe("changed");
    expect(receiver.requests.map((r) => r.status)).toEqual([503, 202]);
  });

  it.each([
    [401, '{"error":"bad token"}'],
    [404, '{"message":"not found"}'],
    [400, `{"error":"invalid routing key ${ROUTING_KEY}"}`],
  ])("%i fails at once with a short, secret-free excerpt", async (status, body) => {
    const failure = await fails([{ status, body }], {
      url: { env: "HOOK_URL" },
      headers: { "X-Routing": { env: "ROUTING" } },
    });
    expect(failure.retryable).toBe(false);
    expect(failure.message).toMatch(new RegExp(`refused it: HTTP ${status} `));
  });

  it("a dropped connection is retried", async () => {
    const failure = await fails([{ kind: "drop-connection" }]);
    expect(failure.retryable).toBe(true);
  });

  it("an endpoint that never answers times out after timeoutSeconds", async () => {
    const started = Date.now();
    const failure = await fails([{ kind: "hang" }], { url: { env: "HOOK_URL" }, timeoutSeconds: 0.5 });
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(failure.retryable).toBe(true);
    expect(failure.message).toBe("POST <webhook from env HOOK_URL> timed out: no answer within 0.5s");
  });

  it("an unset env source fails naming the variable, not retryable", async () => {
    const failure = await failureOf(run({ url: { env: "HOOK_URL" } }, testServices()));
    expect(failure.message).toMatch(/HOOK_URL/);
    expect(failure.retryable).toBe(false);
  });
});

describe("webhook run: rotated secrets", () => {
  it.each([401, 403, 404, 410])("after %i the URL is read again from SSM", async (status) => {
    const ssm = services.aws.client(SSMClient);
    const name = `/rulebridge/${uniqueName("hook")}`;
    const other = await startWebhookReceiver();
    try {
      await ssm.send(new PutParameterCommand({ Name: name, Type: "SecureString", Value: receiver.url }));
      await run({ url: { ssmParameter: name } }, services);
      await ssm.send(new PutParameterCommand({ Name: name, Value: other.url, Overwrite: true }));
      receiver.respond([{ status }]);
      await failureOf(run({ url: { ssmParameter: name } }, services));
      await run({ url: { ssmParameter: name } }, services);
      expect(other.requests).toHaveLength(1);
    } finally {
      await other.close();
    }
  });
});
