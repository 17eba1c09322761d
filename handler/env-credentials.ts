import type { defaultProvider as nodeDefaultProvider } from "@aws-sdk/credential-provider-node";

/**
 * The engine bundle's `@aws-sdk/credential-provider-node` (deploy/bundle.ts aliases the package
 * to this module): credentials from the environment only. The bundle runs as the engine's Lambda
 * function, where Lambda puts the execution role's credentials in the environment; the default
 * chain's other providers (profiles and SSO, web identity through STS, process, container and
 * instance metadata) would only add their clients to the asset. It reads what the SDK's `fromEnv`
 * reads, in a few lines: importing that package loads the SDK clients' shared runtime at the first
 * signature, which a hand-written call (sns-publish) otherwise never needs. Without credentials in
 * the environment, a call fails saying so, with the SDK's error name (CredentialsProviderError).
 */
export const defaultProvider: typeof nodeDefaultProvider = () => async () => {
  const env = process.env;
  const accessKeyId = env.AWS_ACCESS_KEY_ID;
  const secretAccessKey = env.AWS_SECRET_ACCESS_KEY;
  if (!accessKeyId || !secretAccessKey) throw new CredentialsProviderError();
  return {
    accessKeyId,
    secretAccessKey,
    ...(env.AWS_SESSION_TOKEN ? { sessionToken: env.AWS_SESSION_TOKEN } : {}),
    ...(env.AWS_CREDENTIAL_EXPIRATION ? { expiration: new Date(env.AWS_CREDENTIAL_EXPIRATION) } : {}),
    ...(env.AWS_CREDENTIAL_SCOPE ? { credentialScope: env.AWS_CREDENTIAL_SCOPE } : {}),
    ...(env.AWS_ACCOUNT_ID ? { accountId: env.AWS_ACCOUNT_ID } : {}),
  };
};

/** The SDK's error for a provider that found nothing; `tryNextLink` false: there is no next link. */
export class CredentialsProviderError extends Error {
  override readonly name = "CredentialsProviderError";
  readonly tryNextLink = false;

  constructor() {
    super("Unable to find environment variable credentials.");
  }
}
