import type { ActionServices, IamStatement, PlanStep } from "../../engine/action/types.js";
import { decryptInput, decryptSecret, kmsDecryptStatement } from "./kms-decrypt.js";
import { ciphertextBytes, type SecretSource } from "./secret-source.js";
import { cachedSecret, forgetSecret, readEnvSecret, secretKey, secretMaxAgeMs } from "./secrets.js";
import { readSecretsManagerValue, secretsManagerStatements } from "./secrets-manager.js";
import { getParameterInput, readSsmSecret, ssmSecretKey, ssmSecretStatements } from "./ssm-secret.js";

/**
 * Fetching a secret from wherever its source says, for every action that needs one: kept in
 * `services.secrets` up to the maximum age (secrets.ts), dropped when the target refuses it so a
 * rotated value is fetched again, and described (never shown) in plans and IAM.
 */

/** The cache key of a source's value; undefined for env, which is read each time. */
function cacheKey(source: SecretSource, services: ActionServices): string | undefined {
  switch (source.kind) {
    case "kms":
      return secretKey("kms", source.keyArn, source.ciphertext, source.encryptionContext);
    case "ssm":
      return ssmSecretKey(services, source.parameter);
    case "secretsManager":
      return secretKey("secretsmanager", services.aws.defaultRegion, source.secretId, source.jsonKey);
    case "env":
      return undefined;
  }
}

/** The secret's value. `what` names it in errors ("the webhook URL"); the value is never in one. */
export function secretValue(
  source: SecretSource,
  services: ActionServices,
  signal: AbortSignal,
  what: string,
): Promise<string> {
  const maxAge = secretMaxAgeMs(services.env);
  switch (source.kind) {
    case "kms":
      return cachedSecret(
        services.secrets,
        cacheKey(source, services) ?? "",
        () => decryptSecret(source, services, signal, what),
        maxAge,
      );
    case "ssm":
      return readSsmSecret(services, source.parameter, signal, what);
    case "secretsManager":
      return cachedSecret(
        services.secrets,
        cacheKey(source, services) ?? "",
        () => readSecretsManagerValue(services, source, signal, what),
        maxAge,
      );
    case "env":
      return Promise.resolve(readEnvSecret(services.env, source.variable, what));
  }
}

/**
 * Forgets the cached value: the target answered as if it were revoked or rotated (401, 403, 404,
 * 410), so the next attempt reads the source again instead of repeating the stale value.
 */
export function forgetSecretValue(source: SecretSource, services: ActionServices): void {
  const key = cacheKey(source, services);
  if (key !== undefined) forgetSecret(services.secrets, key);
}

/** What fetching the secret needs from IAM; nothing for env. */
export function secretSourceIam(source: SecretSource): IamStatement[] {
  switch (source.kind) {
    case "kms":
      return [kmsDecryptStatement(source)];
    case "ssm":
      return ssmSecretStatements(source.parameter);
    case "secretsManager":
      return secretsManagerStatements(source.secretId);
    case "env":
      return [];
  }
}

/**
 * The plan step that fetches the secret (none for env); the value is never known in a plan.
 * `param` names the source in errors (`webhook`, `secrets.token`).
 */
export function secretPlanSteps(source: SecretSource, what: string, param: string): PlanStep[] {
  const note = `yields ${what}, which is used and never shown`;
  switch (source.kind) {
    case "kms": {
      const bytes = ciphertextBytes(source.ciphertext);
      if (bytes === null) throw new Error(`${param}.kmsCiphertext: not base64`);
      return [{ call: "kms:Decrypt", input: decryptInput(source, `<${bytes} bytes of ciphertext>`), note }];
    }
    case "ssm":
      return [{ call: "ssm:GetParameter", input: getParameterInput(source.parameter), note }];
    case "secretsManager":
      return [{ call: "secretsmanager:GetSecretValue", input: { SecretId: source.secretId }, note }];
    case "env":
      return [];
  }
}
