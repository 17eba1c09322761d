import type { ParamIssue } from "../types.js";

/** A Slack (or GovSlack) incoming-webhook URL, with or without scheme. */
const SLACK_WEBHOOK_URL = /hooks\.slack(-gov)?\.com\//i;

/** Whether text holds a Slack webhook URL. */
export function containsSlackWebhookUrl(text: string): boolean {
  return SLACK_WEBHOOK_URL.test(text);
}

/**
 * Every string in the params that holds a webhook URL, wherever it was pasted (`text`, a block,
 * `webhook.env`). The message never repeats the URL: check output ends up in CI logs.
 */
export function plaintextWebhookIssues(params: Record<string, unknown>): ParamIssue[] {
  const issues: ParamIssue[] = [];
  for (const [path, text] of strings(params, [])) {
    if (!containsSlackWebhookUrl(text)) continue;
    issues.push({
      code: "PLAINTEXT_SECRET",
      path,
      message:
        "a Slack webhook URL in clear text: anyone who reads this rule can post to the channel. Encrypt it (`rulebridge encrypt --key <key> <url>`) into webhook.kmsCiphertext, or use webhook.ssmParameter or webhook.env",
    });
  }
  return issues;
}

function* strings(value: unknown, path: (string | number)[]): Generator<[(string | number)[], string]> {
  if (typeof value === "string") {
    yield [path, value];
  } else if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) yield* strings(value[i], [...path, i]);
  } else if (value !== null && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) yield* strings(v, [...path, k]);
  }
}
