import {
  ciphertextBytes,
  describeSecretSource,
  type KmsSecretSource,
  readSecretSource,
  type SecretSource,
} from "../shared/secret-source.js";

/** Where a Slack webhook URL is fetched from: the shared secret sources (actions/shared/secret-source.ts). */
export type WebhookSource = SecretSource;
export type KmsWebhookSource = KmsSecretSource;

export { ciphertextBytes };

/** Typed view of the `webhook` param; throws naming the param when it is not one of the shapes. */
export function readWebhookSource(value: unknown): WebhookSource {
  return readSecretSource(value, "webhook");
}

/** A safe description of the source for plans, logs and errors: says where, never what. */
export function describeWebhookSource(source: WebhookSource): string {
  return describeSecretSource(source);
}
