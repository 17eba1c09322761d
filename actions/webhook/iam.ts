import type { IamStatement } from "../../engine/action/types.js";
import { secretSourceIam } from "../shared/secret-value.js";
import { readWebhookSpec, secretSources } from "./request.js";

/** Only what fetching the secrets needs; the request itself is plain HTTPS and needs no AWS permission. */
export function webhookIam(params: Record<string, unknown>): IamStatement[] {
  return secretSources(readWebhookSpec(params)).flatMap(({ source }) => secretSourceIam(source));
}
