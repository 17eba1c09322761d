import {
  ActionFailure,
  type ActionResult,
  type ActionServices,
  type RunInput,
} from "../../engine/action/types.js";
import {
  type HttpRequest,
  HttpStatusFailure,
  responseExcerpt,
  sendHttp,
  statusFailure,
} from "../shared/http-request.js";
import { scrubbedFailure } from "../shared/scrubbed-failure.js";
import { describeSecretSource } from "../shared/secret-source.js";
import { forgetSecretValue, secretValue } from "../shared/secret-value.js";
import {
  bodyText,
  describeEndpoint,
  headerValues,
  readWebhookSpec,
  secretSources,
  targetUrl,
  type WebhookSpec,
} from "./request.js";

/** Answers meaning the credential is wrong or gone (rotated, revoked): cached secrets are dropped. */
const REVOKED = new Set([401, 403, 404, 410]);

/**
 * Fetches the secrets (cached up to their maximum age), sends the request `plan` shows, and
 * applies the success statuses. Every value fetched is scrubbed from whatever leaves the action.
 */
export async function runWebhook({ params, services, signal }: RunInput): Promise<ActionResult> {
  let spec: WebhookSpec;
  try {
    spec = readWebhookSpec(params);
  } catch (err) {
    throw new ActionFailure(`webhook not sent: ${(err as Error).message}`, { retryable: false });
  }
  const values = new Map<string, string>();
  try {
    for (const { param, source } of secretSources(spec)) {
      values.set(param, await secretValue(source, services, signal, `the webhook's ${param}`));
    }
    const secret = (param: string) => values.get(param) ?? "";
    const from = spec.url.kind === "literal" ? "url" : describeSecretSource(spec.url.source);
    let url: URL;
    let body: string;
    let headers: Record<string, string>;
    try {
      url = targetUrl(spec.url.kind === "literal" ? spec.url.text : secret("url"), from);
      body = bodyText(spec, secret).text;
      headers = headerValues(spec, secret);
    } catch (err) {
      throw new ActionFailure(`webhook not sent: ${(err as Error).message}`, { retryable: false });
    }
    const where = spec.url.kind === "literal" ? describeEndpoint(url) : `<webhook from ${from}>`;
    const req: HttpRequest = {
      method: spec.method,
      url: url.href,
      headers,
      body,
      timeoutMs: spec.timeoutMs,
      target: where,
      secrets: [url.href, ...values.values()],
    };
    const answer = await sendHttp(services.fetch, req, signal);
    const ok = spec.successStatuses
      ? spec.successStatuses.includes(answer.status)
      : answer.status >= 200 && answer.status < 300;
    if (!ok)
      throw statusFailure(answer, req, {
        answered: "the webhook answered",
        refused: "the webhook refused it",
      });
    return {
      status: "changed",
      summary: `${spec.method} ${where}: HTTP ${answer.status}`,
      detail: { status: answer.status, response: responseExcerpt(answer.text, req.secrets) },
    };
  } catch (err) {
    if (err instanceof HttpStatusFailure && REVOKED.has(err.status)) forgetAll(spec, services);
    throw scrubbedFailure(err, [...values.values()], "webhook failed");
  }
}

function forgetAll(spec: WebhookSpec, services: ActionServices): void {
  for (const { source } of secretSources(spec)) forgetSecretValue(source, services);
}
