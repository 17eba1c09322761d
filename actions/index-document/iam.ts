import type { IamStatement } from "../../engine/action/types.js";
import { isRegion, parseArn, partitionOfRegion } from "../../engine/arn.js";
import { ssmSecretStatements } from "../shared/ssm-secret.js";
import { isTemplateString, wildcardPattern } from "../template-string.js";
import { type Auth, resolveAuth } from "./auth.js";
import { type Endpoint, isEndpointProblem, parseEndpoint } from "./endpoint.js";

const AOSS_DATA_POLICY =
  "OpenSearch Serverless also checks its own data access policy (not IAM), which must grant aoss:WriteDocument and aoss:CreateIndex on the index.";

/**
 * SigV4: the one HTTP verb used (PUT), on the domain and index the endpoint names, or
 * `aoss:APIAccessAll` on the collection. Basic auth from SSM: reading that parameter.
 * Nothing for `none` or passwords from the environment.
 */
export function indexDocumentIam(params: Record<string, unknown>): IamStatement[] {
  const endpoint = literalEndpoint(params.endpoint);
  let auth: Auth;
  try {
    auth = resolveAuth(params.auth, endpoint);
  } catch {
    // No auth for a non-AWS endpoint is a check error; a templated endpoint defaults to SigV4 at run time.
    if (params.auth !== undefined || endpoint !== undefined) return [];
    auth = { type: "sigv4", service: "es" };
  }
  const indexPattern = typeof params.index === "string" ? wildcardPattern(params.index) : "*";
  switch (auth.type) {
    case "sigv4":
      return [sigv4Statement(auth, endpoint, indexPattern)];
    case "basic":
      return auth.password.kind === "ssm" ? ssmSecretStatements(auth.password.parameter) : [];
    case "none":
      return [];
  }
}

function sigv4Statement(
  auth: Extract<Auth, { type: "sigv4" }>,
  endpoint: Endpoint | undefined,
  indexPattern: string,
): IamStatement {
  const named =
    auth.resourceArn !== undefined && !isTemplateString(auth.resourceArn) ? parseArn(auth.resourceArn) : null;
  if (auth.service === "aoss") {
    const aws = endpoint?.aws;
    if (named?.service === "aoss") {
      return {
        actions: ["aoss:APIAccessAll"],
        resources: [auth.resourceArn as string],
        why: AOSS_DATA_POLICY,
      };
    }
    if (aws?.collectionId) {
      return {
        actions: ["aoss:APIAccessAll"],
        resources: [`arn:${aws.partition}:aoss:${aws.region}:*:collection/${aws.collectionId}`],
        why: `The account is not in the endpoint, hence *. ${AOSS_DATA_POLICY}`,
      };
    }
    return {
      actions: ["aoss:APIAccessAll"],
      resources: [`arn:${partitionOf(auth.region)}:aoss:${regionOf(auth.region)}:*:collection/*`],
      why: `The endpoint does not name a collection (custom or templated); set auth.resourceArn to the collection ARN to scope this. ${AOSS_DATA_POLICY}`,
    };
  }

  if (named?.service === "es") {
    return { actions: ["es:ESHttpPut"], resources: [`${auth.resourceArn}/${indexPattern}/*`] };
  }
  const aws = endpoint?.aws;
  if (aws?.domain) {
    return {
      actions: ["es:ESHttpPut"],
      resources: [`arn:${aws.partition}:es:${aws.region}:*:domain/${aws.domain}/${indexPattern}/*`],
      why: "Domain and region come from the endpoint; the account is not in it, hence *. Scoped to the index path the rule writes.",
    };
  }
  return {
    actions: ["es:ESHttpPut"],
    resources: [`arn:${partitionOf(auth.region)}:es:${regionOf(auth.region)}:*:domain/*/${indexPattern}/*`],
    why: "The endpoint does not name a domain (custom domain name or template); set auth.resourceArn to the domain ARN to scope this to one domain.",
  };
}

/** A literal, well-formed signing region, else `*`. */
function regionOf(region: string | undefined): string {
  return region !== undefined && isRegion(region) ? region : "*";
}

function partitionOf(region: string | undefined): string {
  return region !== undefined && isRegion(region) ? partitionOfRegion(region) : "aws";
}

function literalEndpoint(value: unknown): Endpoint | undefined {
  if (typeof value !== "string" || isTemplateString(value)) return undefined;
  const endpoint = parseEndpoint(value);
  return isEndpointProblem(endpoint) ? undefined : endpoint;
}
