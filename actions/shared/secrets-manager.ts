import { ActionFailure, type ActionServices, type IamStatement } from "../../engine/action/types.js";
import { parseArn } from "../../engine/arn.js";
import { isTemplateString, wildcardPattern } from "../template-string.js";
import { callAws } from "./call-aws.js";
import type { SecretsManagerSource } from "./secret-source.js";

/** Secrets Manager's rules for a secret name: 1-512 of letters, digits and /_+=.@-. */
export function secretNameProblem(name: string): string | null {
  if (!/^[A-Za-z0-9/_+=.@-]{1,512}$/.test(name)) {
    return `secret name "${name}" may only contain letters, digits and / _ + = . @ - (at most 512)`;
  }
  return null;
}

/**
 * The secret's ARN for IAM. Secrets Manager appends a hyphen and six random characters to a
 * secret's name in its ARN, so a name becomes `secret:<name>-??????` (the pattern AWS documents);
 * region and account are `*` because rules do not say them.
 */
export function secretArnPattern(nameOrArn: string): string {
  const pattern = wildcardPattern(nameOrArn);
  if (pattern.startsWith("arn:")) return pattern;
  return `arn:aws:secretsmanager:*:*:secret:${pattern}-??????`;
}

/**
 * `secretsmanager:GetSecretValue` on the secret, and `kms:Decrypt` for a customer-managed key,
 * limited to Secrets Manager (`kms:ViaService`) and this secret (its ARN is the encryption
 * context's `SecretARN`).
 */
export function secretsManagerStatements(nameOrArn: string): IamStatement[] {
  const arn = secretArnPattern(nameOrArn);
  const parsed = isTemplateString(nameOrArn) || !arn.startsWith("arn:") ? null : parseArn(arn);
  const region = parsed && parsed.region !== "" && parsed.region !== "*" ? parsed.region : "*";
  return [
    { actions: ["secretsmanager:GetSecretValue"], resources: [arn] },
    {
      actions: ["kms:Decrypt"],
      resources: ["*"],
      conditions: {
        StringLike: {
          "kms:ViaService": `secretsmanager.${region}.amazonaws.com`,
          "kms:EncryptionContext:SecretARN": arn,
        },
      },
      why: "The secret's KMS key is not named in the rule. The grant only works through Secrets Manager (kms:ViaService) and only for this secret (kms:EncryptionContext:SecretARN). Not needed with the default aws/secretsmanager key.",
    },
  ];
}

/**
 * The secret's current value (SecretString), or one key of it when the secret is JSON. Read in
 * the secret ARN's region, a bare name in the runtime's. `what` names the secret in errors; the
 * value never appears in one.
 */
export async function readSecretsManagerValue(
  services: ActionServices,
  source: SecretsManagerSource,
  signal: AbortSignal,
  what: string,
): Promise<string> {
  const arn = source.secretId.startsWith("arn:") ? parseArn(source.secretId) : null;
  const region = arn && arn.region !== "" ? arn.region : services.aws.defaultRegion;
  // Loaded on first call: importing the action (replay, plans, check) must not load the SDK client.
  const { GetSecretValueCommand, SecretsManagerClient } = await import("./sdk-secrets-manager.js");
  const client = services.aws.client(SecretsManagerClient, region);
  const out = await callAws("secretsmanager:GetSecretValue", signal, (opts) =>
    client.send(new GetSecretValueCommand({ SecretId: source.secretId }), opts),
  );
  const text = out.SecretString;
  if (text === undefined || text === "") {
    throw new ActionFailure(
      `secretsmanager:GetSecretValue: secret ${source.secretId} holds no string value for ${what}`,
      { retryable: false },
    );
  }
  if (source.jsonKey === undefined) return text;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new ActionFailure(
      `secret ${source.secretId} is not JSON, so it has no key ${source.jsonKey} (${what})`,
      { retryable: false },
    );
  }
  const value =
    parsed !== null && typeof parsed === "object"
      ? (parsed as Record<string, unknown>)[source.jsonKey]
      : undefined;
  if (typeof value !== "string" || value === "") {
    throw new ActionFailure(`secret ${source.secretId} has no string key ${source.jsonKey} (${what})`, {
      retryable: false,
    });
  }
  return value;
}
