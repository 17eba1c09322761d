import type { JsonSchema } from "../action/types.js";

/** One fixture case as written in `<rule-file-stem>.test.yaml`. */
export interface FixtureCase {
  name: string;
  rule: string;
  /** The event inline, or a path to a JSON file relative to the fixture file. */
  event: Record<string, unknown> | string;
  /** `match`: the pattern matched and the condition held. */
  expect: "match" | "nomatch";
  /** Expected rendered params per action, in order; each a subset of what the engine renders. */
  actions?: Array<{ type: string; [param: string]: unknown }>;
  /** The `instance` enrichment, so deferred params (tag-from-template's tags) render without AWS. */
  instance?: Record<string, unknown>;
  /** Evaluation time for `now`, ISO-8601; default the current time. */
  now?: string;
}

/** A case plus where it came from, so failures can point at its line. */
export interface LocatedCase {
  case: FixtureCase;
  file: string;
  line: number;
  col: number;
  /**
   * Where the case sits in its file (document index, path to its node: `[i]` in a fixture file's
   * list, `["tests", i]` inline in a rule), for tools that edit it.
   */
  at?: { document: number; path: Array<string | number> };
}

/** JSON Schema of one case; unknown keys are errors, like in rule files. */
export const fixtureCaseSchema: JsonSchema = {
  type: "object",
  additionalProperties: false,
  required: ["name", "rule", "event", "expect"],
  properties: {
    name: { type: "string", minLength: 1, description: "What the case shows; printed by `rulebridge test`." },
    rule: { type: "string", minLength: 1, description: "The rule the case is for (its `name`)." },
    event: {
      type: ["object", "string"],
      description: "The event inline, or a path to a JSON file relative to this file (inside the project).",
    },
    expect: {
      enum: ["match", "nomatch"],
      description: "`match`: the pattern matches and `when` holds; `nomatch`: it does not.",
    },
    now: {
      type: "string",
      minLength: 1,
      description: "Evaluation time (`now`), ISO-8601; default the current time.",
    },
    actions: {
      description: "Expected rendered params per action, in order; each a subset of what the rule renders.",
      type: "array",
      items: {
        type: "object",
        required: ["type"],
        properties: { type: { type: "string", minLength: 1 } },
      },
    },
    instance: {
      description: "The `instance` enrichment (tag-from-template), so no AWS is needed.",
      type: "object",
      additionalProperties: false,
      required: ["id"],
      properties: {
        id: { type: "string" },
        privateIp: { type: "string" },
        publicIp: { type: "string" },
        type: { type: "string" },
        state: { type: "string" },
        az: { type: "string" },
        tags: { type: "object", additionalProperties: { type: "string" } },
      },
    },
  },
};

/**
 * JSON Schema of a case written inline in a rule (`tests:`): the same keys, but no `rule`, which
 * is the rule it sits in.
 */
export const inlineCaseSchema: JsonSchema = {
  ...fixtureCaseSchema,
  required: ["name", "event", "expect"],
  properties: Object.fromEntries(
    Object.entries(fixtureCaseSchema.properties as Record<string, JsonSchema>).filter(([k]) => k !== "rule"),
  ),
};
