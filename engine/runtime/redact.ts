import { findSecrets, SECRET_MASK, type SecretPattern } from "../secrets/index.js";

/** What replaces a secret in anything the runtime reports. */
export const REDACTED = SECRET_MASK;

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
 * wherever they occur; whatever the secret recogniser knows by shape (webhook URLs of Slack,
 * Discord and Teams, AWS access key ids, an action's own `secretPatterns`) and URL passwords are
 * replaced by pattern. Actions keep secrets out of their messages already; this is the belt to
 * their braces, e.g. for an error thrown by `fetch` itself that quotes the URL.
 */
export class Redactor {
  readonly #values: string[];
  readonly #patterns: readonly SecretPattern[];

  constructor(secretValues: Iterable<string> = [], patterns: readonly SecretPattern[] = []) {
    this.#patterns = patterns;
    // Longest first, so a secret containing another is replaced whole.
    this.#values = [...new Set([...secretValues].filter((v) => v.length >= MIN_SECRET_LENGTH))].sort(
      (a, b) => b.length - a.length,
    );
  }

  /** A redactor that also knows `more` secret values. */
  with(more: Iterable<string>): Redactor {
    return new Redactor([...this.#values, ...more], this.#patterns);
  }

  /** A redactor that also recognises secrets of these shapes (actions' own `secretPatterns`). */
  withPatterns(more: readonly SecretPattern[]): Redactor {
    if (more.length === 0) return this;
    return new Redactor(this.#values, [...new Set([...this.#patterns, ...more])]);
  }

  string(text: string): string {
    let out = text;
    for (const v of this.#values) if (out.includes(v)) out = out.split(v).join(REDACTED);
    return maskByShape(out, this.#patterns).replace(URL_USERINFO, `$1${REDACTED}@`);
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

/**
 * Secrets recognised by shape replaced. A URL keeps its scheme and host (`https://hooks.slack.com/
 * [redacted]`), so a report still says where a call went; anything else is replaced whole.
 */
function maskByShape(text: string, patterns: readonly SecretPattern[]): string {
  const matches = findSecrets(text, patterns);
  if (matches.length === 0) return text;
  let out = "";
  let at = 0;
  for (const { start, end } of matches) {
    const host = /^((?:https?:\/\/)?[^/\s?#]+\/)/i.exec(text.slice(start, end));
    out += text.slice(at, start) + (host ? `${host[1]}${REDACTED}` : REDACTED);
    at = end;
  }
  return out + text.slice(at);
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
