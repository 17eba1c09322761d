/** What replaces a secret in anything the runtime reports. */
export const REDACTED = "[redacted]";

/**
 * Slack incoming-webhook URLs (the path after the host is the credential). Actions keep the URL
 * out of their messages already; this is the belt to their braces, e.g. for an error thrown by
 * `fetch` itself that quotes the URL.
 */
const SLACK_WEBHOOK_URL =
  /https?:\/\/hooks\.slack(?:-gov)?\.com\/(?:services|workflows|triggers)\/[^\s"'<>`]*/gi;

/** `scheme://user:password@host` — credentials embedded in a URL. */
const URL_USERINFO = /\b([a-z][a-z0-9+.-]*:\/\/)[^\s/@:"'<>]+:[^\s/@"'<>]+@/gi;

/**
 * Shorter values are not scrubbed by content: replacing every "true" or "ab" in a report would
 * destroy it, and a secret that short is not a credential worth the name.
 */
const MIN_SECRET_LENGTH = 8;

/**
 * Removes secrets from strings and from every string inside a JSON-like value. Known secret
 * values (a rule's `secretParams`, secrets the actions decrypted in this process) are replaced
 * wherever they occur; Slack webhook URLs and URL passwords are replaced by pattern.
 */
export class Redactor {
  readonly #values: string[];

  constructor(secretValues: Iterable<string> = []) {
    // Longest first, so a secret containing another is replaced whole.
    this.#values = [...new Set([...secretValues].filter((v) => v.length >= MIN_SECRET_LENGTH))].sort(
      (a, b) => b.length - a.length,
    );
  }

  /** A redactor that also knows `more` secret values. */
  with(more: Iterable<string>): Redactor {
    return new Redactor([...this.#values, ...more]);
  }

  string(text: string): string {
    let out = text;
    for (const v of this.#values) if (out.includes(v)) out = out.split(v).join(REDACTED);
    return out
      .replace(SLACK_WEBHOOK_URL, `https://hooks.slack.com/${REDACTED}`)
      .replace(URL_USERINFO, `$1${REDACTED}@`);
  }

  /** A deep copy of `value` with every string (keys included) redacted. */
  value<T>(value: T): T {
    return this.#walk(value) as T;
  }

  #walk(value: unknown): unknown {
    if (typeof value === "string") return this.string(value);
    if (Array.isArray(value)) return value.map((v) => this.#walk(v));
    if (value !== null && typeof value === "object") {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) out[this.string(k)] = this.#walk(v);
      return out;
    }
    return value;
  }
}

/** Every string leaf of a value: the secrets a `secretParams` entry holds or points to. */
export function stringLeaves(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.flatMap(stringLeaves);
  if (value !== null && typeof value === "object") return Object.values(value).flatMap(stringLeaves);
  return [];
}

/**
 * The secrets actions decrypted and cached in this process (`ActionServices.secrets`). Reading
 * them lets the runtime scrub a decrypted value even if an action leaked it by mistake. Only
 * entries already resolved count: a decryption still in flight (an action abandoned at the
 * deadline) must not hold up the report, and has leaked nothing yet.
 */
export async function cachedSecretValues(secrets: Map<string, Promise<string>>): Promise<string[]> {
  const pending = Symbol("pending");
  const tick = new Promise<typeof pending>((resolve) => setImmediate(() => resolve(pending)));
  const values = await Promise.all(
    [...secrets.values()].map((p) => Promise.race([p.catch(() => pending), tick])),
  );
  return values.filter((v): v is string => typeof v === "string");
}
