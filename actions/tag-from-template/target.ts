import type { ActionTarget } from "../../engine/action/types.js";

/** Where tag-from-template lands, for `rulebridge graph`: named by the resource, never by a secret. */
export function tagFromTemplateTarget(p: Readonly<Record<string, unknown>>): ActionTarget | undefined {
  const tags = p.tags !== null && typeof p.tags === "object" ? Object.keys(p.tags) : [];
  const label = `EC2 tags ${tags.join(", ")}`;
  return { key: `ec2-tags|${tags.join("|")}`, label };
}
