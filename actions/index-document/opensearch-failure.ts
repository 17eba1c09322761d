import { ActionFailure } from "../../engine/action/types.js";
import { connectionFailure, isAbort, isRetryableStatus, retryAfterMs } from "../shared/transient.js";
import type { OpenSearchResponse } from "./opensearch-client.js";

/*
 * OpenSearch's answers and fetch's errors as ActionFailures. 429 and 5xx (a busy or recovering
 * cluster) and connection failures are retryable; other statuses (400 mapping errors, 403 from
 * a signature or access policy) are not. `operation` is the request line, e.g.
 * `PUT https://…/ecs-events/_doc/id`. Neither headers nor the request are ever quoted: that is
 * where basic-auth and session-token credentials live.
 */

const MAX_TEXT = 300;

/** OpenSearch's own account of a refusal: `error.type: error.reason`, or the text of a proxy's page. */
function reasonOf(body: unknown): string {
  if (body !== null && typeof body === "object") {
    const error = (body as { error?: unknown }).error;
    if (error !== null && typeof error === "object") {
      const { type, reason } = error as { type?: unknown; reason?: unknown };
      return [type, reason].filter((v) => typeof v === "string").join(": ");
    }
    if (typeof error === "string") return error;
    return JSON.stringify(body).slice(0, MAX_TEXT);
  }
  return String(body).trim().slice(0, MAX_TEXT);
}

/** A non-2xx answer. */
export function responseFailure(operation: string, response: OpenSearchResponse): ActionFailure {
  const message = `${operation} failed: HTTP ${response.status}: ${reasonOf(response.body)}`;
  if (!isRetryableStatus(response.status)) return new ActionFailure(message, { retryable: false });
  const wait = retryAfterMs(response.headers.get("retry-after") ?? undefined);
  return new ActionFailure(message, {
    retryable: true,
    ...(wait !== undefined ? { retryAfterMs: wait } : {}),
  });
}

/** The deepest message of a cause chain: fetch says "fetch failed", its cause says why. */
function rootMessage(err: unknown): string {
  let message = err instanceof Error ? err.message : String(err);
  let cur: unknown = err;
  for (let depth = 0; depth < 6 && cur instanceof Error; depth++) {
    message = cur.message || message;
    cur = cur.cause;
  }
  return message;
}

/** What fetch or the signer threw: no answer came. */
export function requestFailure(operation: string, err: unknown, signal?: AbortSignal): ActionFailure {
  if (err instanceof ActionFailure) return err;
  if (isAbort(err, signal)) {
    return new ActionFailure(`${operation} aborted: the invocation ran out of time`, { retryable: true });
  }
  const message = rootMessage(err);
  const connection = connectionFailure(err);
  if (connection !== undefined) {
    const code = message.includes(connection) ? "" : ` (${connection})`;
    return new ActionFailure(`${operation} failed: ConnectionError: ${message}${code}`, { retryable: true });
  }
  const name = err instanceof Error ? err.name : "Error";
  if (name === "CredentialsProviderError") {
    return new ActionFailure(`${operation} not sent: no AWS credentials to sign it with: ${message}`, {
      retryable: false,
    });
  }
  return new ActionFailure(`${operation} failed: ${name}: ${message}`, { retryable: false });
}
