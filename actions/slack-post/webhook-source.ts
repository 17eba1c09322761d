/** Where a Slack webhook URL is fetched from. The URL itself never exists outside a live run. */
export type WebhookSource = KmsWebhookSource | SsmWebhookSource | EnvWebhookSource;

export interface KmsWebhookSource {
  kind: "kms";
  /** Base64 ciphertext. */
  ciphertext: string;
  encryptionContext?: Record<string, string>;
  keyArn?: string;
}

export interface SsmWebhookSource {
  kind: "ssm";
  /** Parameter name or ARN. */
  parameter: string;
}

export interface EnvWebhookSource {
  kind: "env";
  variable: string;
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Typed view of the `webhook` param; throws naming the param when it is not one of the three shapes. */
export function readWebhookSource(value: unknown): WebhookSource {
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new Error("webhook: expected one of {kmsCiphertext}, {ssmParameter}, {env}");
  }
  const w = value as Record<string, unknown>;
  const given = ["kmsCiphertext", "ssmParameter", "env"].filter((k) => w[k] !== undefined);
  if (given.length !== 1) {
    throw new Error(`webhook: give exactly one of kmsCiphertext, ssmParameter, env (found ${given.length})`);
  }
  if (typeof w.kmsCiphertext === "string") {
    const source: KmsWebhookSource = { kind: "kms", ciphertext: w.kmsCiphertext };
    if (w.encryptionContext !== undefined) source.encryptionContext = stringMap(w.encryptionContext);
    if (typeof w.keyArn === "string") source.keyArn = w.keyArn;
    return source;
  }
  if (typeof w.ssmParameter === "string") return { kind: "ssm", parameter: w.ssmParameter };
  if (typeof w.env === "string") return { kind: "env", variable: w.env };
  throw new Error(`webhook.${given[0]}: expected a string`);
}

/** Ciphertext size in bytes, or null when the text is not standard base64. */
export function ciphertextBytes(base64: string): number | null {
  const compact = base64.replace(/\s+/g, "");
  if (compact === "" || !BASE64.test(compact)) return null;
  return Buffer.from(compact, "base64").length;
}

/** A safe description of the source for plans, logs and errors: says where, never what. */
export function describeWebhookSource(source: WebhookSource): string {
  switch (source.kind) {
    case "kms": {
      const bytes = ciphertextBytes(source.ciphertext);
      return bytes === null ? "kms ciphertext (not base64)" : `kms ciphertext (${bytes} bytes)`;
    }
    case "ssm":
      return `ssm parameter ${source.parameter}`;
    case "env":
      return `env ${source.variable}`;
  }
}

function stringMap(value: unknown): Record<string, string> {
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new Error("webhook.encryptionContext: expected a mapping of strings");
  }
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(value)) {
    if (typeof v !== "string") throw new Error(`webhook.encryptionContext.${k}: expected a string`);
    out[k] = v;
  }
  return out;
}
