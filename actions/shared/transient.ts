/**
 * What makes a failure worth another try, whoever reports it (the AWS SDK, fetch, the OpenSearch
 * client): the connection broke, the call timed out, or the server said "later" (429, 5xx).
 * Everything else — a refused request, a missing resource, denied access — fails the same way
 * on every try, so retrying only delays the report.
 */

/**
 * Node and undici error codes of a connection that failed or broke, not of a request that was
 * refused: the one network policy for every path (AWS SDK, fetch, OpenSearch). It includes the
 * SDK's own lists (NODEJS_TIMEOUT_ERROR_CODES, NODEJS_NETWORK_ERROR_CODES in @smithy/core/retry),
 * ENOTFOUND among them: a resolver failure in a Lambda (VPC DNS throttling, a blip) looks the
 * same as a mistyped host, and the retry budget and the deadline bound what retrying it costs.
 */
const CONNECTION_CODES = new Set([
  "ENOTFOUND",
  "ECONNREFUSED",
  "ECONNRESET",
  "ECONNABORTED",
  "EPIPE",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENETDOWN",
  "EAI_AGAIN",
  "ERR_SOCKET_CONNECTION_TIMEOUT",
  "UND_ERR_CONNECT_TIMEOUT",
  "UND_ERR_HEADERS_TIMEOUT",
  "UND_ERR_BODY_TIMEOUT",
  "UND_ERR_SOCKET",
  "UND_ERR_CLOSED",
]);

/** Messages some layers throw without a code (Node's http client, the SDK's request handler). */
const CONNECTION_MESSAGES = /socket hang up|socket disconnected|other side closed|network (error|socket)/i;

/** How deep to follow `cause` chains: fetch wraps undici's error, which wraps the socket's. */
const MAX_DEPTH = 6;

/**
 * The code of a connection-level failure anywhere in the error's `cause` chain
 * (`ECONNREFUSED`, `UND_ERR_SOCKET`, …, or `socket hang up`), else undefined.
 */
export function connectionFailure(err: unknown): string | undefined {
  let cur: unknown = err;
  for (let depth = 0; depth < MAX_DEPTH && cur !== null && typeof cur === "object"; depth++) {
    const code = (cur as { code?: unknown }).code;
    if (typeof code === "string" && CONNECTION_CODES.has(code)) return code;
    // An AggregateError (happy-eyeballs tried IPv4 and IPv6) holds the real reasons in `errors`.
    const errors = (cur as { errors?: unknown }).errors;
    if (Array.isArray(errors)) {
      for (const inner of errors) {
        const found = connectionFailure(inner);
        if (found) return found;
      }
    }
    const message = (cur as { message?: unknown }).message;
    if (typeof message === "string") {
      const m = CONNECTION_MESSAGES.exec(message);
      if (m) return m[0].toLowerCase();
    }
    cur = (cur as { cause?: unknown }).cause;
  }
  return undefined;
}

/** Whether the error is (or was caused by) an abort: the invocation's time ran out. */
export function isAbort(err: unknown, signal?: AbortSignal): boolean {
  if (signal?.aborted) return true;
  let cur: unknown = err;
  for (let depth = 0; depth < MAX_DEPTH && cur !== null && typeof cur === "object"; depth++) {
    const name = (cur as { name?: unknown }).name;
    if (name === "AbortError" || name === "RequestAbortedError") return true;
    cur = (cur as { cause?: unknown }).cause;
  }
  return false;
}

/** HTTP statuses that mean "not now" rather than "no": too many requests, timeouts, server faults. */
export function isRetryableStatus(status: number): boolean {
  return status === 429 || status === 408 || status >= 500;
}

/**
 * A `Retry-After` header in milliseconds: delta-seconds (`30`) or an HTTP date. Undefined when
 * absent or unreadable, so the engine falls back to its own backoff.
 */
export function retryAfterMs(
  header: string | null | undefined,
  now: number = Date.now(),
): number | undefined {
  if (header === null || header === undefined) return undefined;
  const text = header.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now);
}
