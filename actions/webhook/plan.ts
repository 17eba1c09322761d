import type { ActionPlan, PlanInput, PlanStep } from "../../engine/action/types.js";
import { describeSecretSource } from "../shared/secret-source.js";
import { secretPlanSteps } from "../shared/secret-value.js";
import { WEBHOOK } from "./params.js";
import {
  bodyText,
  describeEndpoint,
  headerValues,
  readWebhookSpec,
  secretSources,
  targetUrl,
} from "./request.js";

/**
 * Dry run: how each secret would be fetched, then the request with its exact body and headers,
 * secrets shown as where they come from. A literal URL is shown by host only (its path may be a
 * token the recogniser does not know).
 */
export function planWebhook({ params }: PlanInput): ActionPlan {
  const spec = readWebhookSpec(params);
  const described = new Map(
    secretSources(spec).map(({ param, source }) => [
      param,
      `<${param} from ${describeSecretSource(source)}>`,
    ]),
  );
  const secret = (param: string) => described.get(param) ?? `<${param}>`;
  const steps: PlanStep[] = secretSources(spec).flatMap(({ param, source }) =>
    secretPlanSteps(source, param, param),
  );
  const where =
    spec.url.kind === "literal"
      ? `webhook ${describeEndpoint(targetUrl(spec.url.text, "url"))}`
      : `webhook from ${describeSecretSource(spec.url.source)}`;
  const { text, json } = bodyText(spec, secret);
  const success = spec.successStatuses ? `HTTP ${spec.successStatuses.join(", ")}` : "any 2xx";
  steps.push({
    call: `${spec.method} <${where}>`,
    input: { headers: headerValues(spec, secret), body: json ?? text },
    note: `success: ${success}; 429 waits for Retry-After, 408/5xx, timeouts (${spec.timeoutMs / 1000}s) and network errors are retried, any other status fails at once`,
  });
  return { type: WEBHOOK, summary: `${spec.method} to ${where}`, steps };
}
