import type { JsonSchema } from "../../engine/action/types.js";

/**
 * Where a secret (a webhook URL, a token) is fetched from: the one shape every action that needs a
 * secret accepts (slack-post's `webhook`, webhook's `secrets`). A rule names the place, never the
 * value; the value exists only inside a live run.
 */
export type SecretSource = KmsSecretSource | SsmSecretSource | SecretsManagerSource | EnvSecretSource;

export interface KmsSecretSource {
  kind: "kms";
  /** Base64 ciphertext. */
  ciphertext: string;
  encryptionContext?: Record<string, string>;
  keyArn?: string;
}

export interface SsmSecretSource {
  kind: "ssm";
  /** Parameter name or ARN. */
  parameter: string;
}

export interface SecretsManagerSource {
  kind: "secretsManager";
  /** Secret name or ARN. */
  secretId: string;
  /** For a JSON secret (as the console's key/value editor stores it): the key whose value to use. */
  jsonKey?: string;
}

export interface EnvSecretSource {
  kind: "env";
  variable: string;
}

const SOURCE_KEYS = ["kmsCiphertext", "ssmParameter", "secretsManager", "env"] as const;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Typed view of a source param; throws naming `param` when it is not one of the four shapes. */
export function readSecretSource(value: unknown, param: string): SecretSource {
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new Error(`${param}: expected one of {kmsCiphertext}, {ssmParameter}, {secretsManager}, {env}`);
  }
  const w = value as Record<string, unknown>;
  const given = SOURCE_KEYS.filter((k) => w[k] !== undefined);
  if (given.length !== 1) {
    throw new Error(`${param}: give exactly one of ${SOURCE_KEYS.join(", ")} (found ${given.length})`);
  }
  if (typeof w.kmsCiphertext === "string") {
    const source: KmsSecretSource = { kind: "kms", ciphertext: w.kmsCiphertext };
    if (w.encryptionContext !== undefined)
      source.encryptionContext = stringMap(w.encryptionContext, `${param}.encryptionContext`);
    if (typeof w.keyArn === "string") source.keyArn = w.keyArn;
    return source;
  }
  if (typeof w.ssmParameter === "string") return { kind: "ssm", parameter: w.ssmParameter };
  if (typeof w.secretsManager === "string") {
    const source: SecretsManagerSource = { kind: "secretsManager", secretId: w.secretsManager };
    if (typeof w.jsonKey === "string") source.jsonKey = w.jsonKey;
    return source;
  }
  if (typeof w.env === "string") return { kind: "env", variable: w.env };
  throw new Error(`${param}.${given[0]}: expected a string`);
}

/** Ciphertext size in bytes, or null when the text is not standard base64. */
export function ciphertextBytes(base64: string): number | null {
  const compact = base64.replace(/\s+/g, "");
  if (compact === "" || !BASE64.test(compact)) return null;
  return Buffer.from(compact, "base64").length;
}

/** A safe description for plans, logs and errors: says where, never what. */
export function describeSecretSource(source: SecretSource): string {
  switch (source.kind) {
    case "kms": {
      const bytes = ciphertextBytes(source.ciphertext);
      return bytes === null ? "kms ciphertext (not base64)" : `kms ciphertext (${bytes} bytes)`;
    }
    case "ssm":
      return `ssm parameter ${source.parameter}`;
    case "secretsManager":
      return `secrets manager ${source.secretId}${source.jsonKey !== undefined ? ` key ${source.jsonKey}` : ""}`;
    case "env":
      return `env ${source.variable}`;
  }
}

function stringMap(value: unknown, param: string): Record<string, string> {
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new Error(`${param}: expected a mapping of strings`);
  }
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(value)) {
    if (typeof v !== "string") throw new Error(`${param}.${k}: expected a string`);
    out[k] = v;
  }
  return out;
}

/**
 * The JSON Schema of a source: exactly one of the four shapes. `what` names the secret in
 * descriptions ("the webhook URL"); `example` is an env variable name for the docs.
 */
export function secretSourceSchema(what: string, envExample: string, ssmExample: string): JsonSchema[] {
  return [
    {
      type: "object",
      title: `KMS-encrypted ${what.replace(/^the /, "")}`,
      properties: {
        kmsCiphertext: {
          type: "string",
          minLength: 1,
          description: `Base64 KMS ciphertext of ${what}, e.g. from \`rulebridge encrypt --key K VALUE\` or the Lambda console's encryption helper.`,
        },
        encryptionContext: {
          type: "object",
          description:
            "The encryption context the value was encrypted with; decryption must present the same one. The Lambda console uses `{LambdaFunctionName: <function name>}`. Also scopes the IAM grant (`kms:EncryptionContext:<key>`).",
          additionalProperties: { type: "string" },
          examples: [{ LambdaFunctionName: "alb-health-to-slack" }],
        },
        keyArn: {
          type: "string",
          minLength: 1,
          description:
            "ARN of the KMS key (or alias ARN) that encrypted the value. Optional, but without it IAM must grant kms:Decrypt on every key; with it the grant names one key and decryption is pinned to it.",
          examples: [
            "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab",
            "arn:aws:kms:us-east-1:123456789012:alias/slack-webhooks",
          ],
        },
      },
      required: ["kmsCiphertext"],
      additionalProperties: false,
    },
    {
      type: "object",
      title: `${capitalise(what)} in SSM Parameter Store`,
      properties: {
        ssmParameter: {
          type: "string",
          minLength: 1,
          description: `Name (\`${ssmExample}\`) or ARN of a SecureString parameter holding ${what}. Re-read after the cache's maximum age and after the target refuses it, so a rotated value is picked up.`,
          examples: [ssmExample],
        },
      },
      required: ["ssmParameter"],
      additionalProperties: false,
    },
    {
      type: "object",
      title: `${capitalise(what)} in AWS Secrets Manager`,
      properties: {
        secretsManager: {
          type: "string",
          minLength: 1,
          description: `Name or ARN of a Secrets Manager secret holding ${what} (its current version). Re-read after the cache's maximum age and after the target refuses it, so a rotation is picked up.`,
          examples: [`rulebridge${ssmExample}`],
        },
        jsonKey: {
          type: "string",
          minLength: 1,
          description:
            "When the secret is a JSON object (the console's key/value editor stores one), the key whose value to use.",
          examples: ["url"],
        },
      },
      required: ["secretsManager"],
      additionalProperties: false,
    },
    {
      type: "object",
      title: `${capitalise(what)} from an environment variable`,
      properties: {
        env: {
          type: "string",
          minLength: 1,
          description: `Name of an environment variable holding ${what}; meant for local runs.`,
          examples: [envExample],
        },
      },
      required: ["env"],
      additionalProperties: false,
    },
  ];
}

function capitalise(s: string): string {
  return s.replace(/^the /, "").replace(/^./, (c) => c.toUpperCase());
}
