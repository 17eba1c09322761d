import type { IamStatement } from "../../engine/action/types.js";
import { isRegion, partitionOfRegion } from "../../engine/arn.js";
import { isTemplateString } from "../template-string.js";

/**
 * DescribeInstances to read the instance, CreateTags to write. CreateTags is limited to instances
 * and, through `aws:TagKeys`, to exactly the keys this rule declares: the role cannot rewrite any
 * other tag (say `Owner` or `CostCenter`) on any instance.
 */
export function tagFromTemplateIam(params: Record<string, unknown>): IamStatement[] {
  const region =
    typeof params.region === "string" && !isTemplateString(params.region) ? params.region : undefined;
  const scopedRegion = region && isRegion(region) ? region : undefined;
  const partition = scopedRegion ? partitionOfRegion(scopedRegion) : "aws";
  const tags = params.tags !== null && typeof params.tags === "object" ? params.tags : {};
  const keys = Object.keys(tags).sort();

  const createTags: IamStatement = {
    actions: ["ec2:CreateTags"],
    // Account stays `*`: rules do not name it and deploy runs in one account anyway.
    resources: [`arn:${partition}:ec2:${scopedRegion ?? "*"}:*:instance/*`],
  };
  if (keys.length > 0) createTags.conditions = { "ForAllValues:StringEquals": { "aws:TagKeys": keys } };

  return [
    {
      actions: ["ec2:DescribeInstances"],
      resources: ["*"],
      why: "ec2:DescribeInstances supports no resource-level permissions; IAM accepts only * for it. It reads, never writes.",
    },
    createTags,
  ];
}
