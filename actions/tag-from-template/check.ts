import type { ParamIssue } from "../../engine/action/types.js";
import { isRegion } from "../../engine/arn.js";
import { isTemplateString } from "../template-string.js";
import { INSTANCE_ID, tagKeyProblem, tagValueProblem } from "./tag-rules.js";

/** Meaning checks the schema cannot express. Params may be schema-invalid here: read defensively. */
export function checkTagFromTemplate(params: Record<string, unknown>): ParamIssue[] {
  const issues: ParamIssue[] = [];
  const { instanceId, tags, region } = params;

  if (typeof instanceId === "string" && !isTemplateString(instanceId) && !INSTANCE_ID.test(instanceId)) {
    issues.push({
      code: "INVALID_PARAM",
      path: ["instanceId"],
      message: `"${instanceId}" is not an EC2 instance id (i- followed by 8 or 17 hex digits)`,
    });
  }

  if (tags !== null && typeof tags === "object" && !Array.isArray(tags)) {
    for (const [key, value] of Object.entries(tags)) {
      const keyProblem = tagKeyProblem(key);
      if (keyProblem) issues.push({ code: "INVALID_PARAM", path: ["tags", key], message: keyProblem });
      if (typeof value === "string" && !isTemplateString(value)) {
        const valueProblem = tagValueProblem(key, value);
        if (valueProblem) issues.push({ code: "INVALID_PARAM", path: ["tags", key], message: valueProblem });
      }
    }
  }

  if (typeof region === "string" && !isTemplateString(region) && !isRegion(region)) {
    issues.push({ code: "INVALID_PARAM", path: ["region"], message: `"${region}" is not a region name` });
  }
  return issues;
}
