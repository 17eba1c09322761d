import { ActionFailure } from "../../engine/action/types.js";

/**
 * Handling secrets (webhook URLs, passwords) inside actions: where they are kept, the simplest
 * source, and scrubbing them from what leaves the action.
 *
 * Kept: fetched (decrypted, read from Parameter Store) once per process in `services.secrets`. A
 * Lambda container handles many events, and a KMS or SSM call per event would cost latency, money
 * and throttling headroom for nothing.
 */

/**
 * How long a fetched secret is used before it is fetched again, so a rotated value is picked up
 * without a redeploy (Powertools Parameters keeps values 5 s by default; a webhook URL rotates
 * rarely and each fetch costs a KMS/SSM/Secrets Manager call, so 5 minutes here). The same
 * variable as Powertools, in seconds, overrides it.
 */
export const DEFAULT_SECRET_MAX_AGE_MS = 300_000;

/** The maximum age from `POWERTOOLS_PARAMETERS_MAX_AGE` (seconds), else the default. */
export function secretMaxAgeMs(env: Readonly<Record<string, string | undefined>>): number {
  const raw = env.POWERTOOLS_PARAMETERS_MAX_AGE;
  const seconds = raw === undefined ? Number.NaN : Number(raw);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : DEFAULT_SECRET_MAX_AGE_MS;
}

/** When each cached load started; kept beside the map so the cache's type stays what the runtime reads. */
const loadedAt = new WeakMap<Promise<string>, number>();

/**
 * The cached value for `key`, loading it on first use and again once it is older than `maxAgeMs`.
 * Concurrent callers share one load. A failed load is forgotten, so a throttled or timed-out
 * fetch is tried again by the next attempt instead of failing every later event with the same
 * cached error.
 */
export function cachedSecret(
  cache: Map<string, Promise<string>>,
  key: string,
  load: () => Promise<string>,
  maxAgeMs: number = DEFAULT_SECRET_MAX_AGE_MS,
  now: () => number = Date.now,
): Promise<string> {
  const cached = cache.get(key);
  if (cached) {
    const at = loadedAt.get(cached);
    if (at === undefined || now() - at < maxAgeMs) return cached;
    cache.delete(key);
  }
  const loading = load();
  loadedAt.set(loading, now());
  cache.set(key, loading);
  loading.catch(() => {
    if (cache.get(key) === loading) cache.delete(key);
  });
  return loading;
}

/**
 * Drops a cached secret: the target refused it (401/403/404/410), so it was probably rotated or
 * revoked, and the next attempt must fetch it again instead of failing with the stale value.
 */
export function forgetSecret(cache: Map<string, Promise<string>>, key: string): void {
  cache.delete(key);
}

/**
 * A cache key from its parts. JSON keeps parts apart (`a:b` + `c` differs from `a` + `b:c`), and
 * the key holds where the secret comes from, never the secret.
 */
export function secretKey(
  ...parts: ReadonlyArray<string | Readonly<Record<string, string>> | undefined>
): string {
  return JSON.stringify(
    parts.map((p) => (p !== null && typeof p === "object" ? sortedEntries(p) : (p ?? null))),
  );
}

function sortedEntries(record: Readonly<Record<string, string>>): [string, string][] {
  return Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

// Environment variables: meant for local runs (`rulebridge run`), where a developer exports a
// webhook URL or password instead of setting up KMS or Parameter Store.

/** A portable environment variable name: letters, digits and `_`, not starting with a digit. */
export const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * The variable's value. Unset or empty is a non-retryable failure naming the variable (never a
 * value): the environment will not change before a retry.
 */
export function readEnvSecret(
  env: Readonly<Record<string, string | undefined>>,
  variable: string,
  what: string,
): string {
  const value = env[variable];
  if (value === undefined || value === "") {
    throw new ActionFailure(`environment variable ${variable} (${what}) is not set`, { retryable: false });
  }
  return value;
}

// Scrubbing: errors from lower layers (fetch, undici, the OpenSearch client) may quote the URL or
// credentials they were given; an action cannot rely on each of them to keep quiet, so it scrubs
// what it passes on.

export const REDACTED = "<redacted>";

/**
 * `text` with every occurrence of each secret replaced. For URL secrets, the forms a library may
 * print are covered too: without scheme, and the path alone (where a webhook's token lives).
 */
export function redact(text: string, secrets: readonly string[]): string {
  const forms = new Set<string>();
  for (const secret of secrets) {
    if (secret.length < 4) continue; // too short to scrub without mangling ordinary text
    forms.add(secret);
    const url = parseUrl(secret);
    if (url) {
      forms.add(`${url.host}${url.pathname}`);
      if (url.pathname.length > 1) forms.add(url.pathname);
      forms.add(url.href);
    }
  }
  // Longest first, so a URL is replaced whole before its path alone is looked for.
  let out = text;
  for (const form of [...forms].sort((a, b) => b.length - a.length)) out = out.split(form).join(REDACTED);
  return out;
}

function parseUrl(text: string): URL | undefined {
  try {
    return new URL(text);
  } catch {
    return undefined;
  }
}
