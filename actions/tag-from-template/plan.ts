import type { ActionPlan, PlanInput } from "../../engine/action/types.js";
import { readTagFromTemplateParams, TAG_FROM_TEMPLATE } from "./params.js";
import { createTagsInput, describeInstancesInput, eventRegion } from "./request.js";
import { INSTANCE_ID } from "./tag-rules.js";

/**
 * Dry run: the instance id is rendered; tag values stay template source because they need the
 * `instance` the live run describes first. Throws (a failed plan) when the id is not one.
 */
export function planTagFromTemplate({ params, context }: PlanInput): ActionPlan {
  const p = readTagFromTemplateParams(params);
  if (!INSTANCE_ID.test(p.instanceId)) {
    throw new Error(`instanceId: rendered to "${p.instanceId}", which is not an EC2 instance id (i-…)`);
  }
  const region = p.region ?? eventRegion(context);
  const keys = Object.keys(p.tags);
  const templates = Object.entries(p.tags).map(([Key, Value]) => ({ Key, Value }));
  const where = region ? ` in ${region}` : "";
  return {
    type: TAG_FROM_TEMPLATE,
    summary: `tag ${p.instanceId}${where}: ${keys.join(", ")} (only tags whose value changes)`,
    steps: [
      {
        call: "ec2:DescribeInstances",
        input: describeInstancesInput(p.instanceId),
        note: "reads the instance for the `instance` template root (id, privateIp, publicIp, type, state, az, tags)",
      },
      {
        call: "ec2:CreateTags",
        input: createTagsInput(p.instanceId, templates),
        note: p.overwrite
          ? "values shown as templates, rendered against the described instance; only tags whose rendered value differs from the current one are written; a missing variable fails the action and no tag is written"
          : "values shown as templates, rendered against the described instance; overwrite is false, so only tags the instance does not have yet are written; a missing variable fails the action and no tag is written",
      },
    ],
  };
}
