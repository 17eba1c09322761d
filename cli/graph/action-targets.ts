import type { ActionDefinition, ActionTarget } from "../../engine/action/types.js";
import { Redactor } from "../../engine/runtime/redact.js";

export type { ActionTarget } from "../../engine/action/types.js";

const redactor = new Redactor();

/**
 * The target of one action, as its definition describes it (`target`), or undefined when it does
 * not. Labels name the resource (topic, channel, index, tags), never a secret; belt and braces,
 * whatever slipped into one is scrubbed of Slack URLs and URL passwords.
 */
export function actionTarget(
  definition: ActionDefinition,
  params: Readonly<Record<string, unknown>>,
): ActionTarget | undefined {
  const target = definition.target?.(params);
  return target && { key: target.key, label: redactor.string(target.label) };
}
