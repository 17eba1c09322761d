import type { ActionServices, AwsClientFactory } from "../../engine/action/types.js";
import { readEnvSecret } from "../shared/secrets.js";
import { readSsmSecret } from "../shared/ssm-secret.js";
import type { Auth } from "./auth.js";
import type { Endpoint } from "./endpoint.js";

/**
 * OpenSearch over `fetch`: one HTTP call, signed with the SDK's own SigV4 signer for Amazon
 * OpenSearch Service (`es`) and Serverless (`aoss`), or with basic auth, or not at all. No client
 * library: indexing a document is one PUT, and the signer is the one the AWS clients already use.
 */

/** Adds the auth headers to a request about to be sent. */
type Authorize = (request: SignableRequest) => Promise<Record<string, string>>;

export interface SignableRequest {
  method: string;
  url: URL;
  headers: Record<string, string>;
  body: string;
}

/**
 * Per AWS client factory (one per process in Lambda), the authorizers by (endpoint, auth): the
 * credential chain is resolved once and refreshed by the SDK near expiry; a password from SSM is
 * read once per container, like the other secrets.
 */
const authorizers = new WeakMap<AwsClientFactory, Map<string, Promise<Authorize>>>();

export function authorizer(
  endpoint: Endpoint,
  auth: Auth,
  services: ActionServices,
  signal: AbortSignal,
): Promise<Authorize> {
  let byKey = authorizers.get(services.aws);
  if (!byKey) {
    byKey = new Map();
    authorizers.set(services.aws, byKey);
  }
  const key = authKey(endpoint, auth, services.aws.defaultRegion);
  const cached = byKey.get(key);
  if (cached) return cached;
  const creating = createAuthorizer(auth, services, signal);
  byKey.set(key, creating);
  // A failed password fetch is not kept: the next attempt fetches again.
  creating.catch(() => {
    if (byKey.get(key) === creating) byKey.delete(key);
  });
  return creating;
}

async function createAuthorizer(
  auth: Auth,
  services: ActionServices,
  signal: AbortSignal,
): Promise<Authorize> {
  switch (auth.type) {
    case "none":
      return async () => ({});
    case "sigv4": {
      // Loaded on first use: a function that never signs never loads the signer or the credential chain.
      const [{ defaultProvider }, { SignatureV4 }, { Sha256 }] = await Promise.all([
        import("@aws-sdk/credential-provider-node"),
        import("@smithy/signature-v4"),
        import("@aws-crypto/sha256-js"),
      ]);
      const signer = new SignatureV4({
        service: auth.service,
        region: auth.region ?? services.aws.defaultRegion,
        // The SDK's default chain, as the AWS clients use: Lambda role, env, profile, IMDS.
        credentials: defaultProvider(),
        sha256: Sha256,
        // OpenSearch Serverless requires x-amz-content-sha256; the managed service accepts it.
        applyChecksum: true,
      });
      return async (request) => {
        const signed = await signer.sign({
          method: request.method,
          protocol: request.url.protocol,
          hostname: request.url.hostname,
          ...(request.url.port !== "" ? { port: Number(request.url.port) } : {}),
          path: request.url.pathname,
          query: {},
          headers: { ...request.headers, host: request.url.host },
          body: request.body,
        });
        const { host: _host, ...headers } = signed.headers as Record<string, string>;
        return headers;
      };
    }
    case "basic": {
      const what = `the OpenSearch password of ${auth.username}`;
      const password =
        auth.password.kind === "ssm"
          ? await readSsmSecret(services, auth.password.parameter, signal, what)
          : readEnvSecret(services.env, auth.password.variable, what);
      const header = `Basic ${Buffer.from(`${auth.username}:${password}`).toString("base64")}`;
      return async () => ({ authorization: header });
    }
  }
}

/** Where and how requests are authorized: the password's source, never the password. */
function authKey(endpoint: Endpoint, auth: Auth, defaultRegion: string): string {
  switch (auth.type) {
    case "none":
      return JSON.stringify([endpoint.base, "none"]);
    case "sigv4":
      return JSON.stringify([endpoint.base, "sigv4", auth.service, auth.region ?? defaultRegion]);
    case "basic":
      return JSON.stringify([endpoint.base, "basic", auth.username, auth.password]);
  }
}

export interface OpenSearchResponse {
  status: number;
  headers: Headers;
  /** The parsed JSON body, or the text when it is not JSON. */
  body: unknown;
}

/** Sends one JSON request, authorized, and reads the answer. Throws what fetch throws (network, abort). */
export async function sendJson(
  method: string,
  url: URL,
  document: unknown,
  authorize: Authorize,
  services: ActionServices,
  signal: AbortSignal,
): Promise<OpenSearchResponse> {
  const body = JSON.stringify(document);
  const request: SignableRequest = { method, url, headers: { "content-type": "application/json" }, body };
  const headers = { ...request.headers, ...(await authorize(request)) };
  const response = await services.fetch(url, { method, headers, body, signal });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // Not JSON (a proxy's error page): the text is reported as it is.
  }
  return { status: response.status, headers: response.headers, body: parsed };
}
