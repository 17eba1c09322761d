import { describe, expect, it } from "vitest";
import {
  findSecrets,
  findSecretsIn,
  maskSecrets,
  plaintextSecretMessage,
  type SecretPattern,
} from "../../../engine/secrets/index.js";

/** Shapes of real credentials (made-up tokens): each must be found, and masked whole. */
const SECRETS: [string, string, string][] = [
  [
    "Slack incoming webhook",
    "slack-webhook",
    "https://hooks.slack.com/services/T0EXAMPLE/B0EXAMPLE/abcdefghijklmnop",
  ],
  ["Slack without scheme", "slack-webhook", "hooks.slack.com/services/T0/B0/abcdefgh"],
  ["GovSlack", "slack-webhook", "https://hooks.slack-gov.com/services/T0/B0/abcdefgh"],
  ["Slack workflow", "slack-webhook", "https://hooks.slack.com/workflows/T01/A02/3456/abcdefgh"],
  ["Slack trigger", "slack-webhook", "https://hooks.slack.com/triggers/T01/3456/abcdefgh"],
  ["Slack, upper case", "slack-webhook", "HTTPS://HOOKS.SLACK.COM/services/T0/B0/abcdefgh"],
  ["Discord", "discord-webhook", "https://discord.com/api/webhooks/123456789012345678/AbC-dEf_gHi"],
  ["Discord, old host", "discord-webhook", "https://discordapp.com/api/webhooks/1234/tok"],
  ["Discord, versioned", "discord-webhook", "https://ptb.discord.com/api/v10/webhooks/1234/tok"],
  [
    "Teams connector",
    "teams-webhook",
    "https://contoso.webhook.office.com/webhookb2/0000-11@2222/IncomingWebhook/abcd/3333",
  ],
  [
    "Teams workflow",
    "teams-webhook",
    "https://prod-12.westus.logic.azure.com:443/workflows/abc/triggers/manual/paths/invoke?api-version=2016-06-01&sp=%2Ftriggers&sv=1.0&sig=AbCdEf",
  ],
  ["AWS access key id", "aws-access-key-id", "AKIAIOSFODNN7EXAMPLE"],
  ["AWS temporary key id", "aws-access-key-id", "ASIAIOSFODNN7EXAMPLE"],
];

/** Near misses that must pass: links to the same services that are not credentials. */
const HARMLESS: [string, string][] = [
  ["a Slack app link", "see https://app.slack.com/client/T0/C0"],
  ["Slack's API docs", "https://api.slack.com/messaging/webhooks"],
  ["a Discord invite", "https://discord.gg/abcdef"],
  ["Office web", "https://outlook.office.com/mail"],
  ["an Azure logic app without sig", "https://prod-1.westus.logic.azure.com/workflows/abc"],
  ["a key id inside a longer word", "XAKIAIOSFODNN7EXAMPLEX"],
  ["a template", "{{ event.detail.url }}"],
];

describe("findSecrets", () => {
  it.each(SECRETS)("finds %s", (_name, id, secret) => {
    const text = `before ${secret} after`;
    const found = findSecrets(text);
    expect(found.map((m) => m.pattern.id)).toEqual([id]);
    expect(text.slice(found[0]?.start, found[0]?.end)).toBe(secret);
  });

  it.each(HARMLESS)("leaves %s alone", (_name, text) => {
    expect(findSecrets(text)).toEqual([]);
  });

  it("finds every secret of a line, left to right", () => {
    const text = `a ${SECRETS[0]?.[2]} b AKIAIOSFODNN7EXAMPLE c`;
    expect(findSecrets(text).map((m) => m.pattern.id)).toEqual(["slack-webhook", "aws-access-key-id"]);
  });

  it("takes an action's own patterns", () => {
    const own: SecretPattern = { id: "pd-key", label: "a PagerDuty key", pattern: /\bR0[A-Z0-9]{30}\b/ };
    const text = "routing R0ABCDEFGHIJKLMNOPQRSTUVWXYZ1234";
    expect(findSecrets(text)).toEqual([]);
    expect(findSecrets(text, [own]).map((m) => m.pattern.id)).toEqual(["pd-key"]);
  });
});

describe("maskSecrets", () => {
  it.each(SECRETS)("masks %s whole", (_name, _id, secret) => {
    const masked = maskSecrets(`message: "${secret}" # note`);
    expect(masked).toBe('message: "[redacted]" # note');
  });
});

describe("findSecretsIn", () => {
  it("reports each string's path, keys included, and never the value in the message", () => {
    const value = {
      text: "post https://hooks.slack-gov.com/services/T0/B0/x",
      blocks: [{ text: "AKIAIOSFODNN7EXAMPLE" }],
      headers: { "https://discord.com/api/webhooks/1/x": "v" },
      fine: "nothing",
    };
    const found = findSecretsIn(value);
    expect(found.map((f) => [f.path, f.pattern.id])).toEqual([
      [["text"], "slack-webhook"],
      [["blocks", 0, "text"], "aws-access-key-id"],
      [["headers", "https://discord.com/api/webhooks/1/x"], "discord-webhook"],
    ]);
    for (const f of found) expect(plaintextSecretMessage(f.pattern)).toMatch(/in clear text/);
  });

  it("reads a hostile 4 MB run of host letters without backtracking over it (was quadratic: a hang)", () => {
    const run = "a".repeat(4_000_000);
    expect(findSecrets(`${run} x`)).toEqual([]);
    const masked = maskSecrets(`${run}.webhook.office.com/webhookb2/abc/IncomingWebhook/def/ghi tail`);
    expect(masked.endsWith("[redacted] tail")).toBe(true);
  });
});
