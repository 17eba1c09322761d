import { describe, expect, it } from "vitest";
import { cachedSecretValues, Redactor } from "../../../engine/runtime/redact.js";

describe("Redactor", () => {
  const r = new Redactor(["super-secret-token", "super-secret-token-long", "short"]);

  it.each([
    {
      name: "Slack services webhook",
      in: "POST https://hooks.slack.com/services/T0ABC/B0DEF/abcdEFGH1234 failed",
      out: "POST https://hooks.slack.com/[redacted] failed",
    },
    {
      name: "Slack workflow webhook in quotes",
      in: `url "https://hooks.slack.com/workflows/T1/A2/3/xyz"`,
      out: `url "https://hooks.slack.com/[redacted]"`,
    },
    {
      name: "Slack triggers, any case",
      in: "HTTPS://HOOKS.SLACK.COM/triggers/T1/2/abc",
      out: "HTTPS://HOOKS.SLACK.COM/[redacted]",
    },
    {
      name: "GovSlack",
      in: "https://hooks.slack-gov.com/services/T1/B2/c3",
      out: "https://hooks.slack-gov.com/[redacted]",
    },
    {
      name: "Discord webhook",
      in: "POST https://discord.com/api/webhooks/1234/tokenTOKEN failed",
      out: "POST https://discord.com/[redacted] failed",
    },
    {
      name: "Teams webhook",
      in: "https://contoso.webhook.office.com/webhookb2/a@b/IncomingWebhook/c/d",
      out: "https://contoso.webhook.office.com/[redacted]",
    },
    { name: "AWS access key id", in: "key AKIAIOSFODNN7EXAMPLE used", out: "key [redacted] used" },
    {
      name: "password in a URL",
      in: "GET https://admin:pa55word@search.example.com/_doc",
      out: "GET https://[redacted]@search.example.com/_doc",
    },
    {
      name: "known value, longest first",
      in: "a super-secret-token-long and a super-secret-token",
      out: "a [redacted] and a [redacted]",
    },
    { name: "values too short to be credentials are left alone", in: "short answer", out: "short answer" },
    {
      name: "plain text is untouched",
      in: "tagged i-0123 Name=web-12-34",
      out: "tagged i-0123 Name=web-12-34",
    },
    {
      name: "a Slack URL mention without a path is not a webhook",
      in: "see hooks.slack.com docs",
      out: "see hooks.slack.com docs",
    },
  ])("$name", ({ in: input, out }) => {
    expect(r.string(input)).toBe(out);
  });

  it("redacts deep inside values, keys included, without touching the original", () => {
    const original = { a: ["x super-secret-token"], "super-secret-token": { n: 1, ok: true, nil: null } };
    expect(r.value(original)).toEqual({ a: ["x [redacted]"], "[redacted]": { n: 1, ok: true, nil: null } });
    expect(original.a[0]).toBe("x super-secret-token");
  });

  it("with() adds values", () => {
    expect(new Redactor().with(["another-secret-1"]).string("another-secret-1!")).toBe("[redacted]!");
  });
});

describe("cachedSecretValues", () => {
  it("reads resolved secrets, skipping rejected and still-pending ones", async () => {
    const rejected = Promise.reject(new Error("no"));
    rejected.catch(() => {});
    const pending = new Promise<string>(() => {});
    const secrets = new Map<string, Promise<string>>([
      ["a", Promise.resolve("https://hooks.example/abc")],
      ["b", rejected],
      ["c", pending],
    ]);
    expect(await cachedSecretValues(secrets)).toEqual(["https://hooks.example/abc"]);
  });
});
