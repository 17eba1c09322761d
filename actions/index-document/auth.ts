import type { Endpoint, OpenSearchService } from "./endpoint.js";

export type Auth =
  | { type: "sigv4"; service: OpenSearchService; region?: string; resourceArn?: string }
  | { type: "none" }
  | {
      type: "basic";
      username: string;
      password: { kind: "ssm"; parameter: string } | { kind: "env"; variable: string };
    };

/**
 * The effective auth: the `auth` param with gaps filled from the endpoint, or SigV4 by default
 * for AWS endpoints. Any other endpoint must say how it authenticates; guessing `none` would send
 * documents to a cluster the rule author may believe is protected.
 */
export function resolveAuth(auth: unknown, endpoint: Endpoint | undefined): Auth {
  if (auth === undefined) {
    if (endpoint?.aws) return sigv4({}, endpoint);
    throw new Error("auth: required for endpoints outside amazonaws.com (sigv4, basic or none)");
  }
  if (auth === null || typeof auth !== "object" || Array.isArray(auth)) {
    throw new Error("auth: expected {type: sigv4 | none | basic, …}");
  }
  const a = auth as Record<string, unknown>;
  switch (a.type) {
    case "sigv4":
      return sigv4(a, endpoint);
    case "none":
      return { type: "none" };
    case "basic": {
      if (typeof a.username !== "string") throw new Error("auth.username: expected a string");
      if (typeof a.passwordSsmParameter === "string") {
        return {
          type: "basic",
          username: a.username,
          password: { kind: "ssm", parameter: a.passwordSsmParameter },
        };
      }
      if (typeof a.passwordEnv === "string") {
        return { type: "basic", username: a.username, password: { kind: "env", variable: a.passwordEnv } };
      }
      throw new Error("auth: basic needs passwordSsmParameter or passwordEnv");
    }
    default:
      throw new Error(`auth.type: expected sigv4, none or basic, not ${JSON.stringify(a.type)}`);
  }
}

function sigv4(a: Record<string, unknown>, endpoint: Endpoint | undefined): Auth {
  const service = a.service === "es" || a.service === "aoss" ? a.service : (endpoint?.aws?.service ?? "es");
  const region = typeof a.region === "string" ? a.region : endpoint?.aws?.region;
  return {
    type: "sigv4",
    service,
    ...(region !== undefined ? { region } : {}),
    ...(typeof a.resourceArn === "string" ? { resourceArn: a.resourceArn } : {}),
  };
}

/** For plans and logs: how requests are signed and where a password comes from, never the password. */
export function describeAuth(auth: Auth): string {
  switch (auth.type) {
    case "sigv4":
      return `sigv4 (${auth.service}, ${auth.region ?? "runtime region"})`;
    case "none":
      return "none";
    case "basic": {
      const from =
        auth.password.kind === "ssm"
          ? `ssm parameter ${auth.password.parameter}`
          : `env ${auth.password.variable}`;
      return `basic (user ${auth.username}, password from ${from})`;
    }
  }
}
