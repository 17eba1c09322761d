import { ssmSecretStatements } from "../shared/ssm-secret.js";
import type { IamStatement } from "../types.js";
import { kmsDecryptStatement } from "./kms-decrypt.js";
import { readWebhookSource } from "./webhook-source.js";

/** Only what fetching the URL needs; posting to Slack is plain HTTPS and needs no AWS permission. */
export function slackPostIam(params: Record<string, unknown>): IamStatement[] {
  const source = readWebhookSource(params.webhook);
  switch (source.kind) {
    case "kms":
      return [kmsDecryptStatement(source)];
    case "ssm":
      return ssmSecretStatements(source.parameter);
    case "env":
      return [];
  }
}
