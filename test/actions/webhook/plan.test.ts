import { describe, expect, it } from "vitest";
import { webhookAction } from "../../../actions/webhook/index.js";
import { ecsContext } from "../fixtures.js";
import { renderedParams } from "../run-support.js";
import { DISCORD, OPSGENIE, PAGERDUTY, TEAMS } from "./samples.js";

const plan = (written: Record<string, unknown>) => {
  const context = ecsContext();
  return webhookAction.plan({ params: renderedParams(webhookAction, written, context), context });
};

describe("webhook plan", () => {
  it("PagerDuty: reads the routing key, then POSTs the rendered body with the key described", () => {
    const p = plan(PAGERDUTY);
    expect(p.summary).toBe("POST to webhook https://events.pagerduty.com/…");
    expect(p.steps.map((s) => s.call)).toEqual([
      "ssm:GetParameter",
      "POST <webhook https://events.pagerduty.com/…>",
    ]);
    const body = p.steps[1]?.input.body as Record<string, unknown>;
    expect(body.routing_key).toBe("<bodySecrets.routing_key from ssm parameter /pagerduty/routing-key>");
    expect(body.dedup_key).toBe((ecsContext().event as { id: string }).id);
    expect(p.steps[1]?.note).toMatch(/^success: HTTP 202/);
  });

  it("Opsgenie: the Authorization header is described, never a value", () => {
    const p = plan(OPSGENIE);
    expect(p.steps[0]?.call).toBe("secretsmanager:GetSecretValue");
    expect(p.steps[1]?.input.headers).toEqual({
      "content-type": "application/json; charset=utf-8",
      Authorization: "GenieKey <headers.Authorization from secrets manager opsgenie/api key key>",
    });
  });

  it.each([
    ["Teams", TEAMS, "POST <webhook from ssm parameter /webhooks/teams-ops>"],
    ["Discord", DISCORD, "POST <webhook from env DISCORD_WEBHOOK_URL>"],
  ])("%s: a secret URL is shown by where it comes from", (_name, params, call) => {
    expect(plan(params).steps.at(-1)?.call).toBe(call);
  });

  it("by default sends the event as JSON", () => {
    const p = plan({ url: "https://x.example.com/in", method: "PUT" });
    expect(p.steps[0]?.call).toBe("PUT <webhook https://x.example.com/…>");
    expect(p.steps[0]?.input.body).toEqual(ecsContext().event);
  });

  it("a text body that is not JSON fails the plan under format json", () => {
    expect(() => plan({ url: "https://x.example.com/", body: "hello {{ event.id }}" })).toThrow(
      /^body: rendered text is not JSON/,
    );
  });
});

describe("webhook iam", () => {
  it("grants only the reads of its secrets, scoped to each", () => {
    expect(webhookAction.iam({ ...PAGERDUTY })).toEqual([
      { actions: ["ssm:GetParameter"], resources: ["arn:aws:ssm:*:*:parameter/pagerduty/routing-key"] },
      expect.objectContaining({ actions: ["kms:Decrypt"], why: expect.any(String) }),
    ]);
    expect(webhookAction.iam({ ...OPSGENIE })[0]).toEqual({
      actions: ["secretsmanager:GetSecretValue"],
      resources: ["arn:aws:secretsmanager:*:*:secret:opsgenie/api-??????"],
    });
    expect(webhookAction.iam({ ...DISCORD })).toEqual([]);
    expect(webhookAction.iam({ url: "https://x.example.com/" })).toEqual([]);
  });
});

describe("webhook bodySecrets paths", () => {
  it("a path through __proto__ sets a field of the body, never a prototype", () => {
    const p = plan({
      url: "https://x.example.com/",
      body: { a: 1 },
      bodySecrets: { "__proto__.polluted": { env: "X" } },
    });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const body = p.steps[0]?.input.body as Record<string, unknown>;
    expect(Object.hasOwn(body, "__proto__")).toBe(true);
  });
});
