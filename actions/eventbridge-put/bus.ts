import { checkArn, parseArn } from "../../engine/arn.js";
import { isTemplateString, wildcardPattern } from "../template-string.js";

const BUS_NAME = /^[A-Za-z0-9._-]{1,256}$/;

/** Why this bus reference is wrong, or null. Templates are not judged. */
export function busProblem(bus: string): string | null {
  if (isTemplateString(bus)) return null;
  if (bus.startsWith("arn:")) return checkArn(bus, { service: "events", resourcePrefix: "event-bus/" });
  return BUS_NAME.test(bus) ? null : `bus name "${bus}" must be 1-256 letters, digits, . _ or -`;
}

/** The region a bus ARN names, else undefined (this region). */
export function busRegion(bus: string): string | undefined {
  const arn = bus.startsWith("arn:") ? parseArn(bus) : null;
  return arn && arn.region !== "" ? arn.region : undefined;
}

/** The bus ARN for IAM: an ARN as written, a name in any region and account of the deployment (`*`). */
export function busArnPattern(bus: string): string {
  const pattern = wildcardPattern(bus);
  if (pattern.startsWith("arn:")) return pattern;
  return `arn:aws:events:*:*:event-bus/${pattern}`;
}
