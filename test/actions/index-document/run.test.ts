import { PutParameterCommand, SSMClient } from "@aws-sdk/client-ssm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { indexDocumentAction } from "../../../actions/index-document/index.js";
import { OPENSEARCH_ENDPOINT_ENV } from "../../../actions/index-document/run.js";
import type { ActionServices } from "../../../engine/action/types.js";
import {
  awsTestEnv,
  type FaultProxy,
  openSearchUrl,
  startFaultProxy,
  uniqueName,
  unreachableUrl,
} from "../../support/services/index.js";
import { ecsContext, expectNoSecret } from "../fixtures.js";
import { failureOf, failureText, runAction, testServices, useAwsTestEnv } from "../run-support.js";

/**
 * Seed 002 (2/2) against a real OpenSearch 2.x (single node, no security plugin, so it accepts
 * any credentials; a fault proxy with no faults scripted passes requests through and shows
 * what the action actually sent).
 */
let services: ActionServices;
let proxy: FaultProxy;

beforeAll(async () => {
  useAwsTestEnv();
  services = testServices();
  proxy = await startFaultProxy(openSearchUrl());
});

afterAll(async () => {
  await proxy?.close();
});

/** A per-test index prefix (the suite may run twice against one cluster), with the seed's daily suffix. */
function indexTemplate(): { template: string; name: string } {
  const prefix = uniqueName("ecs-events");
  return { template: `${prefix}-{{ event.time | date: "%Y.%m.%d" }}`, name: `${prefix}-2016.10.17` };
}

/** The requests the pass-through proxy saw for one index: tests share the proxy, not indices. */
function sentTo(index: string) {
  return proxy.requests.filter((r) => r.path.startsWith(`/${index}/`));
}

async function search<T>(path: string, init: RequestInit = {}): Promise<T> {
  const response = await fetch(`${openSearchUrl()}${path}`, init);
  return (await response.json()) as T;
}

async function count(index: string): Promise<number> {
  await fetch(`${openSearchUrl()}/${index}/_refresh`, { method: "POST" });
  return (await search<{ count: number }>(`/${index}/_count`)).count;
}

describe("index-document run (seed 002, OpenSearch)", () => {
  it("indexes the ECS event under its event id; a replay updates the same document", async () => {
    const context = ecsContext();
    const event = context.event as { id: string };
    const { template, name } = indexTemplate();
    const params = { endpoint: openSearchUrl(), index: template, auth: { type: "none" } };

    const first = await runAction(indexDocumentAction, params, context, services);
    expect(first.status).toBe("changed");
    expect(first.detail).toMatchObject({ index: name, id: event.id, result: "created", version: 1 });

    const stored = await search<{ found: boolean; _source: unknown }>(`/${name}/_doc/${event.id}`);
    expect(stored.found).toBe(true);
    expect(stored._source).toEqual(context.event);

    const replay = await runAction(indexDocumentAction, params, context, services);
    expect(replay.detail).toMatchObject({ result: "updated", version: 2 });
    expect(await count(name)).toBe(1);
  });

  it("indexes a document rendered from a template", async () => {
    const context = ecsContext();
    const { template, name } = indexTemplate();
    const result = await runAction(
      indexDocumentAction,
      {
        endpoint: openSearchUrl(),
        index: template,
        id: "{{ event.detail.taskArn | split: '/' | last }}",
        document: "{{ event.detail | json }}",
        auth: { type: "none" },
      },
      context,
      services,
    );
    expect(result.detail).toMatchObject({ id: "cdf83842-a918-482b-908b-857e667ce328" });
    const stored = await search<{ _source: unknown }>(`/${name}/_doc/cdf83842-a918-482b-908b-857e667ce328`);
    expect(stored._source).toEqual((context.event as { detail: unknown }).detail);
  });

  it("signs with SigV4 for the es service and the given region", async () => {
    const { template, name } = indexTemplate();
    await runAction(
      indexDocumentAction,
      { endpoint: proxy.url, index: template, auth: { type: "sigv4", region: "eu-central-1" } },
      ecsContext(),
      services,
    );
    const [put] = sentTo(name);
    expect(put?.method).toBe("PUT");
    // Signed with the credentials of the SDK's default chain (the test environment's).
    const accessKey = awsTestEnv().AWS_ACCESS_KEY_ID;
    expect(put?.headers.authorization).toMatch(
      new RegExp(
        `^AWS4-HMAC-SHA256 Credential=${accessKey}/\\d{8}/eu-central-1/es/aws4_request, SignedHeaders=[^,]*host[^,]*, Signature=[0-9a-f]{64}$`,
      ),
    );
    expect(put?.headers["x-amz-content-sha256"]).toMatch(/^[0-9a-f]{64}$/);
  });

  it("signs for aoss when asked", async () => {
    const { template, name } = indexTemplate();
    await runAction(
      indexDocumentAction,
      { endpoint: proxy.url, index: template, auth: { type: "sigv4", service: "aoss", region: "us-east-1" } },
      ecsContext(),
      services,
    );
    expect(sentTo(name)[0]?.headers.authorization).toContain("/us-east-1/aoss/aws4_request");
  });

  it("sends basic auth with the password from an SSM SecureString, read once", async () => {
    const name = `/rulebridge/${uniqueName("opensearch")}`;
    const password = `pw-${uniqueName("secret")}`;
    const local = testServices();
    const ssm = local.aws.client(SSMClient);
    await ssm.send(new PutParameterCommand({ Name: name, Type: "SecureString", Value: password }));
    const reads: string[] = [];
    ssm.middlewareStack.add(
      (next, context) => (args) => {
        reads.push(String(context.commandName));
        return next(args);
      },
      { step: "initialize", name: "countSsmCalls" },
    );
    const { template, name: index } = indexTemplate();
    const params = {
      endpoint: proxy.url,
      index: template,
      auth: { type: "basic", username: "rulebridge", passwordSsmParameter: name },
    };

    const first = await runAction(indexDocumentAction, params, ecsContext(), local);
    const second = await runAction(indexDocumentAction, params, ecsContext(), local);
    expect(second.detail).toMatchObject({ result: "updated" });
    expect(reads).toEqual(["GetParameterCommand"]);
    const expected = `Basic ${Buffer.from(`rulebridge:${password}`).toString("base64")}`;
    expect(sentTo(index).map((r) => r.headers.authorization)).toEqual([expected, expected]);
    expectNoSecret([first, second], [password]);
  });

  it("sends basic auth with the password from the environment", async () => {
    const { template, name } = indexTemplate();
    const local = testServices({ env: { OPENSEARCH_PASSWORD: "local-dev-password" } });
    const result = await runAction(
      indexDocumentAction,
      {
        endpoint: proxy.url,
        index: template,
        auth: { type: "basic", username: "admin", passwordEnv: "OPENSEARCH_PASSWORD" },
      },
      ecsContext(),
      local,
    );
    expect(result.status).toBe("changed");
    expect(sentTo(name)[0]?.headers.authorization).toBe(
      `Basic ${Buffer.from("admin:local-dev-password").toString("base64")}`,
    );
    expectNoSecret(result, ["local-dev-password"]);
  });

  it("fails without retry, naming the status and OpenSearch's reason, when the mapping refuses the document", async () => {
    const { template, name } = indexTemplate();
    const params = { endpoint: openSearchUrl(), index: template, auth: { type: "none" } };
    await runAction(
      indexDocumentAction,
      { ...params, id: "a", document: { detail: "text" } },
      ecsContext(),
      services,
    );
    const failure = await failureOf(
      runAction(
        indexDocumentAction,
        { ...params, id: "b", document: { detail: { nested: 1 } } },
        ecsContext(),
        services,
      ),
    );
    expect(failure.retryable).toBe(false);
    expect(failure.message).toContain(`PUT ${openSearchUrl()}/${name}/_doc/b failed: HTTP 400`);
    expect(failure.message).toContain("mapper_parsing_exception");
  });

  it("treats a refused connection as retryable, without the basic-auth password in the failure", async () => {
    const { template } = indexTemplate();
    const local = testServices({ env: { OPENSEARCH_PASSWORD: "do-not-print-me" } });
    const failure = await failureOf(
      runAction(
        indexDocumentAction,
        {
          endpoint: await unreachableUrl(),
          index: template,
          auth: { type: "basic", username: "admin", passwordEnv: "OPENSEARCH_PASSWORD" },
        },
        ecsContext(),
        local,
      ),
    );
    expect(failure.retryable).toBe(true);
    expect(failure.message).toContain("ConnectionError");
    expect(failure.message).toContain("ECONNREFUSED");
    expect(failureText(failure)).not.toContain("do-not-print-me");
    expect(failureText(failure)).not.toContain(Buffer.from("admin:do-not-print-me").toString("base64"));
  });

  it(`sends to ${OPENSEARCH_ENDPOINT_ENV} instead of the rule's endpoint, still signed`, async () => {
    const { template, name } = indexTemplate();
    const local = testServices({ env: { [OPENSEARCH_ENDPOINT_ENV]: proxy.url } });
    const result = await runAction(
      indexDocumentAction,
      { endpoint: "https://search-logs-abc123.eu-west-1.es.amazonaws.com", index: template },
      ecsContext(),
      local,
    );
    expect(result.detail).toMatchObject({ host: "127.0.0.1", index: name, result: "created" });
    expect(sentTo(name)[0]?.headers.authorization).toContain("/eu-west-1/es/aws4_request");
    expect(await count(name)).toBe(1);
  });

  it(`refuses a ${OPENSEARCH_ENDPOINT_ENV} that is not an endpoint, without retry`, async () => {
    const local = testServices({ env: { [OPENSEARCH_ENDPOINT_ENV]: "http://example.com:9200" } });
    const failure = await failureOf(
      runAction(
        indexDocumentAction,
        { endpoint: openSearchUrl(), index: indexTemplate().template, auth: { type: "none" } },
        ecsContext(),
        local,
      ),
    );
    expect(failure.retryable).toBe(false);
    expect(failure.message).toContain(OPENSEARCH_ENDPOINT_ENV);
  });
});
