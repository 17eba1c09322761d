import { readSecretSource, type SecretSource } from "../shared/secret-source.js";
import { DEFAULT_BODY, DEFAULT_TIMEOUT_SECONDS } from "./params.js";

/**
 * The webhook request as the rendered params describe it, before any secret is fetched. `plan`
 * shows it with secrets described, `run` sends it with their values; both build it here.
 */
export interface WebhookSpec {
  method: "POST" | "PUT";
  url: { kind: "literal"; text: string } | { kind: "secret"; source: SecretSource };
  headers: WebhookHeader[];
  format: "json" | "text";
  /** Rendered: an object for JSON bodies given as a mapping, else text. */
  body: unknown;
  bodySecrets: { param: string; path: string[]; source: SecretSource }[];
  successStatuses: number[] | undefined;
  timeoutMs: number;
}

export type WebhookHeader =
  | { name: string; kind: "literal"; value: string }
  | { name: string; kind: "secret"; param: string; source: SecretSource; prefix: string };

/** Every secret the request needs, with the param that names it (`url`, `headers.Authorization`). */
export function secretSources(spec: WebhookSpec): { param: string; source: SecretSource }[] {
  const out: { param: string; source: SecretSource }[] = [];
  if (spec.url.kind === "secret") out.push({ param: "url", source: spec.url.source });
  for (const h of spec.headers) if (h.kind === "secret") out.push({ param: h.param, source: h.source });
  for (const b of spec.bodySecrets) out.push({ param: b.param, source: b.source });
  return out;
}

/** Typed view of the rendered params; throws naming the param. */
export function readWebhookSpec(params: Record<string, unknown>): WebhookSpec {
  const method = params.method ?? "POST";
  if (method !== "POST" && method !== "PUT") throw new Error("method: expected POST or PUT");
  const format = params.format ?? "json";
  if (format !== "json" && format !== "text") throw new Error("format: expected json or text");

  const url: WebhookSpec["url"] =
    typeof params.url === "string"
      ? { kind: "literal", text: params.url }
      : { kind: "secret", source: readSecretSource(params.url, "url") };

  const headers: WebhookHeader[] = [];
  for (const [name, value] of Object.entries(mapping(params.headers, "headers"))) {
    if (typeof value === "string") {
      headers.push({ name, kind: "literal", value });
    } else {
      const param = `headers.${name}`;
      const prefix = (value as Record<string, unknown> | null)?.prefix;
      const { prefix: _p, ...rest } = mapping(value, param);
      headers.push({
        name,
        kind: "secret",
        param,
        source: readSecretSource(rest, param),
        prefix: typeof prefix === "string" ? prefix : "",
      });
    }
  }

  const bodySecrets: WebhookSpec["bodySecrets"] = [];
  for (const [path, value] of Object.entries(mapping(params.bodySecrets, "bodySecrets"))) {
    if (format !== "json") throw new Error("bodySecrets: only JSON bodies (format: json) have fields");
    const param = `bodySecrets.${path}`;
    bodySecrets.push({ param, path: path.split("."), source: readSecretSource(value, param) });
  }

  let successStatuses: number[] | undefined;
  if (params.successStatuses !== undefined) {
    if (!Array.isArray(params.successStatuses) || !params.successStatuses.every(Number.isInteger)) {
      throw new Error("successStatuses: expected a list of HTTP statuses");
    }
    successStatuses = params.successStatuses as number[];
  }
  const seconds = params.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS;
  if (typeof seconds !== "number" || !(seconds > 0))
    throw new Error("timeoutSeconds: expected a positive number");

  const body = params.body ?? DEFAULT_BODY;
  return {
    method,
    url,
    headers,
    format,
    body,
    bodySecrets,
    successStatuses,
    timeoutMs: Math.round(seconds * 1000),
  };
}

/**
 * The body as sent. JSON: a mapping is serialised; a string must already be JSON text (so a
 * template like `{{ event | json }}` is sent as is). Body secrets are set at their paths, from
 * `secret(param)`: values in a run, descriptions in a plan. Returns the parsed JSON too, for plans.
 */
export function bodyText(
  spec: WebhookSpec,
  secret: (param: string) => string,
): { text: string; json?: unknown } {
  if (spec.format === "text") {
    if (typeof spec.body !== "string") throw new Error("body: format text needs a string body");
    return { text: spec.body };
  }
  let json: unknown = spec.body;
  if (typeof spec.body === "string") {
    try {
      json = JSON.parse(spec.body);
    } catch {
      throw new Error("body: rendered text is not JSON; give an object, or set format: text");
    }
  }
  if (spec.bodySecrets.length > 0) {
    if (json === null || typeof json !== "object" || Array.isArray(json)) {
      throw new Error("bodySecrets: the body must be a JSON object to hold fields");
    }
    json = structuredClone(json);
    for (const { param, path, source: _s } of spec.bodySecrets)
      setPath(json as Record<string, unknown>, path, secret(param));
  }
  return { text: JSON.stringify(json), json };
}

/** Request headers: content type for the format, then the rule's (which win), secrets from `secret`. */
export function headerValues(spec: WebhookSpec, secret: (param: string) => string): Record<string, string> {
  const out: Record<string, string> = {
    "content-type": spec.format === "json" ? "application/json; charset=utf-8" : "text/plain; charset=utf-8",
  };
  for (const h of spec.headers) {
    const value = h.kind === "literal" ? h.value : `${h.prefix}${secret(h.param)}`;
    for (const key of Object.keys(out)) if (key.toLowerCase() === h.name.toLowerCase()) delete out[key];
    out[h.name] = value;
  }
  return out;
}

const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/;

/**
 * The URL to send to: https, or plain http to a loopback host (local receivers) — anywhere else
 * plain http would send the body and its credentials across the network in clear. `from` says
 * where the value came from; the value is never quoted, it may be a secret.
 */
export function targetUrl(text: string, from: string): URL {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    throw new Error(`the webhook URL from ${from} is not an absolute URL`);
  }
  const secure = url.protocol === "https:" || (url.protocol === "http:" && LOOPBACK.test(url.hostname));
  if (!secure) throw new Error(`the webhook URL from ${from} must be an https URL (got ${url.protocol})`);
  return url;
}

/** How messages name the endpoint: scheme and host only, since a path or query may hold a token. */
export function describeEndpoint(url: URL): string {
  return `${url.protocol}//${url.host}/…`;
}

function setPath(target: Record<string, unknown>, path: string[], value: string): void {
  let cur = target;
  for (const key of path.slice(0, -1)) {
    // Own properties only: a path through `__proto__` must create a field, not reach a prototype.
    const next = Object.hasOwn(cur, key) ? cur[key] : undefined;
    if (next === null || typeof next !== "object" || Array.isArray(next)) {
      const created: Record<string, unknown> = {};
      Object.defineProperty(cur, key, {
        value: created,
        enumerable: true,
        writable: true,
        configurable: true,
      });
      cur = created;
    } else {
      cur = next as Record<string, unknown>;
    }
  }
  const last = path[path.length - 1] as string;
  Object.defineProperty(cur, last, { value, enumerable: true, writable: true, configurable: true });
}

function mapping(value: unknown, param: string): Record<string, unknown> {
  if (value === undefined) return {};
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new Error(`${param}: expected a mapping`);
  }
  return value as Record<string, unknown>;
}
