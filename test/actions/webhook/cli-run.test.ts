import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { cli } from "../../../cli/cli.js";
import { memoryIo } from "../../support/memory-io.js";
import { startWebhookReceiver, type WebhookReceiver } from "../../support/services/webhook-receiver.js";

/**
 * `rulebridge run` (live) of a rule with webhook actions whose URL and header come from env:
 * whatever the endpoint answers (success, a refusal quoting the token back), nothing the CLI
 * prints holds the URL's token or the header's key.
 */
let receiver: WebhookReceiver;
const API_KEY = "key-EXAMPLE-0123456789abcdef";

beforeEach(async () => {
  receiver = await startWebhookReceiver();
});
afterEach(async () => {
  await receiver.close();
});

const RULE = `name: hook-on-stopped
on:
  pattern:
    source: [aws.ecs]
actions:
  - type: webhook
    url: { env: HOOK_URL }
    headers:
      Authorization: { env: HOOK_KEY, prefix: "Bearer " }
    body: { text: "{{ event.detail.lastStatus }}" }
`;

async function liveRun(format: "text" | "json") {
  const dir = await mkdtemp(join(tmpdir(), "rulebridge-webhook-"));
  await writeFile(join(dir, "hook.yaml"), RULE);
  // The CLI reads secrets from its own env, as a live run reads the shell's.
  const io = Object.assign(memoryIo(), {
    env: { HOOK_URL: receiver.url, HOOK_KEY: API_KEY, AWS_REGION: "us-east-1" },
  });
  const code = await cli(
    [
      "run",
      "examples/events/ecs-task-state-change-essential-exited.json",
      "--rules",
      dir,
      "--format",
      format,
    ],
    io,
  );
  const text = `${io.out}\n${io.err}`;
  expect(text).toContain("hook-on-stopped");
  return { code, text };
}

describe("webhook through `rulebridge run`", () => {
  it.each(["text", "json"] as const)("a delivery (%s output) shows no secret", async (format) => {
    const { code, text } = await liveRun(format);
    expect(code).toBe(0);
    expect(receiver.requests[0]?.headers.authorization).toBe(`Bearer ${API_KEY}`);
    expect(text).not.toContain(receiver.token);
    expect(text).not.toContain(API_KEY);
  });

  it.each(["text", "json"] as const)(
    "a refusal that quotes the secrets back (%s output) shows none",
    async (format) => {
      receiver.respond([{ status: 401, body: `{"error":"token ${API_KEY} refused at ${receiver.url}"}` }]);
      const { code, text } = await liveRun(format);
      expect(code).toBe(1);
      expect(text).toMatch(/HTTP 401/);
      expect(text).not.toContain(receiver.token);
      expect(text).not.toContain(API_KEY);
    },
  );
});
