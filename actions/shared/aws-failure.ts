import {
  isClockSkewCorrectedError,
  isClockSkewError,
  isRetryableByTrait,
  isServerError,
  isThrottlingError,
  isTransientError,
} from "@smithy/core/retry";
import { ActionFailure } from "../../engine/action/types.js";
import { awsErrorFacts } from "./aws-error-facts.js";
import { BUDGET_SPENT, processRetryBudget, RETRY_COST, TIMEOUT_RETRY_COST } from "./retry-budget.js";
import { connectionFailure, isAbort, isRetryableStatus } from "./transient.js";

export { type AwsErrorFacts, awsErrorFacts } from "./aws-error-facts.js";
export { awsFailureOf, callAws } from "./call-aws.js";

/**
 * SDK error → ActionFailure, for every action that calls AWS. The SDK makes one attempt
 * (`maxAttempts: 1`, see aws-clients.ts), so this is where "try again later" is decided, with the
 * SDK's own classifiers (@smithy/core/retry: throttling incl. LimitExceededException, transient
 * codes and statuses, corrected clock skew, modeled `$retryable`) and, for the network, the one
 * policy in transient.ts. Services that spell throttling or faults their own way are added here.
 */

/** Throttling spellings the SDK's list lacks (EC2's, KMS's, and KMS's as SNS reports it). */
const THROTTLING = new Set([
  "EC2ThrottledException",
  "KMSThrottlingException",
  "KMSThrottling",
  "RequestLimitExceeded",
]);

/** Codes of faults on AWS's side that go away by themselves, whatever status they came with. */
const TRANSIENT = new Set([
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

/** The shape the smithy classifiers read, with the code where they look for it (`name`). */
function classifiable(err: unknown): Parameters<typeof isThrottlingError>[0] {
  const { code } = awsErrorFacts(err);
  const e = (err !== null && typeof err === "object" ? err : {}) as Record<string, unknown>;
  return Object.assign(Object.create(null), e, { name: code, message: String(e.message ?? "") });
}

/** Whether the error is rate limiting (the SDK's list, 429, or a modeled throttling trait). */
export function isThrottling(err: unknown): boolean {
  if (err === null || typeof err !== "object") return false;
  const e = classifiable(err);
  return isThrottlingError(e) || THROTTLING.has(String(e.name));
}

/** Whether another attempt of the same call may succeed. */
export function isRetryableAwsError(err: unknown): boolean {
  if (err instanceof ActionFailure) return err.retryable;
  if (err === null || typeof err !== "object") return false;
  const e = classifiable(err);
  if (isThrottling(err) || isRetryableByTrait(e) || isTransientError(e) || isServerError(e)) return true;
  const { code, status } = awsErrorFacts(err);
  if (TRANSIENT.has(code)) return true;
  if (status !== undefined && isRetryableStatus(status)) return true;
  return connectionFailure(err) !== undefined;
}

/**
 * The failure to throw for an AWS call that failed. The message names the operation (as plans
 * name it, e.g. `ec2:DescribeInstances`), the error code and the HTTP status. A retryable error
 * takes its cost from the process's retry budget; when the budget is spent it is final.
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
  const skew =
    err !== null &&
    typeof err === "object" &&
    isClockSkewError(classifiable(err)) &&
    !isClockSkewCorrectedError(classifiable(err)) &&
    code !== "AccessDeniedException"
      ? "; this machine's clock may be wrong (AWS refuses requests signed more than 5 minutes off)"
      : "";
  let retryable = isRetryableAwsError(err);
  let budget = "";
  if (retryable && !processRetryBudget.spend(connection !== undefined ? TIMEOUT_RETRY_COST : RETRY_COST)) {
    retryable = false;
    budget = `; ${BUDGET_SPENT}`;
  }
  return new ActionFailure(`${operation} failed: ${what}${http}${detail}${skew}${budget}`, {
    retryable,
    cause: err,
  });
}
