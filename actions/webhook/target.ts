import type { ActionTarget } from "../../engine/action/types.js";
import { endpointHost, webhookSource } from "../shared/target-text.js";

/** Where webhook lands, for `rulebridge graph`: named by the resource, never by a secret. */
export function webhookTarget(p: Readonly<Record<string, unknown>>): ActionTarget | undefined {
  const url = p.url;
  if (typeof url === "string") {
    const where = endpointHost(url).split("/")[0] ?? url;
    return { key: `webhook|${where}`, label: `webhook ${where}` };
  }
  const via = webhookSource(url);
  return { key: `webhook|${via.key}`, label: `webhook (${via.label.replace(/^webhook /, "URL ")})` };
}
