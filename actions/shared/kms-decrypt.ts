import { ActionFailure, type ActionServices, type IamStatement } from "../../engine/action/types.js";
import { parseArn } from "../../engine/arn.js";
import { isTemplateString, wildcardPattern } from "../template-string.js";
import { awsErrorFacts } from "./aws-error-facts.js";
import { awsFailureOf } from "./call-aws.js";
import type { KmsSecretSource } from "./secret-source.js";

/** KMS's answers when the blob, key or encryption context do not belong together. */
const WRONG_CIPHERTEXT = new Set(["InvalidCiphertextException", "IncorrectKeyException"]);

type Conditions = NonNullable<IamStatement["conditions"]>;

/** The Decrypt request; `blob` is the bytes in a live run and a description in a plan. */
export function decryptInput<B>(
  source: KmsSecretSource,
  blob: B,
): { CiphertextBlob: B; EncryptionContext?: Record<string, string>; KeyId?: string } {
  return {
    CiphertextBlob: blob,
    ...(source.encryptionContext ? { EncryptionContext: source.encryptionContext } : {}),
    // Naming the key pins decryption to it, as AWS recommends, rather than trusting the blob's header.
    ...(source.keyArn ? { KeyId: source.keyArn } : {}),
  };
}

/**
 * `kms:Decrypt` for a ciphertext rulebridge decrypts itself.
 * - key ARN: that key.
 * - alias ARN: IAM matches Decrypt against the key, never the alias, so the account's keys
 *   filtered by `kms:ResourceAliases`.
 * - no key: `*`. `kms:ViaService` cannot narrow it: the engine calls KMS directly, not through
 *   another service, so a ViaService condition would never match and would deny every call.
 * Each encryption-context entry becomes a `kms:EncryptionContext:<key>` condition.
 */
export function kmsDecryptStatement(
  source: Pick<KmsSecretSource, "encryptionContext" | "keyArn">,
): IamStatement {
  const conditions: Conditions = {};
  for (const [key, value] of Object.entries(source.encryptionContext ?? {})) {
    const operator = isTemplateString(value) ? "StringLike" : "StringEquals";
    conditions[operator] = {
      ...conditions[operator],
      [`kms:EncryptionContext:${key}`]: wildcardPattern(value),
    };
  }
  const hasContext = Object.keys(conditions).length > 0;
  const statement: IamStatement = { actions: ["kms:Decrypt"], resources: ["*"] };

  const key =
    source.keyArn !== undefined && !isTemplateString(source.keyArn) ? parseArn(source.keyArn) : null;
  if (key?.resource.startsWith("key/")) {
    statement.resources = [source.keyArn as string];
  } else if (key?.resource.startsWith("alias/")) {
    statement.resources = [`arn:${key.partition}:kms:${key.region}:${key.account}:key/*`];
    conditions["ForAnyValue:StringEquals"] = { "kms:ResourceAliases": key.resource };
    statement.why = `IAM evaluates kms:Decrypt against key ARNs, not alias ARNs; kms:ResourceAliases limits it to the key ${key.resource} names.`;
  } else {
    statement.why = [
      "The key is named only inside the ciphertext, which rulebridge does not parse; set webhook.keyArn to scope this to one key.",
      "kms:ViaService cannot narrow it: rulebridge calls kms:Decrypt itself, not through another AWS service.",
      hasContext
        ? "The kms:EncryptionContext condition limits it to ciphertexts made with this context."
        : "No encryptionContext either, so any ciphertext the role can reach could be decrypted.",
    ].join(" ");
  }
  if (Object.keys(conditions).length > 0) statement.conditions = conditions;
  return statement;
}

/**
 * The plaintext of a KMS-encrypted secret. `what` names it in errors ("the webhook URL"); neither
 * the plaintext nor the ciphertext appears in one.
 */
export async function decryptSecret(
  source: KmsSecretSource,
  services: ActionServices,
  signal: AbortSignal,
  what: string,
): Promise<string> {
  const blob = Buffer.from(source.ciphertext.replace(/\s+/g, ""), "base64");
  // The key's region when the rule names it; otherwise the runtime's, where the Lambda console encrypts.
  const region = (source.keyArn ? parseArn(source.keyArn)?.region : undefined) || services.aws.defaultRegion;
  // Loaded on first call: importing the action (replay, plans, check) must not load the SDK client.
  const { DecryptCommand, KMSClient } = await import("./sdk-kms.js");
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
        ? `check that encryptionContext (${context.join(", ")}) and keyArn are exactly those ${what} was encrypted with`
        : `${what} was probably encrypted with an encryption context (the Lambda console uses LambdaFunctionName); give the same one in encryptionContext`;
      throw new ActionFailure(`kms:Decrypt refused the ciphertext of ${what}: ${code}; ${hint}`, {
        retryable: false,
        cause: err,
      });
    }
    throw await awsFailureOf("kms:Decrypt", err, signal);
  }
  if (!plaintext || plaintext.length === 0) {
    throw new ActionFailure(`kms:Decrypt returned no plaintext for ${what}`, { retryable: false });
  }
  return new TextDecoder().decode(plaintext);
}
