import type { IamStatement } from "../../engine/action/types.js";
import { secretSourceIam } from "../shared/secret-value.js";
import { readWebhookSource } from "./webhook-source.js";

/** Only what fetching the URL needs; posting to Slack is plain HTTPS and needs no AWS permission. */
export function slackPostIam(params: Record<string, unknown>): IamStatement[] {
  return secretSourceIam(readWebhookSource(params.webhook));
}
