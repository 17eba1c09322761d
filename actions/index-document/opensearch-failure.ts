import { connectionFailure, isAbort, isRetryableStatus, retryAfterMs } from "../shared/transient.js";
import { ActionFailure } from "../types.js";

/** The parts of the OpenSearch client's errors this reads (errors.ResponseError and friends). */
interface OpenSearchErrorShape {
  name?: unknown;
  message?: unknown;
  statusCode?: unknown;
  headers?: unknown;
}

/** Client errors that mean the request never got an answer: worth another try. */
const NO_ANSWER = new Set(["ConnectionError", "TimeoutError", "NoLivingConnectionsError"]);

/**
 * An OpenSearch client error as an ActionFailure. 429 and 5xx (a busy or recovering cluster) and
 * connection failures are retryable; other statuses (400 mapping errors, 403 from a signature or
 * access policy) are not. `operation` is the request line, e.g. `PUT https://…/ecs-events/_doc/id`.
 *
 * The client's error is not attached as the cause: its `meta` holds the request with its headers,
 * where basic-auth and session-token credentials live, and loggers print causes.
 */
export function openSearchFailure(operation: string, err: unknown, signal?: AbortSignal): ActionFailure {
  if (err instanceof ActionFailure) return err;
  if (isAbort(err, signal)) {
    return new ActionFailure(`${operation} aborted: the invocation ran out of time`, { retryable: true });
  }
  const e = (err !== null && typeof err === "object" ? err : {}) as OpenSearchErrorShape;
  const name = typeof e.name === "string" ? e.name : "Error";
  const message = typeof e.message === "string" ? e.message : String(err);

  if (name === "ResponseError" && typeof e.statusCode === "number") {
    const status = e.statusCode;
    if (isRetryableStatus(status)) {
      const wait = retryAfterMs(header(e.headers, "retry-after"));
      return new ActionFailure(`${operation} failed: HTTP ${status}: ${message}`, {
        retryable: true,
        ...(wait !== undefined ? { retryAfterMs: wait } : {}),
      });
    }
    return new ActionFailure(`${operation} failed: HTTP ${status}: ${message}`, { retryable: false });
  }

  const connection = connectionFailure(err);
  if (NO_ANSWER.has(name) || connection !== undefined) {
    const code = connection !== undefined && !message.includes(connection) ? ` (${connection})` : "";
    return new ActionFailure(`${operation} failed: ${name}: ${message}${code}`, { retryable: true });
  }
  if (name === "CredentialsProviderError") {
    return new ActionFailure(`${operation} not sent: no AWS credentials to sign it with: ${message}`, {
      retryable: false,
    });
  }
  return new ActionFailure(`${operation} failed: ${name}: ${message}`, { retryable: false });
}

function header(headers: unknown, name: string): string | undefined {
  if (headers === null || typeof headers !== "object") return undefined;
  const value = (headers as Record<string, unknown>)[name];
  if (typeof value === "string") return value;
  return Array.isArray(value) && typeof value[0] === "string" ? value[0] : undefined;
}
