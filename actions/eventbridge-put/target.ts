import type { ActionTarget } from "../../engine/action/types.js";
import { text } from "../shared/target-text.js";

/** Where eventbridge-put lands, for `rulebridge graph`: named by the resource, never by a secret. */
export function eventbridgePutTarget(p: Readonly<Record<string, unknown>>): ActionTarget | undefined {
  const bus = text(p.bus) ?? "default";
  return { key: `events|${bus}`, label: `EventBridge bus ${bus}` };
}
