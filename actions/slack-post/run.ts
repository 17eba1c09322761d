import { ActionFailure, type ActionResult, type RunInput } from "../../engine/action/types.js";
import { HttpStatusFailure } from "../shared/http-request.js";
import { scrubbedFailure } from "../shared/scrubbed-failure.js";
import { forgetSecretValue } from "../shared/secret-value.js";
import { postWebhook } from "./post-webhook.js";
import { type SlackBody, slackBody } from "./request.js";
import { describeWebhookSource, readWebhookSource, type WebhookSource } from "./webhook-source.js";
import { webhookUrl } from "./webhook-url.js";

/**
 * Fetch the URL (cached up to the secrets' maximum age), then post the body `plan` shows. Whatever goes wrong, the
 * URL is scrubbed from the failure as a last line of defence: results and errors end up in logs.
 */
export async function runSlackPost({ params, context, services, signal }: RunInput): Promise<ActionResult> {
  let source: WebhookSource;
  let body: SlackBody;
  try {
    source = readWebhookSource(params.webhook);
    body = slackBody(params, context);
  } catch (err) {
    throw new ActionFailure(`slack-post not sent: ${(err as Error).message}`, { retryable: false });
  }
  const from = describeWebhookSource(source);
  const target = `<slack webhook from ${from}>`;

  let url: string | undefined;
  try {
    url = await webhookUrl(source, services, signal);
    const answer = await postWebhook(services.fetch, url, body, signal, target);
    const detail: Record<string, unknown> = { status: answer.status, response: answer.body };
    if (body.channel !== undefined) detail.channel = body.channel;
    return { status: "changed", summary: `posted to Slack (webhook from ${from})`, detail };
  } catch (err) {
    // invalid_token, no_service, channel_is_archived: the hook was probably rotated or revoked, so
    // the cached URL must not be posted to again; the next event (or a retry) fetches it afresh.
    if (err instanceof HttpStatusFailure && REVOKED.has(err.status)) forgetSecretValue(source, services);
    throw scrubbedFailure(err, url !== undefined ? [url] : [], "slack-post failed");
  }
}

/** Slack's answers for a hook that no longer works as cached. */
const REVOKED = new Set([403, 404, 410]);
