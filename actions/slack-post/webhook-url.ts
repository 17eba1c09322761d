import { DecryptCommand, KMSClient } from "@aws-sdk/client-kms";
import { parseArn } from "../../engine/arn.js";
import { awsErrorFacts, awsFailure } from "../shared/aws-failure.js";
import { cachedSecret, readEnvSecret, secretKey } from "../shared/secrets.js";
import { readSsmSecret } from "../shared/ssm-secret.js";
import { ActionFailure, type ActionServices } from "../types.js";
import { decryptInput } from "./kms-decrypt.js";
import type { KmsWebhookSource, WebhookSource } from "./webhook-source.js";

const WHAT = "the Slack webhook URL";
const SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;
const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/;
/** KMS's answers when the blob, key or encryption context do not belong together. */
const WRONG_CIPHERTEXT = new Set(["InvalidCiphertextException", "IncorrectKeyException"]);

/**
 * The webhook URL, fetched from its source once per process (`services.secrets` holds the
 * promise). Nothing here puts the URL, or the decrypted text, into an error message.
 */
export function webhookUrl(
  source: WebhookSource,
  services: ActionServices,
  signal: AbortSignal,
): Promise<string> {
  switch (source.kind) {
    case "kms":
      return cachedSecret(
        services.secrets,
        secretKey("kms", source.keyArn, source.ciphertext, source.encryptionContext),
        async () => normaliseWebhookUrl(await decrypt(source, services, signal), "kms:Decrypt"),
      );
    case "ssm":
      return readSsmSecret(services, source.parameter, signal, WHAT).then((value) =>
        normaliseWebhookUrl(value, `ssm parameter ${source.parameter}`),
      );
    case "env":
      return Promise.resolve(
        normaliseWebhookUrl(readEnvSecret(services.env, source.variable, WHAT), `env ${source.variable}`),
      );
  }
}

async function decrypt(
  source: KmsWebhookSource,
  services: ActionServices,
  signal: AbortSignal,
): Promise<string> {
  const blob = Buffer.from(source.ciphertext.replace(/\s+/g, ""), "base64");
  // The key's region when the rule names it; otherwise the runtime's, where the Lambda console encrypts.
  const region = (source.keyArn ? parseArn(source.keyArn)?.region : undefined) || services.aws.defaultRegion;
  const kms = services.aws.client(KMSClient, region);
  let plaintext: Uint8Array | undefined;
  try {
    const out = await kms.send(new DecryptCommand(decryptInput(source, new Uint8Array(blob))), {
      abortSignal: signal,
    });
    plaintext = out.Plaintext;
  } catch (err) {
    const { code } = awsErrorFacts(err);
    if (WRONG_CIPHERTEXT.has(code)) {
      const context = Object.keys(source.encryptionContext ?? {});
      const hint = context.length
        ? `check that webhook.encryptionContext (${context.join(", ")}) and webhook.keyArn are exactly those the URL was encrypted with`
        : "the URL was probably encrypted with an encryption context (the Lambda console uses LambdaFunctionName); give the same one in webhook.encryptionContext";
      throw new ActionFailure(`kms:Decrypt refused the webhook ciphertext: ${code}; ${hint}`, {
        retryable: false,
        cause: err,
      });
    }
    throw awsFailure("kms:Decrypt", err, signal);
  }
  if (!plaintext || plaintext.length === 0) {
    throw new ActionFailure("kms:Decrypt returned no plaintext for the webhook ciphertext", {
      retryable: false,
    });
  }
  return new TextDecoder().decode(plaintext);
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
