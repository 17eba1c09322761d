import { ActionFailure } from "../types.js";
import { connectionFailure, isAbort, isRetryableStatus } from "./transient.js";

/**
 * SDK error → ActionFailure, for every action that calls AWS. The SDK makes one attempt
 * (`maxAttempts: 1`, see aws-clients.ts), so this is where "try again later" is decided.
 */

/**
 * Error codes AWS services use for rate limiting. Most come back as HTTP 400, so the status alone
 * would call them permanent. The SDK's own list, plus the EC2 and SNS spellings.
 */
const THROTTLING = new Set([
  "Throttling",
  "ThrottlingException",
  "ThrottledException",
  "Throttled",
  "RequestThrottled",
  "RequestThrottledException",
  "TooManyRequestsException",
  "RequestLimitExceeded",
  "BandwidthLimitExceeded",
  "ProvisionedThroughputExceededException",
  "TransactionInProgressException",
  "PriorRequestNotComplete",
  "SlowDown",
  "EC2ThrottledException",
  "KMSThrottlingException",
]);

/** Codes of faults on AWS's side that go away by themselves, whatever status they came with. */
const TRANSIENT = new Set([
  "TimeoutError",
  "RequestTimeout",
  "RequestTimeoutException",
  "InternalError",
  "InternalFailure",
  "InternalServerError",
  "InternalServerErrorException",
  "InternalErrorException",
  "InternalServiceError",
  "ServiceUnavailable",
  "ServiceUnavailableException",
  "Unavailable",
  "KMSInternalException",
  "DependencyTimeoutException",
  "KeyUnavailableException",
]);

/** What an SDK v3 error says about itself; every field optional because anything can be thrown. */
interface SdkErrorShape {
  name?: unknown;
  Code?: unknown;
  message?: unknown;
  $retryable?: unknown;
  $metadata?: { httpStatusCode?: unknown };
}

export interface AwsErrorFacts {
  /** The AWS error code (`InvalidInstanceID.NotFound`, `ThrottlingException`) or the JS error name. */
  code: string;
  status: number | undefined;
  message: string;
}

/** Code, HTTP status and message of whatever the SDK threw. */
export function awsErrorFacts(err: unknown): AwsErrorFacts {
  const e = (err !== null && typeof err === "object" ? err : {}) as SdkErrorShape;
  const code =
    typeof e.Code === "string" && e.Code !== ""
      ? e.Code
      : typeof e.name === "string" && e.name !== ""
        ? e.name
        : "Error";
  const status = typeof e.$metadata?.httpStatusCode === "number" ? e.$metadata.httpStatusCode : undefined;
  const message = typeof e.message === "string" ? e.message : String(err);
  return { code, status, message };
}

/** Whether another attempt of the same call may succeed. */
export function isRetryableAwsError(err: unknown): boolean {
  if (err instanceof ActionFailure) return err.retryable;
  const e = (err !== null && typeof err === "object" ? err : {}) as SdkErrorShape;
  // The SDK marks errors its models declare retryable (throttling among them).
  if (e.$retryable !== undefined && e.$retryable !== null) return true;
  const { code, status } = awsErrorFacts(err);
  if (THROTTLING.has(code) || TRANSIENT.has(code)) return true;
  if (status !== undefined && isRetryableStatus(status)) return true;
  return connectionFailure(err) !== undefined;
}

/**
 * The failure to throw for an AWS call that failed. The message names the operation (as plans
 * name it, e.g. `ec2:DescribeInstances`), the error code and the HTTP status.
 */
export function awsFailure(operation: string, err: unknown, signal?: AbortSignal): ActionFailure {
  if (err instanceof ActionFailure) return err;
  if (isAbort(err, signal)) {
    // Nobody knows whether the call took effect; the engine may try again with a fresh invocation.
    return new ActionFailure(`${operation} aborted: the invocation ran out of time`, {
      retryable: true,
      cause: err,
    });
  }
  const { code, status, message } = awsErrorFacts(err);
  const connection = connectionFailure(err);
  const what = connection && code !== connection ? `${code} (${connection})` : code;
  const http = status !== undefined ? ` (HTTP ${status})` : "";
  const detail = message !== "" && message !== code ? `: ${message}` : "";
  return new ActionFailure(`${operation} failed: ${what}${http}${detail}`, {
    retryable: isRetryableAwsError(err),
    cause: err,
  });
}

/**
 * Runs one AWS call with the invocation's abort signal, turning any error into an ActionFailure.
 * `call` gets the options object to hand to `client.send`.
 */
export async function callAws<T>(
  operation: string,
  signal: AbortSignal,
  call: (options: { abortSignal: AbortSignal }) => Promise<T>,
): Promise<T> {
  try {
    return await call({ abortSignal: signal });
  } catch (err) {
    throw awsFailure(operation, err, signal);
  }
}
