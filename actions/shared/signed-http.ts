import { type Agent, Agent as HttpAgent, request as httpRequest, type IncomingHttpHeaders } from "node:http";
import { Agent as HttpsAgent, request as httpsRequest, type RequestOptions } from "node:https";
import { serviceEndpoint } from "./aws-endpoint.js";
import { signRequest } from "./sigv4.js";

/** What the SDK's credential providers return (`defaultProvider()` of credential-provider-node). */
export type CredentialProvider = () => Promise<{
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  expiration?: Date;
}>;

export interface SignedHttpOptions {
  /** The service's signing name and endpoint prefix (`sns`, `dynamodb`). */
  service: string;
  region: string;
  /** An endpoint to use instead of the one the environment and region give (tests). */
  endpoint?: string | undefined;
  env: Readonly<Record<string, string | undefined>>;
  /** Regions whose FIPS endpoint is the regular one (see aws-endpoint.ts). */
  fipsIsRegularIn?: readonly string[];
}

export interface SignedAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
  /** `x-amzn-requestid`, when the answer has one. */
  requestId: string | undefined;
  /** Set when this answer's Date moved the clock offset used for signing (the SDK's rule). */
  clockSkewCorrected: boolean;
}

/** A clock this far from the server's is corrected, as the SDK does (AWS refuses 5 minutes). */
const SKEW_MS = 300_000;

/**
 * SigV4-signed HTTP requests to one AWS service in one region over node:http(s), for the calls
 * rulebridge makes by hand instead of through an SDK client (see sns-publish/publish-client.ts
 * for why). What the SDK's clients do around a call is done here as they do it: the endpoint
 * (aws-endpoint.ts), credentials from the SDK's chain, signing (sigv4.ts), the clock-skew rule
 * and the X-Ray trace header; what is left is sending bytes. Connections are kept alive per
 * process, as the SDK's handler does.
 * Failures to get an answer throw Node's own errors (ECONNRESET, AbortError), which
 * aws-failure.ts classifies as it does the SDK's.
 */
export class SignedHttp {
  readonly #service: string;
  readonly #region: string;
  readonly #endpoint: URL;
  readonly #env: Readonly<Record<string, string | undefined>>;
  readonly #credentials = defaultCredentials();
  /** Server time minus local time, learned from answers; signing uses the corrected time. */
  #clockOffsetMs = 0;

  constructor(opts: SignedHttpOptions) {
    this.#service = opts.service;
    this.#region = opts.region;
    this.#env = opts.env;
    this.#endpoint = serviceEndpoint({
      service: opts.service,
      region: opts.region,
      endpoint: opts.endpoint,
      env: opts.env,
      ...(opts.fipsIsRegularIn ? { fipsIsRegularIn: opts.fipsIsRegularIn } : {}),
    });
  }

  async post(body: string, headers: Record<string, string>, signal?: AbortSignal): Promise<SignedAnswer> {
    const endpoint = this.#endpoint;
    const all: Record<string, string> = {
      ...headers,
      host: endpoint.host,
      "content-length": String(Buffer.byteLength(body)),
    };
    // The SDK's recursion detection: in Lambda, each call joins the invocation's X-Ray trace
    // (Lambda sets the variable anew for every invocation).
    const traceId = this.#env.AWS_LAMBDA_FUNCTION_NAME ? this.#env._X_AMZN_TRACE_ID : undefined;
    if (traceId) all["x-amzn-trace-id"] = traceId;
    const signed = await signRequest(
      { method: "POST", path: endpoint.pathname, headers: all, body },
      { service: this.#service, region: this.#region },
      await this.#credentials(),
      new Date(Date.now() + this.#clockOffsetMs),
    );
    const answer = await send(endpoint, signed, body, signal);
    const requestId = answer.headers["x-amzn-requestid"];
    return {
      ...answer,
      requestId: typeof requestId === "string" ? requestId : undefined,
      clockSkewCorrected: answer.status >= 300 && this.#learnClock(answer.headers.date),
    };
  }

  /** The SDK's getUpdatedSystemClockOffset: adopt the server's time when ours is 5 minutes off. */
  #learnClock(date: string | undefined): boolean {
    const server = date !== undefined ? Date.parse(date) : Number.NaN;
    if (Number.isNaN(server)) return false;
    const now = Date.now();
    if (Math.abs(now + this.#clockOffsetMs - server) < SKEW_MS) return false;
    this.#clockOffsetMs = server - now;
    return true;
  }
}

/** Keep-alive agents, one per protocol, for the process: a warm Lambda reuses its connections. */
const agents = new Map<string, Agent>();

function send(
  endpoint: URL,
  headers: Record<string, string>,
  body: string,
  signal: AbortSignal | undefined,
): Promise<Pick<SignedAnswer, "status" | "headers" | "text">> {
  const https = endpoint.protocol === "https:";
  if (!https && endpoint.protocol !== "http:") {
    return Promise.reject(new Error(`unsupported endpoint protocol ${endpoint.protocol}`));
  }
  let agent = agents.get(endpoint.protocol);
  if (!agent) {
    const Kind = https ? HttpsAgent : HttpAgent;
    agent = new Kind({ keepAlive: true, maxSockets: 50 });
    agents.set(endpoint.protocol, agent);
  }
  const options: RequestOptions = {
    method: "POST",
    hostname: endpoint.hostname,
    path: endpoint.pathname,
    headers,
    agent,
    ...(signal ? { signal } : {}),
  };
  if (endpoint.port !== "") options.port = Number(endpoint.port);
  return new Promise((resolve, reject) => {
    // In the engine bundle node:https is a shim loaded on first use: an http endpoint never loads TLS.
    const request = (https ? httpsRequest : httpRequest)(options, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("error", reject);
      response.on("end", () =>
        resolve({
          status: response.statusCode ?? 0,
          headers: response.headers,
          text: Buffer.concat(chunks).toString("utf8"),
        }),
      );
    });
    request.on("error", reject);
    request.end(body);
  });
}

/**
 * The SDK's default credential chain (Lambda role, env, profile, SSO, IMDS), loaded at the first
 * signature; the engine bundle swaps it for the environment alone (handler/env-credentials.ts).
 */
export function defaultCredentials(): CredentialProvider {
  let provider: Promise<CredentialProvider> | undefined;
  return async () => {
    provider ??= import("@aws-sdk/credential-provider-node").then((m) => m.defaultProvider());
    return (await provider)();
  };
}
