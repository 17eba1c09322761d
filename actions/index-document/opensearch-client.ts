import { defaultProvider } from "@aws-sdk/credential-provider-node";
import { Client, type ClientOptions } from "@opensearch-project/opensearch";
import { AwsSigv4Signer } from "@opensearch-project/opensearch/aws";
import { readEnvSecret } from "../shared/secrets.js";
import { readSsmSecret } from "../shared/ssm-secret.js";
import type { ActionServices, AwsClientFactory } from "../types.js";
import type { Auth } from "./auth.js";
import type { Endpoint } from "./endpoint.js";

/**
 * OpenSearch clients, one per (endpoint, auth), kept as long as the AWS client factory they sit
 * beside: a Lambda container reuses its connections (keep-alive, TLS sessions) and its signing
 * credentials across events instead of opening both per document.
 */
const clients = new WeakMap<AwsClientFactory, Map<string, Promise<Client>>>();

/**
 * The engine owns retries (ActionFailure.retryable), so the client makes one attempt, like the
 * AWS clients (`maxAttempts: 1`). Sniffing stays off: managed domains do not allow it.
 */
const BASE_OPTIONS: ClientOptions = { maxRetries: 0, requestTimeout: 30_000, sniffOnStart: false };

export function openSearchClient(
  endpoint: Endpoint,
  auth: Auth,
  services: ActionServices,
  signal: AbortSignal,
): Promise<Client> {
  let byKey = clients.get(services.aws);
  if (!byKey) {
    byKey = new Map();
    clients.set(services.aws, byKey);
  }
  const key = clientKey(endpoint, auth, services.aws.defaultRegion);
  const cached = byKey.get(key);
  if (cached) return cached;
  const creating = createClient(endpoint, auth, services, signal);
  byKey.set(key, creating);
  // A failed password fetch is not kept: the next attempt fetches again.
  creating.catch(() => {
    if (byKey.get(key) === creating) byKey.delete(key);
  });
  return creating;
}

async function createClient(
  endpoint: Endpoint,
  auth: Auth,
  services: ActionServices,
  signal: AbortSignal,
): Promise<Client> {
  const node = endpoint.base;
  switch (auth.type) {
    case "none":
      return new Client({ ...BASE_OPTIONS, node });
    case "sigv4":
      return new Client({
        ...BASE_OPTIONS,
        node,
        ...AwsSigv4Signer({
          region: auth.region ?? services.aws.defaultRegion,
          service: auth.service,
          // The SDK's default chain, as the AWS clients use: Lambda role, env, profile, IMDS.
          // Memoized: it refreshes temporary credentials only when they near expiry.
          getCredentials: defaultProvider(),
        }),
      });
    case "basic": {
      const what = `the OpenSearch password of ${auth.username}`;
      const password =
        auth.password.kind === "ssm"
          ? await readSsmSecret(services, auth.password.parameter, signal, what)
          : readEnvSecret(services.env, auth.password.variable, what);
      return new Client({ ...BASE_OPTIONS, node, auth: { username: auth.username, password } });
    }
  }
}

/** Where and how the client connects: the password's source, never the password. */
function clientKey(endpoint: Endpoint, auth: Auth, defaultRegion: string): string {
  switch (auth.type) {
    case "none":
      return JSON.stringify([endpoint.base, "none"]);
    case "sigv4":
      return JSON.stringify([endpoint.base, "sigv4", auth.service, auth.region ?? defaultRegion]);
    case "basic":
      return JSON.stringify([endpoint.base, "basic", auth.username, auth.password]);
  }
}
