import { checkArn, parseArn } from "../../engine/arn.js";
import { isTemplateString, wildcardPattern } from "../template-string.js";

/** Function names: letters, digits, - and _, up to 64; a qualifier (alias or version) after `:`. */
const NAME = /^[A-Za-z0-9_-]{1,64}(:(\$LATEST|[A-Za-z0-9_-]{1,128}))?$/;

/** Why this function reference is wrong, or null. Templates are not judged. */
export function functionProblem(fn: string): string | null {
  if (isTemplateString(fn)) return null;
  if (fn.startsWith("arn:")) {
    const reason = checkArn(fn, { service: "lambda", resourcePrefix: "function:" });
    if (reason) return reason;
    const rest = fn.split(":").slice(6).join(":");
    return NAME.test(rest)
      ? null
      : `function "${rest}" must be a name (letters, digits, - _), optionally :alias or :version`;
  }
  return NAME.test(fn)
    ? null
    : `function "${fn}" must be a name (letters, digits, - _), optionally :alias or :version, or an ARN`;
}

/** The region a function ARN names, else undefined (this region). */
export function functionRegion(fn: string): string | undefined {
  const arn = fn.startsWith("arn:") ? parseArn(fn) : null;
  return arn && arn.region !== "" ? arn.region : undefined;
}

/**
 * The function's ARNs for IAM: the function and, when a qualifier is given, that qualifier
 * (IAM matches `lambda:InvokeFunction` against the ARN as invoked). A name leaves region and
 * account as `*`.
 */
export function functionArnPatterns(fn: string): string[] {
  const pattern = wildcardPattern(fn);
  const arn = pattern.startsWith("arn:") ? pattern : `arn:aws:lambda:*:*:function:${pattern}`;
  const parts = arn.split(":");
  const base = parts.slice(0, 7).join(":");
  if (parts.length > 7) return [base, arn];
  return [base];
}
