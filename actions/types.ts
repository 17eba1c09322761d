import type { ProblemCode, Severity } from "../engine/problem.js";

/** A JSON Schema fragment (draft 2020-12 subset understood by ajv). */
export type JsonSchema = { [key: string]: unknown };

/** One IAM policy statement an action needs for the params it was given; deploy turns these into policies. */
export interface IamStatement {
  actions: string[];
  resources: string[];
  /** IAM condition block, e.g. `{ StringEquals: { "kms:EncryptionContext:LambdaFunctionName": "fn" } }`. */
  conditions?: Record<string, Record<string, string | string[]>>;
  /** Required when `resources` is `["*"]`: why AWS offers no resource scoping here. */
  why?: string;
}

/** A problem an action finds in its own params, beyond what its JSON Schema can say. */
export interface ParamIssue {
  code: Extract<ProblemCode, "INVALID_ARN" | "PLAINTEXT_SECRET" | "INVALID_PARAM">;
  severity?: Severity;
  message: string;
  /** Where inside the action's params (not the rule) the problem is. */
  path: (string | number)[];
}

/** One step of a dry-run plan: what the action would call, with what. Never holds a secret. */
export interface PlanStep {
  /** The AWS API or HTTP call, e.g. `ec2:CreateTags`, `sns:Publish`, `POST <slack webhook>`. */
  call: string;
  /** The call's input as it would be sent, secrets replaced by descriptions. */
  input: Record<string, unknown>;
  /** When the step is conditional, e.g. `only tags whose value changes`. */
  note?: string;
}

export interface ActionPlan {
  type: string;
  summary: string;
  steps: PlanStep[];
}

/** What `plan` receives: params with every non-deferred template already rendered. */
export interface PlanInput {
  /** Params after defaults and rendering; deferred params keep their template source strings. */
  params: Record<string, unknown>;
  /** The evaluation context (event, alarm, rule, now). */
  context: Record<string, unknown>;
}

export interface ActionDefinition {
  /** The `type` rule files use, e.g. `sns-publish`. */
  readonly type: string;
  readonly description: string;
  /** JSON Schema of the params (the keys beside `type`); `additionalProperties: false`. */
  readonly paramsSchema: JsonSchema;
  /** Params filled in when absent, before templates are compiled (templates allowed). */
  readonly defaults?: Readonly<Record<string, unknown>>;
  /**
   * Params rendered late, once the action has fetched its enrichment, mapped to the extra
   * context roots available to them, e.g. tag-from-template: `{ tags: ["instance"] }`.
   */
  readonly deferredParams?: Readonly<Record<string, readonly string[]>>;
  /** Param paths (top-level names) whose values are secrets or point to them: redacted from output. */
  readonly secretParams?: readonly string[];
  /** Meaning checks beyond the schema (ARN shapes, plaintext secrets). Templates are not yet rendered. */
  check?(params: Record<string, unknown>): ParamIssue[];
  /** IAM statements needed for these params (templates not rendered: scope to the static part). */
  iam(params: Record<string, unknown>): IamStatement[];
  /** What the action would do, for dry runs. Pure: no I/O. */
  plan(input: PlanInput): ActionPlan;
}
