import type { ParamIssue } from "../../engine/action/types.js";
import { checkArn } from "../../engine/arn.js";
import { isTemplateString } from "../template-string.js";
import { ciphertextBytes } from "./secret-source.js";
import { ENV_NAME } from "./secrets.js";
import { secretNameProblem } from "./secrets-manager.js";
import { ssmParameterNameProblem } from "./ssm-secret.js";

/**
 * Static checks of a secret source at `path` inside the params: base64 ciphertext, key, parameter
 * and secret ARNs and names, env names. Paths already flagged (`skip`, e.g. a plaintext secret
 * pasted as the parameter name) are not checked again. `what` names the secret in messages.
 */
export function checkSecretSource(
  value: unknown,
  path: (string | number)[],
  what: string,
  skip: ReadonlySet<string> = new Set(),
): ParamIssue[] {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return [];
  const w = value as Record<string, unknown>;
  const issues: ParamIssue[] = [];
  const literal = (v: unknown): v is string => typeof v === "string" && !isTemplateString(v);
  const fresh = (key: string) => !skip.has([...path, key].join("\u0000"));
  const at = (key: string) => [...path, key];

  if (literal(w.kmsCiphertext) && fresh("kmsCiphertext") && ciphertextBytes(w.kmsCiphertext) === null) {
    issues.push({
      code: "INVALID_PARAM",
      path: at("kmsCiphertext"),
      message:
        "kmsCiphertext is not base64; paste the CiphertextBlob exactly as `rulebridge encrypt` printed it",
    });
  }
  if (w.kmsCiphertext !== undefined) {
    if (literal(w.keyArn)) {
      const reason = checkArn(w.keyArn, { service: "kms" }) ?? keyResourceProblem(w.keyArn);
      if (reason) issues.push({ code: "INVALID_ARN", path: at("keyArn"), message: `KMS key ARN: ${reason}` });
    } else if (w.keyArn === undefined) {
      issues.push({
        code: "INVALID_PARAM",
        severity: "warning",
        path,
        message: `no keyArn for ${what}: deploy has to grant kms:Decrypt on every KMS key (resource *); name the key that encrypted it to scope the grant to it`,
      });
    }
  }

  for (const store of STORES) {
    const name = w[store.key];
    if (!literal(name) || !fresh(store.key)) continue;
    const arn = name.startsWith("arn:");
    const reason = arn ? checkArn(name, store.arn) : store.nameProblem(name);
    if (reason) {
      issues.push({
        code: arn ? "INVALID_ARN" : "INVALID_PARAM",
        path: at(store.key),
        message: `${store.label}: ${reason}`,
      });
    }
  }

  if (literal(w.env) && fresh("env") && !ENV_NAME.test(w.env)) {
    issues.push({
      code: "INVALID_PARAM",
      path: at("env"),
      message: `"${w.env}" is not an environment variable name (letters, digits, _; not starting with a digit)`,
    });
  }
  return issues;
}

/** The stores a secret is read from by ARN or by name, and how each one's are checked. */
const STORES = [
  {
    key: "ssmParameter",
    label: "SSM parameter",
    arn: { service: "ssm", resourcePrefix: "parameter/" },
    nameProblem: ssmParameterNameProblem,
  },
  {
    key: "secretsManager",
    label: "Secrets Manager secret",
    arn: { service: "secretsmanager", resourcePrefix: "secret:" },
    nameProblem: secretNameProblem,
  },
] as const;

function keyResourceProblem(arn: string): string | null {
  const resource = arn.split(":").slice(5).join(":");
  return /^(key|alias)\/.+/.test(resource)
    ? null
    : `resource "${resource}" should be key/<id> or alias/<name>`;
}
