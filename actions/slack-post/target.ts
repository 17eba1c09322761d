import type { ActionTarget } from "../../engine/action/types.js";
import { text, webhookSource } from "../shared/target-text.js";

/** Where slack-post lands, for `rulebridge graph`: named by the resource, never by a secret. */
export function slackPostTarget(p: Readonly<Record<string, unknown>>): ActionTarget | undefined {
  const channel = text(p.channel);
  const via = webhookSource(p.webhook);
  const label = channel === undefined ? `Slack (${via.label})` : `Slack ${channel} (${via.label})`;
  return { key: `slack|${channel ?? ""}|${via.key}`, label };
}
