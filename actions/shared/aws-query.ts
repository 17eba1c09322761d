import { type SdkErrorFields, sdkErrorFields } from "./aws-error-facts.js";
import { escapeUri } from "./sigv4.js";

/**
 * The AWS Query protocol (form-encoded request, XML answer), as much as a hand-written call needs:
 * the body, one value out of the answer, and the error the SDK would have thrown. Errors keep the
 * SDK's shape (`name`, `Code`, `Type`, `$fault`, `$metadata`), so aws-failure.ts and the smithy
 * classifiers treat them exactly as the SDK's.
 */

/** `Action=…&Version=…&…`, encoded as the SDK encodes it (RFC 3986: `!'()*` escaped too). */
export function queryBody(params: ReadonlyArray<readonly [string, string]>): string {
  return params.map(([key, value]) => `${escapeUri(key)}=${escapeUri(value)}`).join("&");
}

/** The text of the first `<tag>` element, entities decoded; undefined when there is none. */
export function xmlValue(xml: string, tag: string): string | undefined {
  const m = new RegExp(`<${tag}>([^<]*)</${tag}>`).exec(xml);
  return m?.[1] === undefined ? undefined : decodeEntities(m[1]);
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-z]+);/g, (whole, name: string) => {
    if (name.startsWith("#x")) return safeCodePoint(Number.parseInt(name.slice(2), 16), whole);
    if (name.startsWith("#")) return safeCodePoint(Number.parseInt(name.slice(1), 10), whole);
    return ENTITIES[name] ?? whole;
  });
}

function safeCodePoint(code: number, fallback: string): string {
  return code <= 0x10ffff ? String.fromCodePoint(code) : fallback;
}

/** An error answer as the SDK reports it. */
export interface AwsQueryError extends Error, SdkErrorFields {
  Code?: string;
  Type?: string;
}

/**
 * The error for a non-2xx answer: `<ErrorResponse><Error><Type/><Code/><Message/></Error>`. A body
 * that is not one (a load balancer's bare 502) gives `Unknown`, as the SDK's does.
 */
export function queryError(
  status: number,
  xml: string,
  requestId: string | undefined,
  clockSkewCorrected: boolean,
): AwsQueryError {
  const code = xmlValue(xml, "Code");
  const type = xmlValue(xml, "Type");
  const error = new Error(
    code !== undefined ? (xmlValue(xml, "Message") ?? code) : "Unknown",
  ) as AwsQueryError;
  error.name = code ?? "Unknown";
  if (code !== undefined) error.Code = code;
  if (type !== undefined) error.Type = type;
  const fault = type === "Sender" || (type === undefined && status < 500) ? "client" : "server";
  const id = requestId ?? xmlValue(xml, "RequestId");
  return Object.assign(error, sdkErrorFields(fault, status, id, clockSkewCorrected));
}
