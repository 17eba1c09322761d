import { getParameterInput } from "../shared/ssm-secret.js";
import type { ActionPlan, PlanInput, PlanStep } from "../types.js";
import { decryptInput } from "./kms-decrypt.js";
import { SLACK_POST } from "./params.js";
import { slackBody } from "./request.js";
import { ciphertextBytes, describeWebhookSource, readWebhookSource } from "./webhook-source.js";

/** Dry run: how the URL would be fetched, then the post with its exact body. The URL is never known here. */
export function planSlackPost({ params, context }: PlanInput): ActionPlan {
  const source = readWebhookSource(params.webhook);
  const body = slackBody(params, context);
  const from = describeWebhookSource(source);
  const steps: PlanStep[] = [];
  switch (source.kind) {
    case "kms": {
      const bytes = ciphertextBytes(source.ciphertext);
      if (bytes === null) throw new Error("webhook.kmsCiphertext: not base64");
      steps.push({
        call: "kms:Decrypt",
        input: decryptInput(source, `<${bytes} bytes of ciphertext>`),
        note: "yields the webhook URL, which is used and never shown",
      });
      break;
    }
    case "ssm":
      steps.push({
        call: "ssm:GetParameter",
        input: getParameterInput(source.parameter),
        note: "yields the webhook URL, which is used and never shown",
      });
      break;
    case "env":
      break;
  }
  steps.push({
    call: `POST <slack webhook from ${from}>`,
    input: { ...body },
    note: "429 waits for Retry-After, 5xx is retried, any other 4xx fails at once",
  });
  return { type: SLACK_POST, summary: `post to Slack (webhook from ${from})`, steps };
}
