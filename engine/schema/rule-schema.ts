import type { ActionRegistry } from "../action/registry.js";
import type { JsonSchema } from "../action/types.js";
import { inlineCaseSchema } from "./fixture-case.js";

export const RULE_NAME_PATTERN = "^[a-z0-9][a-z0-9-]{0,62}$";
export const THRESHOLD_PATTERN = "^\\s*(<=|<|>=|>)\\s*(-?(\\d+(\\.\\d*)?|\\.\\d+)([eE][-+]?\\d+)?)\\s*$";
export const ALARM_STATES = ["ALARM", "OK", "INSUFFICIENT_DATA"] as const;
const METRIC_ALARM_KEYS = [
  "namespace",
  "metric",
  "dimensions",
  "statistic",
  "extendedStatistic",
  "period",
  "evaluationPeriods",
  "datapointsToAlarm",
  "threshold",
  "treatMissingData",
] as const;

const alarmSchema: JsonSchema = {
  type: "object",
  description:
    "A CloudWatch alarm trigger. Define the alarm (namespace, metric, threshold, …: deploy creates it, named `name` or `rulebridge-<rule name>`), or give only `name` to subscribe to an existing alarm.",
  additionalProperties: false,
  properties: {
    name: {
      type: "string",
      minLength: 1,
      maxLength: 255,
      description: "Alarm name: the alarm to create, or (alone) an existing alarm to subscribe to.",
    },
    namespace: { type: "string", minLength: 1, maxLength: 255, examples: ["AWS/ApplicationELB"] },
    metric: { type: "string", minLength: 1, maxLength: 255, examples: ["HealthyHostCount"] },
    dimensions: {
      type: "object",
      maxProperties: 30,
      additionalProperties: { type: "string", minLength: 1, maxLength: 1024 },
      description: "Metric dimensions, name → value.",
    },
    statistic: { enum: ["SampleCount", "Average", "Sum", "Minimum", "Maximum"] },
    extendedStatistic: { type: "string", pattern: "^(p|tm|tc|ts|wm|TM|TC|TS|WM)", description: "e.g. p99" },
    period: {
      type: "integer",
      minimum: 10,
      description: "Seconds: 10, 20, 30 or a multiple of 60.",
      anyOf: [{ enum: [10, 20, 30] }, { multipleOf: 60 }],
      default: 60,
    },
    evaluationPeriods: { type: "integer", minimum: 1, default: 1 },
    datapointsToAlarm: { type: "integer", minimum: 1 },
    threshold: {
      type: "string",
      pattern: THRESHOLD_PATTERN,
      description: 'Comparison operator and number, e.g. "<= 0" or "> 90".',
      examples: ["<= 0", "> 90"],
    },
    treatMissingData: { enum: ["breaching", "notBreaching", "ignore", "missing"], default: "missing" },
    states: {
      type: "array",
      minItems: 1,
      uniqueItems: true,
      items: { enum: [...ALARM_STATES] },
      default: ["ALARM"],
      description: "State transitions that fire the rule.",
    },
  },
  // Any metric key means the rule defines the alarm (deploy creates it; `name` optional);
  // otherwise it subscribes to an existing alarm, which needs its name.
  if: { anyOf: METRIC_ALARM_KEYS.map((k) => ({ required: [k] })) },
  // biome-ignore lint/suspicious/noThenProperty: JSON Schema keyword.
  then: {
    required: ["namespace", "metric", "threshold"],
    oneOf: [{ required: ["statistic"] }, { required: ["extendedStatistic"] }],
  },
  else: { required: ["name"] },
};

/**
 * The rule-file JSON Schema: the core format plus one branch per registered action. With `only`,
 * just the branches of those action types: it validates documents whose actions are all mappings
 * naming one of them (or none registered) exactly as the whole schema does, and compiles faster.
 */
export function buildRuleSchema(registry: ActionRegistry, only?: ReadonlySet<string>): JsonSchema {
  const types = registry.types();
  const branches = only ? types.filter((t) => only.has(t)) : types;
  const defs: Record<string, JsonSchema> = { alarm: alarmSchema };
  for (const action of registry.all()) {
    if (only && !only.has(action.type)) continue;
    const params = action.paramsSchema;
    defs[`action-${action.type}`] = {
      ...params,
      description: action.description,
      properties: {
        type: { const: action.type },
        ...((params.properties as Record<string, unknown> | undefined) ?? {}),
      },
    };
  }
  return {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    $id: "https://rulebridge.dev/schemas/rule.schema.json",
    title: "rulebridge rule",
    description: "One rule per YAML document: which events, under which condition, what to do.",
    type: "object",
    additionalProperties: false,
    required: ["name", "on", "actions"],
    properties: {
      name: {
        type: "string",
        pattern: RULE_NAME_PATTERN,
        description: "Unique across all rule files; lowercase letters, digits and dashes.",
      },
      description: { type: "string", maxLength: 512 },
      enabled: {
        type: "boolean",
        default: true,
        description: "Disabled rules are deployed DISABLED and never run.",
      },
      on: {
        type: "object",
        description: "The trigger: exactly one of `pattern` or `alarm`.",
        additionalProperties: false,
        properties: {
          pattern: {
            type: "object",
            description: "An EventBridge event pattern, verbatim (AWS syntax and semantics).",
          },
          alarm: { $ref: "#/$defs/alarm" },
          bus: {
            type: "string",
            minLength: 1,
            maxLength: 1600,
            description: "Event bus name or ARN (default: default).",
          },
        },
        oneOf: [
          { required: ["pattern"], not: { required: ["alarm"] } },
          { required: ["alarm"], not: { required: ["pattern"] } },
        ],
      },
      when: {
        description:
          'Optional JSON Logic condition over the context {event, alarm, rule, now}. Example: {"<=": [{"var": "alarm.value"}, 0]}',
      },
      actions: {
        type: "array",
        minItems: 1,
        description: "Run in order; one failing does not stop the rest.",
        items: {
          type: "object",
          required: ["type"],
          properties: { type: { type: "string", enum: types, description: "The action to run." } },
          // allOf must not be empty.
          ...(branches.length > 0
            ? {
                allOf: branches.map((t) => ({
                  if: { properties: { type: { const: t } }, required: ["type"] },
                  // biome-ignore lint/suspicious/noThenProperty: JSON Schema keyword.
                  then: { $ref: `#/$defs/action-${t}` },
                })),
              }
            : {}),
        },
      },
      tests: {
        type: "array",
        description:
          "Fixture cases for this rule, run by `rulebridge test` like those in <rule>.test.yaml (without `rule`; `event` paths are relative to this file).",
        items: inlineCaseSchema,
      },
    },
    $defs: defs,
  };
}
