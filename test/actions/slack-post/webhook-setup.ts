import { CreateKeyCommand, EncryptCommand, KMSClient } from "@aws-sdk/client-kms";
import { expectNoSecret } from "../fixtures.js";
import { failureText, testServices } from "../run-support.js";
import { TEXT_TEMPLATE } from "./seed.js";

/**
 * What the slack-post run tests share: a KMS key in moto, ciphertexts made the way the Lambda
 * console makes them, and the check that a webhook URL leaked nowhere.
 */

/** The encryption context the Lambda console's "Encrypt" helper uses. */
export const LAMBDA_CONTEXT = { LambdaFunctionName: "alb-health-to-slack" };

export interface TestKey {
  kms: KMSClient;
  keyArn: string;
}

/** A fresh symmetric key in this worker's moto. */
export async function createTestKey(): Promise<TestKey> {
  const kms = testServices().aws.client(KMSClient);
  const key = await kms.send(new CreateKeyCommand({ Description: "rulebridge slack-post tests" }));
  return { kms, keyArn: key.KeyMetadata?.Arn ?? "" };
}

/** What the Lambda console's "Encrypt" helper does: KMS-encrypt with the function-name context. */
export async function encryptWebhook(
  { kms, keyArn }: TestKey,
  plaintext: string,
  context: Record<string, string> = LAMBDA_CONTEXT,
): Promise<string> {
  const out = await kms.send(
    new EncryptCommand({
      KeyId: keyArn,
      Plaintext: new TextEncoder().encode(plaintext),
      EncryptionContext: context,
    }),
  );
  return Buffer.from(out.CiphertextBlob ?? new Uint8Array()).toString("base64");
}

/** Seed 001's params with this ciphertext. */
export function kmsParams(
  { keyArn }: TestKey,
  ciphertext: string,
  context: Record<string, string> = LAMBDA_CONTEXT,
): Record<string, unknown> {
  return {
    webhook: { kmsCiphertext: ciphertext, encryptionContext: context, keyArn },
    channel: "#ops-alerts",
    text: TEXT_TEMPLATE,
  };
}

/** Neither the URL, nor its path, nor its token, nor anything Slack-shaped appears in the value. */
export function expectNoUrl(value: unknown, url: string): void {
  const { pathname } = new URL(url);
  const secrets = [url, pathname, pathname.split("/").pop() ?? url];
  expectNoSecret(value instanceof Error ? failureText(value) : value, secrets);
}
