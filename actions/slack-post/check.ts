import type { CheckContext, ParamIssue } from "../../engine/action/types.js";
import { plaintextSecretIssues } from "../shared/plaintext-secret.js";
import { checkSecretSource } from "../shared/secret-check.js";

/** Plaintext secrets anywhere, then the shape of whichever webhook source is given. */
export function checkSlackPost(params: Record<string, unknown>, context?: CheckContext): ParamIssue[] {
  const issues = plaintextSecretIssues(params);
  if (params.text === undefined && context && !context.roots.has("alarm")) {
    issues.push({
      code: "INVALID_PARAM",
      path: [],
      message: "slack-post needs `text`: only rules triggered by an alarm have a default message",
    });
  }
  const flagged = new Set(issues.map((i) => i.path.join("\u0000")));
  issues.push(...checkSecretSource(params.webhook, ["webhook"], "the webhook URL", flagged));
  return issues;
}
