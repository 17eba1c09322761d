import type { ActionDefinition, ActionSample, JsonSchema } from "../../engine/action/types.js";
import { isSchema } from "./schema-constraints.js";

export type { ActionSample, SampleTrigger } from "../../engine/action/types.js";

/**
 * The samples to document for an action: its own (`samples`), else one made up from its params
 * schema (each property's first example, else its default), so a user's action registered the
 * same way still gets an IAM section and an example.
 */
export function actionSamples(action: ActionDefinition): readonly ActionSample[] {
  if (action.samples && action.samples.length > 0) return action.samples;
  const params: Record<string, unknown> = {};
  const properties = isSchema(action.paramsSchema.properties) ? action.paramsSchema.properties : {};
  for (const [key, property] of Object.entries(properties)) {
    const value = sampleValue(property);
    if (value !== undefined) params[key] = value;
  }
  return [
    {
      title: "From the params schema's examples",
      on: { pattern: { source: ["aws.ec2"] } },
      params,
      synthesized: true,
    },
  ];
}

function sampleValue(schema: unknown): unknown {
  if (!isSchema(schema)) return undefined;
  if (Array.isArray(schema.examples) && schema.examples.length > 0) return schema.examples[0];
  return (schema as JsonSchema).default;
}
