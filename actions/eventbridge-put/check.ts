import type { ParamIssue } from "../../engine/action/types.js";
import { plaintextSecretIssues } from "../shared/plaintext-secret.js";
import { isTemplateString } from "../template-string.js";
import { busProblem } from "./bus.js";

/** Bus name/ARN shape, a literal `aws.` source (which PutEvents refuses), plaintext secrets. */
export function checkEventbridgePut(params: Record<string, unknown>): ParamIssue[] {
  const issues = plaintextSecretIssues(params);
  const { bus, source } = params;
  if (typeof bus === "string") {
    const problem = busProblem(bus);
    if (problem)
      issues.push({
        code: bus.startsWith("arn:") ? "INVALID_ARN" : "INVALID_PARAM",
        path: ["bus"],
        message: `event bus: ${problem}`,
      });
  }
  if (typeof source === "string" && !isTemplateString(source) && /^aws\./i.test(source)) {
    issues.push({
      code: "INVALID_PARAM",
      path: ["source"],
      message: `source "${source}": EventBridge reserves aws. sources for AWS services and refuses them from PutEvents`,
    });
  }
  return issues;
}
