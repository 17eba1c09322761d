import { EC2ServiceException } from "@aws-sdk/client-ec2";
import {
  DependencyTimeoutException,
  InvalidCiphertextException,
  KMSInternalException,
  NotFoundException,
} from "@aws-sdk/client-kms";
import { InternalErrorException, ThrottledException } from "@aws-sdk/client-sns";
import { describe, expect, it } from "vitest";
import { awsFailure, callAws, isRetryableAwsError } from "../../../actions/shared/aws-failure.js";
import { ActionFailure } from "../../../engine/action/types.js";

/**
 * The SDK's own exception classes, built as its deserializers build them. The live paths (moto
 * answers, a fault proxy's throttling) are covered by each action's run tests; these pin the
 * codes that cannot be provoked locally.
 */
const meta = (httpStatusCode: number) => ({ $metadata: { httpStatusCode } });

/** An error as the SDK builds it for services without modeled exceptions (EC2, query protocols). */
function ec2Error(code: string, status: number): EC2ServiceException {
  return new EC2ServiceException({
    name: code,
    $fault: status >= 500 ? "server" : "client",
    message: `${code} happened`,
    ...meta(status),
  });
}

describe("isRetryableAwsError", () => {
  it.each([
    ["EC2 RequestLimitExceeded (HTTP 503)", ec2Error("RequestLimitExceeded", 503)],
    ["EC2 RequestLimitExceeded even as HTTP 400", ec2Error("RequestLimitExceeded", 400)],
    ["Throttling (query protocol, HTTP 400)", ec2Error("Throttling", 400)],
    ["ThrottlingException", ec2Error("ThrottlingException", 400)],
    ["TooManyRequestsException", ec2Error("TooManyRequestsException", 429)],
    ["SNS ThrottledException", new ThrottledException({ message: "Rate exceeded", ...meta(400) })],
    ["SNS InternalErrorException", new InternalErrorException({ message: "oops", ...meta(500) })],
    ["KMS KMSInternalException", new KMSInternalException({ message: "oops", ...meta(500) })],
    ["KMS DependencyTimeoutException", new DependencyTimeoutException({ message: "slow", ...meta(503) })],
    ["an unknown 5xx", ec2Error("SomethingNew", 502)],
    ["EC2 Unavailable", ec2Error("Unavailable", 503)],
    [
      "a refused connection",
      Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:1"), { code: "ECONNREFUSED" }),
    ],
    ["a reset connection", Object.assign(new Error("read ECONNRESET"), { code: "ECONNRESET" })],
    ["socket hang up", new Error("socket hang up")],
    [
      "a host that does not resolve (the SDK's network policy)",
      Object.assign(new Error("getaddrinfo ENOTFOUND x"), { code: "ENOTFOUND" }),
    ],
    ["LimitExceededException (the SDK's throttling list)", ec2Error("LimitExceededException", 400)],
    ["KMSThrottlingException", ec2Error("KMSThrottlingException", 400)],
    ["KMSThrottling (SNS's spelling)", ec2Error("KMSThrottling", 400)],
    [
      "a clock skew the SDK has corrected",
      Object.assign(ec2Error("RequestTimeTooSkewed", 403), {
        $metadata: { httpStatusCode: 403, clockSkewCorrected: true },
      }),
    ],
    [
      "the SDK's TimeoutError",
      Object.assign(new Error("Connection timed out after 1000 ms"), { name: "TimeoutError" }),
    ],
  ])("%s is retryable", (_name, err) => {
    expect(isRetryableAwsError(err)).toBe(true);
  });

  it.each([
    ["EC2 InvalidInstanceID.NotFound", ec2Error("InvalidInstanceID.NotFound", 400)],
    ["access denied", ec2Error("UnauthorizedOperation", 403)],
    ["AccessDeniedException", ec2Error("AccessDeniedException", 400)],
    ["a validation error", ec2Error("ValidationError", 400)],
    ["a clock skew not corrected", ec2Error("RequestTimeTooSkewed", 403)],
    ["KMS InvalidCiphertextException", new InvalidCiphertextException({ message: "", ...meta(400) })],
    ["KMS NotFoundException", new NotFoundException({ message: "no key", ...meta(400) })],
    ["a programming error", new TypeError("x is not a function")],
  ])("%s is not retryable", (_name, err) => {
    expect(isRetryableAwsError(err)).toBe(false);
  });

  it("follows the cause chain to the socket error", () => {
    const socket = Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" });
    expect(isRetryableAwsError(new Error("request failed", { cause: socket }))).toBe(true);
  });

  it("honours the SDK's $retryable mark", () => {
    const err = Object.assign(ec2Error("SomethingModeled", 400), { $retryable: { throttling: true } });
    expect(isRetryableAwsError(err)).toBe(true);
  });
});

describe("awsFailure", () => {
  it("names the operation, the error code and the HTTP status", () => {
    const failure = awsFailure("ec2:DescribeInstances", ec2Error("InvalidInstanceID.NotFound", 400));
    expect(failure).toBeInstanceOf(ActionFailure);
    expect(failure.message).toBe(
      "ec2:DescribeInstances failed: InvalidInstanceID.NotFound (HTTP 400): InvalidInstanceID.NotFound happened",
    );
    expect(failure.retryable).toBe(false);
  });

  it("names the connection failure beside a generic error name", () => {
    const err = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:9"), { code: "ECONNREFUSED" });
    const failure = awsFailure("sns:Publish", err);
    expect(failure.message).toBe(
      "sns:Publish failed: Error (ECONNREFUSED): connect ECONNREFUSED 127.0.0.1:9",
    );
    expect(failure.retryable).toBe(true);
  });

  it("reports an abort as retryable, whatever the error looks like", () => {
    const controller = new AbortController();
    controller.abort();
    const failure = awsFailure("kms:Decrypt", new Error("whatever"), controller.signal);
    expect(failure.message).toBe("kms:Decrypt aborted: the invocation ran out of time");
    expect(failure.retryable).toBe(true);
  });

  it("passes an ActionFailure through unchanged", () => {
    const original = new ActionFailure("already classified", { retryable: true, retryAfterMs: 5 });
    expect(awsFailure("sns:Publish", original)).toBe(original);
  });
});

describe("callAws", () => {
  it("hands the abort signal to the call and classifies what it throws", async () => {
    const controller = new AbortController();
    let seen: AbortSignal | undefined;
    const failure = await callAws("ec2:CreateTags", controller.signal, async ({ abortSignal }) => {
      seen = abortSignal;
      throw ec2Error("RequestLimitExceeded", 503);
    }).catch((err: unknown) => err);
    expect(seen).toBe(controller.signal);
    expect(failure).toBeInstanceOf(ActionFailure);
    expect((failure as ActionFailure).retryable).toBe(true);
    expect((failure as ActionFailure).message).toMatch(
      /^ec2:CreateTags failed: RequestLimitExceeded \(HTTP 503\)/,
    );
  });
});
