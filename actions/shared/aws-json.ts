import { type SdkErrorFields, sdkErrorFields } from "./aws-error-facts.js";

/**
 * The error of an AWS JSON-protocol answer (awsJson1_0/1_1: DynamoDB, …), as the SDK reports it:
 * `name` the error code (from `x-amzn-errortype`, else the body's `code` or `__type`, trimmed the
 * SDK's way), `message`, `$fault`, `$metadata`, and the body's other fields (DynamoDB's
 * ConditionalCheckFailedException carries the item). aws-failure.ts classifies it as it does
 * the SDK's errors.
 */
export interface AwsJsonError extends Error, SdkErrorFields {
  [field: string]: unknown;
}

export function jsonError(
  status: number,
  text: string,
  headers: { errorType?: string | undefined; requestId?: string | undefined },
  clockSkewCorrected: boolean,
): AwsJsonError {
  let body: Record<string, unknown> = {};
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed !== null && typeof parsed === "object" && !Array.isArray(parsed)) {
      body = parsed as Record<string, unknown>;
    }
  } catch {
    // Not JSON (a load balancer's page): the code is Unknown, as the SDK's.
  }
  const raw = headers.errorType ?? body.code ?? body.__type;
  const code = raw === undefined ? "Unknown" : errorCode(String(raw));
  const message = body.message ?? body.Message;
  const error = new Error(
    typeof message === "string" ? message : raw === undefined ? "UnknownError" : code,
  ) as AwsJsonError;
  for (const [key, value] of Object.entries(body)) {
    if (key !== "__type" && key !== "code" && key !== "message" && key !== "Message") error[key] = value;
  }
  error.name = code;
  const fault = status >= 500 ? "server" : "client";
  return Object.assign(error, sdkErrorFields(fault, status, headers.requestId, clockSkewCorrected));
}

/** `ns#Code:uri,…` → `Code`: the SDK's sanitizeErrorCode. */
function errorCode(raw: string): string {
  let code = raw;
  if (code.includes(",")) code = code.split(",")[0] as string;
  if (code.includes(":")) code = code.split(":")[0] as string;
  if (code.includes("#")) code = code.split("#")[1] as string;
  return code;
}
