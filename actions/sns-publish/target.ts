import type { ActionTarget } from "../../engine/action/types.js";
import { text } from "../shared/target-text.js";

/** Where sns-publish lands, for `rulebridge graph`: named by the resource, never by a secret. */
export function snsPublishTarget(p: Readonly<Record<string, unknown>>): ActionTarget | undefined {
  const topic = text(p.topicArn);
  return topic === undefined ? undefined : { key: `sns|${topic}`, label: `SNS ${topic}` };
}
