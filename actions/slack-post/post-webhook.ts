import { redact } from "../shared/secrets.js";
import { connectionFailure, isAbort, isRetryableStatus, retryAfterMs } from "../shared/transient.js";
import { ActionFailure } from "../types.js";
import type { SlackBody } from "./request.js";

/** Slack's error bodies are short codes (`no_service`); anything longer is cut in messages. */
const BODY_MAX = 300;

export interface SlackAnswer {
  status: number;
  /** Slack's reply, `ok` on success. */
  body: string;
}

/**
 * POSTs the body to the webhook and applies Slack's contract: 2xx is done; 429 waits for
 * Retry-After; 5xx (and 408) are retried; any other status (400 invalid_payload, 403
 * invalid_token, 404 no_service, 410 channel_is_archived) fails at once with Slack's reason.
 *
 * `target` names the webhook in messages (`slack webhook from kms ciphertext (184 bytes)`); the URL
 * never appears. fetch's own errors are not passed on as causes: undici quotes the URL it was given.
 */
export async function postWebhook(
  fetchFn: typeof fetch,
  url: string,
  body: SlackBody,
  signal: AbortSignal,
  target: string,
): Promise<SlackAnswer> {
  let response: Response;
  try {
    response = await fetchFn(url, {
      method: "POST",
      headers: { "content-type": "application/json; charset=utf-8" },
      body: JSON.stringify(body),
      signal,
      // Webhooks answer directly; a redirect means a wrong URL, and following it would hand the
      // message to whoever answers there.
      redirect: "manual",
    });
  } catch (err) {
    throw fetchFailure(err, url, signal, target);
  }

  let text = "";
  try {
    text = await response.text();
  } catch (err) {
    if (response.ok) return { status: response.status, body: "" };
    throw fetchFailure(err, url, signal, target);
  }
  const reply = clip(redact(text.trim(), [url]));
  if (response.status >= 200 && response.status < 300) return { status: response.status, body: reply };

  const said = reply === "" ? "" : ` ${reply}`;
  if (isRetryableStatus(response.status)) {
    const wait = retryAfterMs(response.headers.get("retry-after"));
    const after = wait !== undefined ? `; Retry-After ${Math.ceil(wait / 1000)}s` : "";
    throw new ActionFailure(`POST ${target}: Slack answered HTTP ${response.status}${said}${after}`, {
      retryable: true,
      ...(wait !== undefined ? { retryAfterMs: wait } : {}),
    });
  }
  const why = response.status >= 300 && response.status < 400 ? " (redirects are not followed)" : "";
  throw new ActionFailure(`POST ${target}: Slack refused the post: HTTP ${response.status}${said}${why}`, {
    retryable: false,
  });
}

function fetchFailure(err: unknown, url: string, signal: AbortSignal, target: string): ActionFailure {
  if (isAbort(err, signal)) {
    return new ActionFailure(`POST ${target} aborted: the invocation ran out of time`, { retryable: true });
  }
  const connection = connectionFailure(err);
  if (connection !== undefined) {
    return new ActionFailure(`POST ${target} failed: ${connection}`, { retryable: true });
  }
  // Not a network fault (a malformed URL, a refused TLS certificate): the same next time.
  return new ActionFailure(`POST ${target} failed: ${redact(describe(err), [url])}`, { retryable: false });
}

/** The error and its causes' messages, which is where undici says what actually went wrong. */
function describe(err: unknown): string {
  const parts: string[] = [];
  let cur: unknown = err;
  for (let depth = 0; depth < 4 && cur instanceof Error; depth++) {
    parts.push(cur.message);
    cur = cur.cause;
  }
  return parts.length > 0 ? parts.join(": ") : String(err);
}

function clip(text: string): string {
  return text.length > BODY_MAX ? `${text.slice(0, BODY_MAX)}…` : text;
}
