import { randomUUID } from "node:crypto";

/** A canned HTTP answer the fault proxy gives instead of forwarding. */
export interface CannedResponse {
  readonly kind: "respond";
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/**
 * The wire protocols of the services we fake faults for (each SDK v3 client parses errors its own way):
 *  - "query": SNS, STS, (older) SQS, CloudWatch's XML API: <ErrorResponse><Error><Code>…;
 *  - "ec2":   EC2: <Response><Errors><Error><Code>…, throttling is RequestLimitExceeded with 503;
 *  - "json":  DynamoDB, KMS, SSM, SQS (awsJson): {"__type": "<Code>", "message": …}.
 */
export type AwsProtocol = "query" | "ec2" | "json";

export interface AwsErrorOptions {
  readonly code?: string;
  readonly status?: number;
  readonly message?: string;
}

function xmlEscape(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** An AWS error response in `protocol`'s format, e.g. awsError("json", { code: "AccessDeniedException", status: 400 }). */
export function awsError(protocol: AwsProtocol, options: AwsErrorOptions = {}): CannedResponse {
  const requestId = randomUUID();
  const code = options.code ?? "InternalFailure";
  const message = options.message ?? code;
  const status = options.status ?? 400;
  switch (protocol) {
    case "query":
      return {
        kind: "respond",
        status,
        headers: { "content-type": "text/xml", "x-amzn-requestid": requestId },
        body:
          `<ErrorResponse><Error><Type>${status >= 500 ? "Receiver" : "Sender"}</Type><Code>${xmlEscape(code)}</Code>` +
          `<Message>${xmlEscape(message)}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`,
      };
    case "ec2":
      return {
        kind: "respond",
        status,
        headers: { "content-type": "text/xml;charset=UTF-8" },
        body:
          `<?xml version="1.0" encoding="UTF-8"?>\n<Response><Errors><Error><Code>${xmlEscape(code)}</Code>` +
          `<Message>${xmlEscape(message)}</Message></Error></Errors><RequestID>${requestId}</RequestID></Response>`,
      };
    case "json":
      return {
        kind: "respond",
        status,
        headers: { "content-type": "application/x-amz-json-1.1", "x-amzn-requestid": requestId },
        body: JSON.stringify({ __type: code, message }),
      };
  }
}

/** The throttling error each protocol's real service sends: SDK v3 retries it as a throttle. */
export function awsThrottling(protocol: AwsProtocol): CannedResponse {
  switch (protocol) {
    case "query":
      return awsError("query", { code: "Throttling", status: 400, message: "Rate exceeded" });
    case "ec2":
      return awsError("ec2", {
        code: "RequestLimitExceeded",
        status: 503,
        message: "Request limit exceeded.",
      });
    case "json":
      return awsError("json", { code: "ThrottlingException", status: 400, message: "Rate exceeded" });
  }
}

/** An OpenSearch REST error, e.g. openSearchError(429, "es_rejected_execution_exception", "rejected execution"). */
export function openSearchError(status: number, type: string, reason: string): CannedResponse {
  const cause = { type, reason };
  return {
    kind: "respond",
    status,
    headers: { "content-type": "application/json; charset=UTF-8" },
    body: JSON.stringify({ error: { root_cause: [cause], ...cause }, status }),
  };
}

/** A bare HTTP error, as a load balancer in front of a service would send it. */
export function httpError(status: number, body = ""): CannedResponse {
  return { kind: "respond", status, headers: { "content-type": "text/plain" }, body };
}
