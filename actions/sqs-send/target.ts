import type { ActionTarget } from "../../engine/action/types.js";
import { text } from "../shared/target-text.js";

/** Where sqs-send lands, for `rulebridge graph`: named by the resource, never by a secret. */
export function sqsSendTarget(p: Readonly<Record<string, unknown>>): ActionTarget | undefined {
  const queue = text(p.queue);
  if (queue === undefined) return undefined;
  const name = queue.split(/[/:]/).pop() ?? queue;
  return { key: `sqs|${queue}`, label: `SQS ${name}` };
}
