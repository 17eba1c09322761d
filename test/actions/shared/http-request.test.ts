import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  type HttpRequest,
  HttpStatusFailure,
  MAX_RETRY_AFTER_MS,
  responseExcerpt,
  sendHttp,
  statusFailure,
} from "../../../actions/shared/http-request.js";
import { ActionFailure } from "../../../engine/action/types.js";
import { unreachableUrl } from "../../support/services/unreachable-url.js";
import { startWebhookReceiver, type WebhookReceiver } from "../../support/services/webhook-receiver.js";

/** The HTTP policy every HTTP action shares, against a loopback receiver (no mocks of fetch). */
let receiver: WebhookReceiver;
beforeEach(async () => {
  receiver = await startWebhookReceiver();
});
afterEach(async () => {
  await receiver.close();
});

const request = (over: Partial<HttpRequest> = {}): HttpRequest => ({
  method: "POST",
  url: receiver.url,
  headers: { "content-type": "application/json" },
  body: "{}",
  target: "<webhook>",
  secrets: [receiver.url],
  ...over,
});

async function failure(promise: Promise<unknown>): Promise<ActionFailure> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ActionFailure);
  return err as ActionFailure;
}

describe("sendHttp", () => {
  it("a request that never gets an answer times out, retryable, without the URL", async () => {
    receiver.respond([{ kind: "hang" }]);
    const started = Date.now();
    const f = await failure(sendHttp(fetch, request({ timeoutMs: 300 }), new AbortController().signal));
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(f.retryable).toBe(true);
    expect(f.message).toBe("POST <webhook> timed out: no answer within 0.3s");
    expect(f.message).not.toContain(receiver.token);
  });

  it("an answer slower than the timeout counts as none", async () => {
    receiver.respond([{ status: 200, delayMs: 1_000 }]);
    const f = await failure(sendHttp(fetch, request({ timeoutMs: 200 }), new AbortController().signal));
    expect(f.message).toMatch(/timed out/);
  });

  it("the run's own deadline (its AbortSignal) ends the request too", async () => {
    receiver.respond([{ kind: "hang" }]);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const f = await failure(sendHttp(fetch, request({ timeoutMs: 30_000 }), controller.signal));
    expect(f.message).toBe("POST <webhook> aborted: the invocation ran out of time");
  });

  it("a refused connection is retryable", async () => {
    const url = `${await unreachableUrl()}/hooks/x`;
    const f = await failure(sendHttp(fetch, request({ url, secrets: [url] }), new AbortController().signal));
    expect(f.retryable).toBe(true);
    expect(f.message).toBe("POST <webhook> failed: ECONNREFUSED");
  });

  it("a host that does not resolve is retryable (the SDK's network policy), and quotes no URL", async () => {
    const url = "http://rulebridge-no-such-host.invalid/hooks/secret-token-123";
    const f = await failure(sendHttp(fetch, request({ url, secrets: [url] }), new AbortController().signal));
    expect(f.retryable).toBe(true);
    expect(f.message).toMatch(/ENOTFOUND|EAI_AGAIN/);
    expect(f.message).not.toContain("secret-token-123");
  });
});

describe("statusFailure", () => {
  const answer = (status: number, text = "", headers: Record<string, string> = {}) => ({
    status,
    text,
    headers: new Headers(headers),
  });
  const words = { answered: "the webhook answered", refused: "the webhook refused it" };

  it.each([
    [429, { "retry-after": "3" }, true, 3000],
    [503, {}, true, undefined],
    [408, {}, true, undefined],
    [401, {}, false, undefined],
    [404, {}, false, undefined],
    [302, { location: "https://elsewhere.example" }, false, undefined],
  ])("HTTP %i → retryable %s", (status, headers, retryable, wait) => {
    const f = statusFailure(answer(status, "nope", headers), request(), words);
    expect(f).toBeInstanceOf(HttpStatusFailure);
    expect(f.status).toBe(status);
    expect(f.retryable).toBe(retryable);
    expect(f.retryAfterMs).toBe(wait);
    expect(f.message).toContain(`HTTP ${status} nope`);
  });

  it("a Retry-After longer than rulebridge waits fails at once", () => {
    const f = statusFailure(answer(429, "slow down", { "retry-after": "600" }), request(), words);
    expect(f.retryable).toBe(false);
    expect(MAX_RETRY_AFTER_MS).toBeLessThan(600_000);
    expect(f.message).toMatch(/Retry-After 600s is longer than/);
  });
});

describe("responseExcerpt", () => {
  it("scrubs known secrets and recognised ones, folds control characters, clips", () => {
    const text = `bad token s3cr3t-t0ken at https://hooks.slack.com/services/T0/B0/xyz\u0007\n${"x".repeat(500)}`;
    const excerpt = responseExcerpt(text, ["s3cr3t-t0ken"]);
    expect(excerpt).not.toContain("s3cr3t-t0ken");
    expect(excerpt).not.toContain("/T0/B0/xyz");
    expect(excerpt).not.toMatch(/\p{Cc}/u);
    expect(excerpt.length).toBeLessThanOrEqual(201);
  });
});
