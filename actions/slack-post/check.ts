import { checkArn } from "../../engine/arn.js";
import { plaintextSecretIssues } from "../shared/plaintext-secret.js";
import { ENV_NAME } from "../shared/secrets.js";
import { ssmParameterNameProblem } from "../shared/ssm-secret.js";
import { isTemplateString } from "../template-string.js";
import type { CheckContext, ParamIssue } from "../types.js";
import { ciphertextBytes } from "./webhook-source.js";

/** Plaintext URLs anywhere, then the shape of whichever webhook source is given. */
export function checkSlackPost(params: Record<string, unknown>, context?: CheckContext): ParamIssue[] {
  const issues = plaintextSecretIssues(params);
  if (params.text === undefined && context && !context.roots.has("alarm")) {
    issues.push({
      code: "INVALID_PARAM",
      path: [],
      message: "slack-post needs `text`: only rules triggered by an alarm have a default message",
    });
  }
  const webhook = params.webhook;
  if (webhook === null || typeof webhook !== "object" || Array.isArray(webhook)) return issues;
  const w = webhook as Record<string, unknown>;
  const literal = (v: unknown): v is string => typeof v === "string" && !isTemplateString(v);
  const flagged = new Set(issues.map((i) => i.path.join("\u0000")));
  const fresh = (path: string[]) => !flagged.has(path.join("\u0000"));

  if (
    literal(w.kmsCiphertext) &&
    fresh(["webhook", "kmsCiphertext"]) &&
    ciphertextBytes(w.kmsCiphertext) === null
  ) {
    issues.push({
      code: "INVALID_PARAM",
      path: ["webhook", "kmsCiphertext"],
      message:
        "kmsCiphertext is not base64; paste the CiphertextBlob exactly as `rulebridge encrypt` printed it",
    });
  }
  if (w.kmsCiphertext !== undefined) {
    if (literal(w.keyArn)) {
      const reason = checkArn(w.keyArn, { service: "kms" }) ?? keyResourceProblem(w.keyArn);
      if (reason)
        issues.push({ code: "INVALID_ARN", path: ["webhook", "keyArn"], message: `KMS key ARN: ${reason}` });
    } else if (w.keyArn === undefined) {
      issues.push({
        code: "INVALID_PARAM",
        severity: "warning",
        path: ["webhook"],
        message:
          "no webhook.keyArn: deploy has to grant kms:Decrypt on every KMS key (resource *); name the key that encrypted the URL to scope the grant to it",
      });
    }
  }

  if (literal(w.ssmParameter) && fresh(["webhook", "ssmParameter"])) {
    const reason = w.ssmParameter.startsWith("arn:")
      ? checkArn(w.ssmParameter, { service: "ssm", resourcePrefix: "parameter/" })
      : ssmParameterNameProblem(w.ssmParameter);
    if (reason) {
      issues.push({
        code: w.ssmParameter.startsWith("arn:") ? "INVALID_ARN" : "INVALID_PARAM",
        path: ["webhook", "ssmParameter"],
        message: `SSM parameter: ${reason}`,
      });
    }
  }

  if (literal(w.env) && fresh(["webhook", "env"]) && !ENV_NAME.test(w.env)) {
    issues.push({
      code: "INVALID_PARAM",
      path: ["webhook", "env"],
      message: `"${w.env}" is not an environment variable name (letters, digits, _; not starting with a digit)`,
    });
  }
  return issues;
}

function keyResourceProblem(arn: string): string | null {
  const resource = arn.split(":").slice(5).join(":");
  return /^(key|alias)\/.+/.test(resource)
    ? null
    : `resource "${resource}" should be key/<id> or alias/<name>`;
}
