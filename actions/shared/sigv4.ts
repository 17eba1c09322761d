import { Sha256 } from "@aws-crypto/sha256-js";

/**
 * AWS Signature Version 4 for the requests rulebridge sends by hand (signed-http.ts): headers
 * and a string body, no query string, no presigning, no chunked payloads. It follows
 * @smithy/signature-v4 step for step (canonical path, header folding, unsignable headers, the
 * signing-key cache) and test/actions/shared/sigv4.test.ts holds it to that signer's output,
 * byte for byte. Why not that signer itself: in the engine bundle it shares chunks with the SDK
 * clients' runtime, so the first signature of a cold start would load some 90 KB of it, and
 * node:crypto with it; SHA-256 here is the SDK's pure-JS one (@aws-crypto/sha256-js).
 */
export interface SigningCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string | undefined;
}

export interface SignableRequest {
  method: string;
  /** The URL's pathname, as URL gives it (percent-encoded once). */
  path: string;
  /** Header names in any case; `host` must be among them. */
  headers: Record<string, string>;
  body: string;
}

/** Headers never signed (the SDK's ALWAYS_UNSIGNABLE_HEADERS, plus proxy-* and sec-*). */
const UNSIGNABLE = new Set([
  "authorization",
  "cache-control",
  "connection",
  "expect",
  "from",
  "keep-alive",
  "max-forwards",
  "pragma",
  "referer",
  "te",
  "trailer",
  "transfer-encoding",
  "upgrade",
  "user-agent",
  "x-amzn-trace-id",
]);

/** Signing keys by date, region, service and key id; a key is valid for its day. */
const keys = new Map<string, Promise<Uint8Array>>();
const MAX_KEYS = 50;

/** The request's headers plus `x-amz-date`, `x-amz-security-token`, `x-amz-content-sha256`, `authorization`. */
export async function signRequest(
  request: SignableRequest,
  scope: { service: string; region: string },
  credentials: SigningCredentials,
  date: Date,
): Promise<Record<string, string>> {
  const longDate = date.toISOString().replace(/[-:]|\.\d{3}/g, "");
  const shortDate = longDate.slice(0, 8);
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) headers[name.toLowerCase()] = value;
  headers["x-amz-date"] = longDate;
  if (credentials.sessionToken) headers["x-amz-security-token"] = credentials.sessionToken;
  const payloadHash = toHex(await sha256(request.body));
  headers["x-amz-content-sha256"] = payloadHash;

  const signed = Object.keys(headers)
    .filter((name) => !UNSIGNABLE.has(name) && !/^(proxy|sec)-/.test(name))
    .sort();
  const canonicalHeaders = signed.map((name) => `${name}:${foldValue(headers[name] as string)}`).join("\n");
  const signedHeaders = signed.join(";");
  const canonicalRequest = [
    request.method.toUpperCase(),
    canonicalPath(request.path),
    "",
    `${canonicalHeaders}\n`,
    signedHeaders,
    payloadHash,
  ].join("\n");
  const credentialScope = `${shortDate}/${scope.region}/${scope.service}/aws4_request`;
  const stringToSign = [
    "AWS4-HMAC-SHA256",
    longDate,
    credentialScope,
    toHex(await sha256(canonicalRequest)),
  ].join("\n");
  const key = await signingKey(credentials, shortDate, scope);
  const signature = toHex(await sha256(stringToSign, key));
  headers.authorization =
    `AWS4-HMAC-SHA256 Credential=${credentials.accessKeyId}/${credentialScope}, ` +
    `SignedHeaders=${signedHeaders}, Signature=${signature}`;
  return headers;
}

/** The SDK's header value folding: line breaks and runs of blanks become one space, ends trimmed. */
function foldValue(value: string): string {
  return value
    .replace(/[\r\n]/g, " ")
    .replace(/[ \t]+/g, " ")
    .replace(/^ | $/g, "");
}

/** Dot segments resolved and every segment encoded again (AWS services other than S3 sign it twice). */
function canonicalPath(path: string): string {
  const segments: string[] = [];
  for (const segment of path.split("/")) {
    if (segment === "" || segment === ".") continue;
    if (segment === "..") segments.pop();
    else segments.push(segment);
  }
  const normalized = `${path.startsWith("/") ? "/" : ""}${segments.join("/")}${
    segments.length > 0 && path.endsWith("/") ? "/" : ""
  }`;
  return escapeUri(normalized).replace(/%2F/g, "/");
}

/** RFC 3986 percent-encoding, as the SDK's `escapeUri`: `encodeURIComponent` plus `!'()*`. */
export function escapeUri(text: string): string {
  return encodeURIComponent(text).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

function signingKey(
  credentials: SigningCredentials,
  shortDate: string,
  scope: { service: string; region: string },
): Promise<Uint8Array> {
  const id = `${shortDate}:${scope.region}:${scope.service}:${credentials.accessKeyId}:${credentials.sessionToken ?? ""}`;
  let key = keys.get(id);
  if (!key) {
    key = (async () => {
      let k = await sha256(shortDate, `AWS4${credentials.secretAccessKey}`);
      for (const part of [scope.region, scope.service, "aws4_request"]) k = await sha256(part, k);
      return k;
    })();
    if (keys.size >= MAX_KEYS) keys.clear();
    keys.set(id, key);
  }
  return key;
}

/** SHA-256 of `data`, or its HMAC under `secret`. */
function sha256(data: string, secret?: string | Uint8Array): Promise<Uint8Array> {
  const hash = new Sha256(secret);
  hash.update(data);
  return hash.digest();
}

function toHex(bytes: Uint8Array): string {
  let out = "";
  for (const b of bytes) out += b.toString(16).padStart(2, "0");
  return out;
}
