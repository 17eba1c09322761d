import { type HttpRequest, sendHttp, statusFailure } from "../shared/http-request.js";
import type { SlackBody } from "./request.js";

export interface SlackAnswer {
  status: number;
  /** Slack's reply, `ok` on success. */
  body: string;
}

/**
 * POSTs the body to the webhook and applies Slack's contract: 2xx is done; 429 waits for
 * Retry-After; 5xx (and 408) are retried; any other status (400 invalid_payload, 403
 * invalid_token, 404 no_service, 410 channel_is_archived) fails at once with Slack's reason.
 * Each request has its own timeout besides the run's deadline (shared/http-request.ts).
 *
 * `target` names the webhook in messages (`slack webhook from kms ciphertext (184 bytes)`); the URL
 * never appears.
 */
export async function postWebhook(
  fetchFn: typeof fetch,
  url: string,
  body: SlackBody,
  signal: AbortSignal,
  target: string,
): Promise<SlackAnswer> {
  const req: HttpRequest = {
    method: "POST",
    url,
    headers: { "content-type": "application/json; charset=utf-8" },
    body: JSON.stringify(body),
    target,
    secrets: [url],
  };
  const answer = await sendHttp(fetchFn, req, signal);
  if (answer.status >= 200 && answer.status < 300) {
    return { status: answer.status, body: answer.text.trim().slice(0, 300) };
  }
  throw statusFailure(answer, req, { answered: "Slack answered", refused: "Slack refused the post" });
}
