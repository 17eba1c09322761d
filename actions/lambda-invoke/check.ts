import type { ParamIssue } from "../../engine/action/types.js";
import { plaintextSecretIssues } from "../shared/plaintext-secret.js";
import { functionProblem } from "./function-ref.js";

/** Function name/ARN shape and plaintext secrets. */
export function checkLambdaInvoke(params: Record<string, unknown>): ParamIssue[] {
  const issues = plaintextSecretIssues(params);
  const fn = params.function;
  if (typeof fn === "string") {
    const problem = functionProblem(fn);
    if (problem)
      issues.push({
        code: fn.startsWith("arn:") ? "INVALID_ARN" : "INVALID_PARAM",
        path: ["function"],
        message: `Lambda function: ${problem}`,
      });
  }
  return issues;
}
