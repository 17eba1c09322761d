import type { ParamIssue } from "../../engine/action/types.js";
import { checkArn } from "../../engine/arn.js";
import { ENV_NAME } from "../shared/secrets.js";
import { ssmParameterNameProblem } from "../shared/ssm-secret.js";
import { isTemplateString } from "../template-string.js";
import { type Endpoint, isEndpointProblem, parseEndpoint } from "./endpoint.js";
import { indexNameProblem, indexTemplateProblem } from "./index-name.js";

/** Static checks on endpoint, index, id and auth; templated values are checked on what is fixed. */
export function checkIndexDocument(params: Record<string, unknown>): ParamIssue[] {
  const issues: ParamIssue[] = [];
  const literal = (v: unknown): v is string => typeof v === "string" && !isTemplateString(v);
  let endpoint: Endpoint | undefined;

  if (literal(params.endpoint)) {
    const parsed = parseEndpoint(params.endpoint);
    if (isEndpointProblem(parsed)) {
      issues.push({
        code: parsed.secret ? "PLAINTEXT_SECRET" : "INVALID_PARAM",
        path: ["endpoint"],
        // The message never repeats a URL that may hold a password.
        message: parsed.secret ? parsed.message : `endpoint: ${parsed.message}`,
      });
    } else {
      endpoint = parsed;
    }
  }

  if (typeof params.index === "string") {
    const problem = isTemplateString(params.index)
      ? indexTemplateProblem(params.index)
      : indexNameProblem(params.index);
    if (problem) issues.push({ code: "INVALID_PARAM", path: ["index"], message: problem });
  }

  if (literal(params.id)) {
    issues.push({
      code: "INVALID_PARAM",
      severity: "warning",
      path: ["id"],
      message: `id is the fixed text "${params.id}", so every event overwrites the same document; use a template such as {{ event.id }}`,
    });
  }

  issues.push(...authIssues(params.auth, endpoint, literal(params.endpoint)));
  return issues;
}

function authIssues(auth: unknown, endpoint: Endpoint | undefined, endpointIsLiteral: boolean): ParamIssue[] {
  const issues: ParamIssue[] = [];
  if (auth === undefined) {
    if (endpoint && !endpoint.aws) {
      issues.push({
        code: "INVALID_PARAM",
        path: [],
        message: `auth is required: ${endpoint.host} is not an amazonaws.com endpoint, so SigV4 is not assumed (use sigv4, basic or none)`,
      });
    }
    return issues;
  }
  if (auth === null || typeof auth !== "object" || Array.isArray(auth)) return issues;
  const a = auth as Record<string, unknown>;
  const literal = (v: unknown): v is string => typeof v === "string" && !isTemplateString(v);

  if (a.type === "sigv4") {
    const service = a.service === "aoss" || a.service === "es" ? a.service : (endpoint?.aws?.service ?? "es");
    if (literal(a.resourceArn)) {
      const prefix = service === "aoss" ? "collection/" : "domain/";
      const reason = checkArn(a.resourceArn, { service, resourcePrefix: prefix });
      if (reason)
        issues.push({
          code: "INVALID_ARN",
          path: ["auth", "resourceArn"],
          message: `resourceArn: ${reason}`,
        });
    } else if (a.resourceArn === undefined && endpointIsLiteral && endpoint && !endpoint.aws) {
      issues.push({
        code: "INVALID_PARAM",
        severity: "warning",
        path: ["auth"],
        message: `${endpoint.host} does not name an AWS domain or collection, so IAM cannot be scoped to one; set auth.resourceArn`,
      });
    }
  }

  if (a.type === "basic") {
    if (literal(a.passwordSsmParameter)) {
      const name = a.passwordSsmParameter;
      const reason = name.startsWith("arn:")
        ? checkArn(name, { service: "ssm", resourcePrefix: "parameter/" })
        : ssmParameterNameProblem(name);
      if (reason) {
        issues.push({
          code: name.startsWith("arn:") ? "INVALID_ARN" : "INVALID_PARAM",
          path: ["auth", "passwordSsmParameter"],
          message: `SSM parameter: ${reason}`,
        });
      }
    }
    if (literal(a.passwordEnv) && !ENV_NAME.test(a.passwordEnv)) {
      issues.push({
        code: "INVALID_PARAM",
        path: ["auth", "passwordEnv"],
        message: `"${a.passwordEnv}" is not an environment variable name`,
      });
    }
  }
  return issues;
}
