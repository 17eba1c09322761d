import { describe, expect, it } from "vitest";
import { indexDocumentAction } from "../../../actions/index-document/index.js";
import { AOSS_ENDPOINT, ENDPOINT, seedParams } from "./seed.js";

const iam = indexDocumentAction.iam;
const custom = "https://search.example.com";

describe("index-document iam", () => {
  it("seed 002: PUT on the domain's daily indexes, read from the endpoint", () => {
    expect(iam(seedParams)).toEqual([
      {
        actions: ["es:ESHttpPut"],
        resources: ["arn:aws:es:us-east-1:*:domain/ecs-events/ecs-events-*/*"],
        why: expect.stringContaining("account is not in it"),
      },
    ]);
  });

  it("a Serverless collection: APIAccessAll on it, and the data access policy it also needs", () => {
    expect(iam({ endpoint: AOSS_ENDPOINT, index: "events" })).toEqual([
      {
        actions: ["aoss:APIAccessAll"],
        resources: ["arn:aws:aoss:us-east-1:*:collection/07tjusf2h91cunochc"],
        why: expect.stringContaining("aoss:WriteDocument"),
      },
    ]);
  });

  it("a custom endpoint with the domain ARN: exactly that domain", () => {
    const domain = "arn:aws:es:us-east-1:123456789012:domain/logs";
    expect(
      iam({
        endpoint: custom,
        index: "app-{{ event.source }}",
        auth: { type: "sigv4", resourceArn: domain },
      }),
    ).toEqual([{ actions: ["es:ESHttpPut"], resources: [`${domain}/app-*/*`] }]);
  });

  it("a custom endpoint with a collection ARN", () => {
    const collection = "arn:aws:aoss:us-east-1:123456789012:collection/abc";
    expect(
      iam({
        endpoint: custom,
        index: "e",
        auth: { type: "sigv4", service: "aoss", resourceArn: collection },
      }),
    ).toEqual([{ actions: ["aoss:APIAccessAll"], resources: [collection], why: expect.any(String) }]);
  });

  it.each([
    [
      "a custom endpoint without an ARN",
      { endpoint: custom, index: "events", auth: { type: "sigv4", region: "eu-west-1" } },
      "arn:aws:es:eu-west-1:*:domain/*/events/*",
    ],
    [
      "a templated endpoint",
      { endpoint: "{{ event.detail.endpoint }}", index: "{{ event.source }}" },
      "arn:aws:es:*:*:domain/*/*/*",
    ],
  ])("%s: any domain, and why", (_name, params, resource) => {
    expect(iam(params)).toEqual([
      { actions: ["es:ESHttpPut"], resources: [resource], why: expect.stringContaining("auth.resourceArn") },
    ]);
  });

  it("basic auth from SSM: read that parameter only", () => {
    const statements = iam({
      endpoint: custom,
      index: "e",
      auth: { type: "basic", username: "u", passwordSsmParameter: "/os/admin" },
    });
    expect(statements.map((s) => [s.actions, s.resources])).toEqual([
      [["ssm:GetParameter"], ["arn:aws:ssm:*:*:parameter/os/admin"]],
      [["kms:Decrypt"], ["*"]],
    ]);
  });

  it.each([
    ["no auth", { type: "none" }],
    ["basic from env", { type: "basic", username: "u", passwordEnv: "OS_PASSWORD" }],
  ])("%s: no AWS permission", (_name, auth) => {
    expect(iam({ endpoint: custom, index: "e", auth })).toEqual([]);
  });

  it("a custom endpoint with no auth at all (a check error) grants nothing", () => {
    expect(iam({ endpoint: custom, index: "e" })).toEqual([]);
  });

  it("the seed's endpoint with an explicit ARN prefers the ARN", () => {
    const domain = "arn:aws:es:us-east-1:123456789012:domain/ecs-events";
    expect(iam({ endpoint: ENDPOINT, index: "e", auth: { type: "sigv4", resourceArn: domain } })).toEqual([
      { actions: ["es:ESHttpPut"], resources: [`${domain}/e/*`] },
    ]);
  });
});

describe("index-document iam, signing region", () => {
  it.each([
    ["a templated region", "{{ event.region }}", "arn:aws:es:*:*:domain/*/e/*"],
    ["a GovCloud region", "us-gov-west-1", "arn:aws-us-gov:es:us-gov-west-1:*:domain/*/e/*"],
  ])("%s", (_name, region, resource) => {
    const [statement] = indexDocumentAction.iam({
      endpoint: "https://search.example.com",
      index: "e",
      auth: { type: "sigv4", region },
    });
    expect(statement?.resources).toEqual([resource]);
  });
});
