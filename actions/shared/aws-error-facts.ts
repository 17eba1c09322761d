/** What an SDK v3 error says about itself; every field optional because anything can be thrown. */
interface SdkErrorShape {
  name?: unknown;
  Code?: unknown;
  message?: unknown;
  $retryable?: unknown;
  $metadata?: { httpStatusCode?: unknown; clockSkewCorrected?: unknown };
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

/** What an SDK error says about the call that failed (`$fault`, `$metadata`), for hand-made calls. */
export interface SdkErrorFields {
  $fault: "client" | "server";
  $metadata: {
    httpStatusCode: number;
    requestId?: string;
    attempts: number;
    totalRetryDelay: number;
    clockSkewCorrected?: boolean;
  };
}

/** Those fields for one attempt that got an answer, as the SDK fills them in. */
export function sdkErrorFields(
  fault: SdkErrorFields["$fault"],
  status: number,
  requestId: string | undefined,
  clockSkewCorrected: boolean,
): SdkErrorFields {
  return {
    $fault: fault,
    $metadata: {
      httpStatusCode: status,
      ...(requestId !== undefined ? { requestId } : {}),
      attempts: 1,
      totalRetryDelay: 0,
      ...(clockSkewCorrected ? { clockSkewCorrected } : {}),
    },
  };
}
