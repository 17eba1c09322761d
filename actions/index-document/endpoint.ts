import { isRegion, partitionOfRegion } from "../../engine/arn.js";

export type OpenSearchService = "es" | "aoss";

/** What an AWS endpoint's host name tells about the domain or collection behind it. */
export interface AwsEndpoint {
  service: OpenSearchService;
  region: string;
  partition: string;
  /** Managed domain name, from `search-<domain>-<id>.<region>.es.amazonaws.com` (or `vpc-…`). */
  domain?: string;
  /** Serverless collection id, from `<id>.<region>.aoss.amazonaws.com`. */
  collectionId?: string;
}

export interface Endpoint {
  /** Scheme, host, port and any path prefix, without a trailing slash: requests append `/<index>/…`. */
  base: string;
  host: string;
  /** Present for `*.amazonaws.com` hosts (the default-sigv4 case). */
  aws?: AwsEndpoint;
}

const DOMAIN_HOST =
  /^(?:search|vpc)-([a-z][a-z0-9-]*)-([a-z0-9]+)\.([a-z0-9-]+)\.es\.amazonaws\.com(?:\.cn)?$/;
const COLLECTION_HOST = /^([a-z0-9]+)\.([a-z0-9-]+)\.aoss\.amazonaws\.com(?:\.cn)?$/;
const AWS_HOST = /\.amazonaws\.com(\.cn)?$/;
const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/;

/** Problems with an endpoint URL; `secret` marks a password written into the URL. */
export interface EndpointProblem {
  message: string;
  secret?: boolean;
}

/**
 * Parses an endpoint, or says why it cannot be used: HTTPS only (plain HTTP only to loopback,
 * for local test clusters), no credentials, query or fragment in the URL.
 */
export function parseEndpoint(text: string): Endpoint | EndpointProblem {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { message: `"${text}" is not a URL (expected https://host[:port])` };
  }
  if (url.username !== "" || url.password !== "") {
    return {
      message:
        "credentials written into the endpoint URL; use auth.type: basic with passwordSsmParameter or passwordEnv",
      secret: url.password !== "",
    };
  }
  const host = url.hostname.toLowerCase();
  if (url.protocol === "http:" && !LOOPBACK.test(host)) {
    return { message: `endpoint must use https (plain http is accepted only for localhost): ${url.origin}` };
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    return { message: `endpoint must be an https URL, not ${url.protocol}` };
  }
  if (url.search !== "" || url.hash !== "")
    return { message: "endpoint cannot carry a query string or fragment" };

  const endpoint: Endpoint = { base: `${url.origin}${url.pathname.replace(/\/+$/, "")}`, host };
  const aws = awsEndpoint(host);
  if (aws) endpoint.aws = aws;
  return endpoint;
}

export function isEndpointProblem(e: Endpoint | EndpointProblem): e is EndpointProblem {
  return "message" in e;
}

function awsEndpoint(host: string): AwsEndpoint | undefined {
  if (!AWS_HOST.test(host)) return undefined;
  const domain = DOMAIN_HOST.exec(host);
  if (domain && isRegion(domain[3] ?? "")) {
    const region = domain[3] as string;
    return { service: "es", region, partition: partitionOfRegion(region), domain: domain[1] as string };
  }
  const collection = COLLECTION_HOST.exec(host);
  if (collection && isRegion(collection[2] ?? "")) {
    const region = collection[2] as string;
    return {
      service: "aoss",
      region,
      partition: partitionOfRegion(region),
      collectionId: collection[1] as string,
    };
  }
  // Some other AWS host (FIPS, a future form): the service and region are still readable.
  const labels = host.split(".");
  const region = labels.find((l) => isRegion(l));
  if (!region) return undefined;
  return { service: labels.includes("aoss") ? "aoss" : "es", region, partition: partitionOfRegion(region) };
}
