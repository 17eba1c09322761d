/** Helpers the built-ins' graph targets share: labels that name a resource, never a secret. */

type Params = Readonly<Record<string, unknown>>;

/** Where a webhook URL comes from, described without the URL or its ciphertext. */
export function webhookSource(webhook: unknown): { key: string; label: string } {
  const w = webhook !== null && typeof webhook === "object" ? (webhook as Params) : {};
  const ssm = text(w.ssmParameter);
  if (ssm !== undefined) return { key: `ssm:${ssm}`, label: `webhook in SSM ${ssm}` };
  const sm = text(w.secretsManager);
  if (sm !== undefined) return { key: `secretsmanager:${sm}`, label: `webhook in Secrets Manager ${sm}` };
  const env = text(w.env);
  if (env !== undefined) return { key: `env:${env}`, label: `webhook in env ${env}` };
  // The ciphertext is not shown; the key and context tell different encrypted webhooks apart.
  return {
    key: `kms:${JSON.stringify([w.keyArn ?? null, w.encryptionContext ?? null])}`,
    label: "KMS-encrypted webhook",
  };
}

/** Host and path of an endpoint URL, without scheme or credentials. */
export function endpointHost(endpoint: string): string {
  try {
    const url = new URL(endpoint);
    return `${url.host}${url.pathname.replace(/\/+$/, "")}`;
  } catch {
    return endpoint;
  }
}

export function text(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}
