import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type SlackReceiver, slackReplies, startSlackReceiver } from "../support/services/slack-receiver.js";

async function post(url: string, body: string, contentType = "application/json"): Promise<Response> {
  return fetch(url, { method: "POST", headers: { "content-type": contentType }, body });
}

describe("Slack webhook receiver", () => {
  let slack: SlackReceiver;
  beforeEach(async () => {
    slack = await startSlackReceiver();
  });
  afterEach(async () => {
    await slack.close();
  });

  it("has a Slack-shaped webhook URL on loopback and answers a valid message 200 ok", async () => {
    expect(slack.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/services\/T[0-9A-F]+\/B[0-9A-F]+\/[0-9a-f]+$/);
    const response = await post(
      slack.url,
      JSON.stringify({ text: "HealthyHostCount <= 0", channel: "#ops" }),
    );
    expect(response.status).toBe(200);
    expect(await response.text()).toBe("ok");
    expect(slack.delivered()).toHaveLength(1);
    expect(slack.requests[0]).toMatchObject({
      method: "POST",
      payload: { text: "HealthyHostCount <= 0", channel: "#ops" },
      status: 200,
    });
    expect(slack.requests[0]?.headers["content-type"]).toBe("application/json");
  });

  it("accepts blocks without text and the legacy form-encoded payload", async () => {
    expect((await post(slack.url, JSON.stringify({ blocks: [{ type: "divider" }] }))).status).toBe(200);
    const form = new URLSearchParams({ payload: JSON.stringify({ text: "hi" }) }).toString();
    expect((await post(slack.url, form, "application/x-www-form-urlencoded")).status).toBe(200);
  });

  it("answers 400 invalid_payload for a body that is not JSON or has no text or blocks", async () => {
    for (const body of ["not json", "{}", JSON.stringify({ text: "  " }), "[]"]) {
      const response = await post(slack.url, body);
      expect(response.status).toBe(400);
      expect(await response.text()).toBe("invalid_payload");
    }
    expect(slack.delivered()).toEqual([]);
  });

  it("answers 404 no_service for a hook that does not exist", async () => {
    const response = await post(
      `${new URL(slack.url).origin}/services/T0/B0/wrong`,
      JSON.stringify({ text: "x" }),
    );
    expect(response.status).toBe(404);
    expect(await response.text()).toBe("no_service");
  });

  it("follows its script, then accepts again: 429 with Retry-After, then 200", async () => {
    slack.respond([slackReplies.rateLimited(1), slackReplies.accept()]);
    const first = await post(slack.url, JSON.stringify({ text: "once" }));
    expect(first.status).toBe(429);
    expect(first.headers.get("retry-after")).toBe("1");
    const second = await post(slack.url, JSON.stringify({ text: "once" }));
    expect(second.status).toBe(200);
    expect(slack.delivered()).toHaveLength(1);
    expect(slack.requests.map((request) => request.status)).toEqual([429, 200]);
  });

  it("plays Slack's error answers", async () => {
    slack.respond([
      slackReplies.invalidToken(),
      slackReplies.noService(),
      slackReplies.channelIsArchived(),
      slackReplies.serverError(503, "service_unavailable"),
    ]);
    const answers: string[] = [];
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const response = await post(slack.url, JSON.stringify({ text: "x" }));
      answers.push(`${response.status} ${await response.text()}`);
    }
    expect(answers).toEqual([
      "403 invalid_token",
      "404 no_service",
      "410 channel_is_archived",
      "503 service_unavailable",
      "200 ok",
    ]);
  });

  it("takes literal replies, and a new script replaces what was left of the old one", async () => {
    slack.respond([slackReplies.invalidToken(), slackReplies.invalidToken()]);
    slack.respond([{ status: 429, body: "rate_limited", headers: { "retry-after": "3" } }]);
    const limited = await post(slack.url, JSON.stringify({ text: "x" }));
    expect([limited.status, limited.headers.get("retry-after"), await limited.text()]).toEqual([
      429,
      "3",
      "rate_limited",
    ]);
    expect((await post(slack.url, JSON.stringify({ text: "x" }))).status).toBe(200);
    expect(slack.requests.map((request) => request.body)).toEqual(['{"text":"x"}', '{"text":"x"}']);
  });

  it("drops the connection when scripted to, and waits for requests", async () => {
    slack.respond([slackReplies.dropConnection()]);
    await expect(post(slack.url, JSON.stringify({ text: "x" }))).rejects.toThrow();
    const requests = await slack.waitForRequests(1, 1_000);
    expect(requests[0]?.status).toBe(0);
    await expect(slack.waitForRequests(2, 100)).rejects.toThrow(/got 1 request/);
  });
});
