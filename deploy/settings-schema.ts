import type { JsonSchema } from "../engine/action/types.js";

/** CloudWatch Logs accepts only these retention periods (days). */
export const LOG_RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
] as const;

/**
 * JSON Schema of `rulebridge.yaml`, the deploy settings. Every key is optional: an empty file
 * deploys an env-agnostic stack named `rulebridge` on the default bus.
 */
export const SETTINGS_SCHEMA: JsonSchema = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: "https://rulebridge.dev/schemas/settings.schema.json",
  title: "rulebridge deploy settings",
  type: "object",
  additionalProperties: false,
  properties: {
    stackName: {
      description: "CloudFormation stack name.",
      type: "string",
      pattern: "^[A-Za-z][A-Za-z0-9-]{0,127}$",
    },
    env: {
      description: "Target account and region; omit for an env-agnostic template.",
      type: "object",
      additionalProperties: false,
      properties: {
        account: { type: "string", pattern: "^[0-9]{12}$" },
        region: { type: "string", pattern: "^[a-z]{2,4}(-[a-z]+)+-[0-9]+$" },
      },
    },
    bus: {
      description: "Event bus (name or ARN) for rules that do not name one.",
      type: "string",
      minLength: 1,
    },
    functionName: {
      description: "Name of the engine function; omit to let CloudFormation name it.",
      type: "string",
      pattern: "^[A-Za-z0-9_-]{1,64}$",
    },
    memory: { description: "Engine memory in MB.", type: "integer", minimum: 128, maximum: 10240 },
    timeout: { description: "Engine timeout in seconds.", type: "integer", minimum: 1, maximum: 900 },
    logRetentionDays: { description: "Engine log retention in days.", enum: [...LOG_RETENTION_DAYS] },
    alarmTopicArn: {
      description:
        "SNS topic that the engine's own alarms (engine errors, events in the dead-letter queue) notify when they go into ALARM.",
      type: "string",
      // A standard topic: CloudWatch alarm actions cannot publish to FIFO topics.
      pattern: "^arn:aws[a-z-]*:sns:[a-z]{2,4}(-[a-z]+)+-[0-9]+:[0-9]{12}:[A-Za-z0-9_-]{1,256}$",
    },
    actions: {
      description:
        "The project's own action modules: paths relative to this file (.ts, .mts, .js, .mjs) or package names resolved from the project folder. Each module's default export is an ActionDefinition or an array of them.",
      type: "array",
      uniqueItems: true,
      items: { type: "string", minLength: 1 },
    },
    tags: {
      description: "Tags applied to every resource of the stack.",
      type: "object",
      propertyNames: { minLength: 1, maxLength: 128 },
      additionalProperties: { type: "string", maxLength: 256 },
    },
  },
};
