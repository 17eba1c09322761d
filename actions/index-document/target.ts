import type { ActionTarget } from "../../engine/action/types.js";
import { endpointHost, text } from "../shared/target-text.js";

/** Where index-document lands, for `rulebridge graph`: named by the resource, never by a secret. */
export function indexDocumentTarget(p: Readonly<Record<string, unknown>>): ActionTarget | undefined {
  const endpoint = text(p.endpoint);
  const index = text(p.index);
  if (endpoint === undefined || index === undefined) return undefined;
  const where = endpointHost(endpoint);
  return { key: `opensearch|${where}|${index}`, label: `OpenSearch ${where} index ${index}` };
}
