/**
 * The engine bundle's `@aws-sdk/credential-provider-node` (deploy/bundle.ts aliases the package
 * to this module): credentials from the environment only. The bundle runs as the engine's Lambda
 * function, where Lambda puts the execution role's credentials in the environment; the default
 * chain's other providers (profiles and SSO, web identity through STS, process, container and
 * instance metadata) would only add their clients to the asset. Without credentials in the
 * environment, a call fails saying so (CredentialsProviderError).
 */
import { fromEnv } from "@aws-sdk/credential-provider-env";
import type { defaultProvider as nodeDefaultProvider } from "@aws-sdk/credential-provider-node";

export const defaultProvider: typeof nodeDefaultProvider = (init = {}) => fromEnv(init);
