import type { JsonSchema } from "../../engine/action/types.js";

export const TAG_FROM_TEMPLATE = "tag-from-template";

/** The instance id template most rules want: Auto Scaling's launch events carry it here. */
export const DEFAULT_INSTANCE_ID = "{{ event.detail.EC2InstanceId }}";

export const tagFromTemplateSchema: JsonSchema = {
  type: "object",
  description:
    "Describe an EC2 instance, render tag values from templates that can use the instance (`instance.privateIp`, `instance.tags.App`, …), and write only the tags whose value changes.",
  properties: {
    instanceId: {
      type: "string",
      minLength: 1,
      description:
        "The EC2 instance to tag (template). Defaults to `{{ event.detail.EC2InstanceId }}`, the instance of an Auto Scaling launch event.",
      examples: ["{{ event.detail.EC2InstanceId }}", "{{ event.detail.instance-id }}"],
    },
    tags: {
      type: "object",
      description:
        "Tag key → value template. Values are rendered after the instance is described, so besides `event`, `rule` and `now` they can use `instance`: `id, privateIp, publicIp, type, state, az, tags{}`. A missing variable fails the action and no tag is written.",
      minProperties: 1,
      maxProperties: 50,
      propertyNames: { type: "string", minLength: 1, maxLength: 127 },
      additionalProperties: {
        type: "string",
        description: "Template for the tag's value; at most 256 characters once rendered.",
      },
      examples: [
        {
          Name: '{{ instance.tags.Region }}-{{ instance.tags.App }}-{{ instance.privateIp | split: "." | slice: 2, 2 | join: "-" }}',
        },
      ],
    },
    overwrite: {
      type: "boolean",
      default: true,
      description:
        "When true (default), a tag the instance already has is rewritten if its rendered value differs. When false, only tags the instance does not have yet are written.",
    },
    region: {
      type: "string",
      minLength: 1,
      description: "Region of the instance (template). Defaults to the event's `region`.",
      examples: ["us-west-2", "{{ event.region }}"],
    },
  },
  required: ["tags"],
  additionalProperties: false,
};

export const tagFromTemplateDefaults: Readonly<Record<string, unknown>> = {
  instanceId: DEFAULT_INSTANCE_ID,
  overwrite: true,
};

/** Tag values need the described instance, so the engine leaves them as template source. */
export const tagFromTemplateDeferred: Readonly<Record<string, readonly string[]>> = { tags: ["instance"] };

export interface TagFromTemplateParams {
  instanceId: string;
  /** Key → value; template source in `plan`, rendered text in `run`. */
  tags: Record<string, string>;
  overwrite: boolean;
  region?: string;
}

/** Typed view of schema-valid params; throws naming the param when a value has the wrong type. */
export function readTagFromTemplateParams(params: Record<string, unknown>): TagFromTemplateParams {
  const { instanceId, tags, overwrite, region } = params;
  if (typeof instanceId !== "string") throw new Error("instanceId: expected a string");
  if (tags === null || typeof tags !== "object" || Array.isArray(tags)) {
    throw new Error("tags: expected a mapping of tag key to value template");
  }
  const entries = Object.entries(tags);
  for (const [key, value] of entries) {
    if (typeof value !== "string") throw new Error(`tags.${key}: expected a string`);
  }
  if (overwrite !== undefined && typeof overwrite !== "boolean")
    throw new Error("overwrite: expected true or false");
  if (region !== undefined && typeof region !== "string") throw new Error("region: expected a string");
  return {
    instanceId,
    tags: Object.fromEntries(entries) as Record<string, string>,
    overwrite: overwrite ?? true,
    ...(region !== undefined ? { region } : {}),
  };
}
