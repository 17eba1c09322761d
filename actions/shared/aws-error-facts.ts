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
