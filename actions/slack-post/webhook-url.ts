import { ActionFailure, type ActionServices } from "../../engine/action/types.js";
import { secretValue } from "../shared/secret-value.js";
import { describeWebhookSource, type WebhookSource } from "./webhook-source.js";

const WHAT = "the Slack webhook URL";
const SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;
const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/;

/**
 * The webhook URL, fetched from its source and kept up to the secrets' maximum age
 * (`services.secrets`). Nothing here puts the URL, or the decrypted text, into an error message.
 */
export async function webhookUrl(
  source: WebhookSource,
  services: ActionServices,
  signal: AbortSignal,
): Promise<string> {
  const value = await secretValue(source, services, signal, WHAT);
  return normaliseWebhookUrl(value, source.kind === "kms" ? "kms:Decrypt" : describeWebhookSource(source));
}

/**
 * The URL to post to. The Lambda blueprint (cloudwatch-alarm-to-slack) stores the URL without its
 * scheme and prepends `https://` after decrypting, so a scheme-less value gets `https://` too.
 * Plain http is accepted only for loopback hosts (local receivers): anywhere else it would send
 * the webhook's token across the network in clear. `from` says where the value came from; the
 * value itself is never quoted.
 */
export function normaliseWebhookUrl(value: string, from: string): string {
  const text = value.trim();
  const withScheme = SCHEME.test(text) ? text : `https://${text}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw new ActionFailure(`${WHAT} from ${from} is not a URL`, { retryable: false });
  }
  const secure = url.protocol === "https:" || (url.protocol === "http:" && LOOPBACK.test(url.hostname));
  if (!secure) {
    throw new ActionFailure(`${WHAT} from ${from} must be an https URL (got ${url.protocol})`, {
      retryable: false,
    });
  }
  return url.href;
}
