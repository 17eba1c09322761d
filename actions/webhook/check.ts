import type { ParamIssue } from "../../engine/action/types.js";
import { plaintextSecretIssues } from "../shared/plaintext-secret.js";
import { checkSecretSource } from "../shared/secret-check.js";
import { isTemplateString, literalPrefix } from "../template-string.js";

/** Header names whose values are credentials. */
const CREDENTIAL_HEADER =
  /^(authorization|proxy-authorization|cookie|x-api-key|api-key|apikey|x-auth-token|x-.*-(token|key|secret))$/i;
/** JSON field and query parameter names whose values are credentials (PagerDuty's routing_key, Opsgenie's apiKey). */
const CREDENTIAL_NAME =
  /(^|[-_.])(token|secret|password|passwd|api[-_]?key|apikey|routing[-_]?key|integration[-_]?key|access[-_]?key|sig|signature)$/i;
const CREDENTIAL_CAMEL = /(Token|Secret|Password|ApiKey|RoutingKey|IntegrationKey|AccessKey)$/;

/**
 * Static checks: plaintext secrets the recogniser knows, anywhere; literal credentials in
 * headers, body fields and URL (user:password, token query parameters); the URL's scheme; and
 * each secret source's shape.
 */
export function checkWebhook(params: Record<string, unknown>): ParamIssue[] {
  const issues = plaintextSecretIssues(params);
  const flagged = () => new Set(issues.map((i) => i.path.join("\u0000")));
  const secret = (path: (string | number)[], message: string) =>
    flagged().has(path.join("\u0000")) ? undefined : issues.push({ code: "PLAINTEXT_SECRET", path, message });

  const { url, headers, body, bodySecrets, format } = params;
  if (typeof url === "string") {
    const fixed = literalPrefix(url);
    const parsed = parseUrl(url);
    if (parsed && (parsed.password !== "" || parsed.username !== "")) {
      secret(
        ["url"],
        "the webhook URL has credentials (user:password@) in clear text; put the whole URL in a secret source (url: {ssmParameter: …})",
      );
    } else if (parsed) {
      for (const [name, value] of parsed.searchParams) {
        if (isCredentialName(name) && value !== "" && !isTemplateString(value)) {
          secret(
            ["url"],
            `the webhook URL's query parameter ${name} is a credential in clear text; put the whole URL in a secret source (url: {ssmParameter: …})`,
          );
          break;
        }
      }
    }
    if (
      /^http:\/\//i.test(fixed) &&
      !/^http:\/\/(localhost|127(\.\d{1,3}){3}|\[::1\])([:/]|$)/i.test(fixed)
    ) {
      issues.push({
        code: "INVALID_PARAM",
        path: ["url"],
        message: "the webhook URL must be https (plain http only for loopback hosts)",
      });
    } else if (!/^https?:\/\//i.test(fixed) && fixed !== "" && !"https://".startsWith(fixed.toLowerCase())) {
      issues.push({
        code: "INVALID_PARAM",
        path: ["url"],
        message: "the webhook URL must be an absolute https URL",
      });
    }
  } else {
    issues.push(...checkSecretSource(url, ["url"], "the webhook URL", flagged()));
  }

  if (isMapping(headers)) {
    for (const [name, value] of Object.entries(headers)) {
      if (typeof value === "string") {
        if (CREDENTIAL_HEADER.test(name) && value.trim() !== "" && !isTemplateString(value)) {
          secret(
            ["headers", name],
            `header ${name} holds a credential in clear text; give a secret source instead (${name}: {ssmParameter: …, prefix: …})`,
          );
        }
      } else if (isMapping(value)) {
        const { prefix: _prefix, ...source } = value;
        issues.push(...checkSecretSource(source, ["headers", name], `header ${name}`, flagged()));
      }
    }
  }

  if (isMapping(body)) {
    for (const [path, value] of literalFields(body, ["body"])) {
      const key = String(path[path.length - 1]);
      if (isCredentialName(key) && value.trim() !== "" && !isTemplateString(value)) {
        secret(
          path,
          `body field ${key} holds a credential in clear text; set it from a secret source in bodySecrets`,
        );
      }
    }
  }

  if (isMapping(bodySecrets)) {
    if (format === "text") {
      issues.push({
        code: "INVALID_PARAM",
        path: ["bodySecrets"],
        message: "bodySecrets needs a JSON body (format: json)",
      });
    }
    for (const [path, value] of Object.entries(bodySecrets)) {
      issues.push(...checkSecretSource(value, ["bodySecrets", path], `body field ${path}`, flagged()));
    }
  }
  if (format === "text" && body !== undefined && typeof body !== "string") {
    issues.push({ code: "INVALID_PARAM", path: ["body"], message: "format text needs a string body" });
  }
  return issues;
}

function isCredentialName(name: string): boolean {
  return CREDENTIAL_NAME.test(name) || CREDENTIAL_CAMEL.test(name);
}

function* literalFields(value: unknown, path: (string | number)[]): Generator<[(string | number)[], string]> {
  if (typeof value === "string") yield [path, value];
  else if (Array.isArray(value))
    for (let i = 0; i < value.length; i++) yield* literalFields(value[i], [...path, i]);
  else if (isMapping(value))
    for (const [k, v] of Object.entries(value)) yield* literalFields(v, [...path, k]);
}

function isMapping(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

function parseUrl(text: string): URL | undefined {
  if (isTemplateString(text)) return undefined;
  try {
    return new URL(text);
  } catch {
    return undefined;
  }
}
