import { describe, expect, it } from "vitest";
import { webhookAction } from "../../../actions/webhook/index.js";
import { compileParams } from "../fixtures.js";
import { DISCORD, OPSGENIE, PAGERDUTY, TEAMS } from "./samples.js";

const check = (params: Record<string, unknown>) =>
  webhookAction.check?.({ ...webhookAction.defaults, ...params }) ?? [];
const validate = compileParams(webhookAction);

describe("webhook params", () => {
  it.each([
    ["PagerDuty", PAGERDUTY],
    ["Opsgenie", OPSGENIE],
    ["Teams", TEAMS],
    ["Discord", DISCORD],
    ["a templated URL", { url: "https://hooks.example.com/{{ event.account }}" }],
    ["a template header", { url: "https://x.example.com/", headers: { "X-Request-Id": "{{ event.id }}" } }],
    ["text", { url: "https://x.example.com/", format: "text", body: "{{ event.id }}" }],
    ["loopback http", { url: "http://127.0.0.1:8080/hook" }],
  ])("%s: valid, and check finds nothing", (_name, params) => {
    expect(validate({ ...webhookAction.defaults, ...params }), JSON.stringify(validate.errors)).toBe(true);
    expect(check(params)).toEqual([]);
  });

  it.each([
    ["no url", {}],
    ["GET", { url: "https://x.example.com/", method: "GET" }],
    [
      "a header source with two kinds",
      { url: "https://x/", headers: { A: { env: "A", ssmParameter: "/a" } } },
    ],
    ["a zero timeout", { url: "https://x/", timeoutSeconds: 0 }],
    ["a status out of range", { url: "https://x/", successStatuses: [99] }],
  ])("schema refuses %s", (_name, params) => {
    expect(validate({ ...webhookAction.defaults, ...params })).toBe(false);
  });
});

describe("webhook check", () => {
  const token = "u+Xy3bEXAMPLEtokenZ9";
  it.each([
    [
      "an Authorization header",
      { url: "https://x.example.com/", headers: { Authorization: `Bearer ${token}` } },
      ["headers", "Authorization"],
    ],
    [
      "an X-API-Key header",
      { url: "https://x.example.com/", headers: { "X-API-Key": token } },
      ["headers", "X-API-Key"],
    ],
    ["a token query parameter", { url: `https://x.example.com/hook?token=${token}` }, ["url"]],
    [
      "a Teams workflow sig",
      { url: `https://prod-1.westus.logic.azure.com/workflows/a/triggers/manual/paths/invoke?sig=${token}` },
      ["url"],
    ],
    ["user:password in the URL", { url: `https://bot:${token}@x.example.com/` }, ["url"]],
    ["a Discord URL", { url: `https://discord.com/api/webhooks/123/${token}` }, ["url"]],
    [
      "a routing key in the body",
      { url: "https://events.pagerduty.com/v2/enqueue", body: { routing_key: token } },
      ["body", "routing_key"],
    ],
    [
      "an apiKey nested in the body",
      { url: "https://x.example.com/", body: { auth: { apiKey: token } } },
      ["body", "auth", "apiKey"],
    ],
  ])("a plaintext credential in %s is PLAINTEXT_SECRET, not repeated", (_name, params, path) => {
    const issues = check(params);
    expect(issues.map((i) => [i.code, i.path])).toEqual([["PLAINTEXT_SECRET", path]]);
    expect(JSON.stringify(issues)).not.toContain(token);
  });

  it.each([
    ["plain http elsewhere", { url: "http://x.example.com/hook" }, ["url"], "INVALID_PARAM"],
    ["a relative URL", { url: "/hook" }, ["url"], "INVALID_PARAM"],
    ["a bad SSM URL name", { url: { ssmParameter: "aws/x" } }, ["url", "ssmParameter"], "INVALID_PARAM"],
    [
      "a secret ARN of another service",
      { url: { secretsManager: "arn:aws:ssm:us-east-1:123456789012:parameter/x" } },
      ["url", "secretsManager"],
      "INVALID_ARN",
    ],
    [
      "a bad env name",
      { url: "https://x/", headers: { Authorization: { env: "1X" } } },
      ["headers", "Authorization", "env"],
      "INVALID_PARAM",
    ],
    [
      "bodySecrets with text",
      { url: "https://x/", format: "text", body: "x", bodySecrets: { a: { env: "A" } } },
      ["bodySecrets"],
      "INVALID_PARAM",
    ],
  ])("%s", (_name, params, path, code) => {
    expect(check(params).map((i) => [i.code, i.path])).toEqual([[code, path]]);
  });
});
