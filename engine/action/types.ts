import type { ProblemCode, Severity } from "../problem.js";
import type { SecretPattern } from "../secrets/index.js";

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

/** What a check knows of the rule around the action. */
export interface CheckContext {
  /** Context roots the rule's templates may use (`event`, `rule`, `now`, and `alarm` for alarm rules). */
  roots: ReadonlySet<string>;
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
  /**
   * Shapes of credentials this action's target uses beyond the built-in ones (Slack, Discord and
   * Teams webhooks, AWS access key ids): a string of any rule matching one is PLAINTEXT_SECRET.
   */
  readonly secretPatterns?: readonly SecretPattern[];
  /**
   * Where the action's effect lands, for `rulebridge graph` (the topic, channel, queue…): a label
   * that names the resource, never a secret, and a key that merges equal targets. Absent: the
   * action is drawn without a target.
   */
  target?(params: Readonly<Record<string, unknown>>): ActionTarget | undefined;
  /**
   * Representative uses for the generated reference docs (their IAM and an example rule). Absent:
   * one is made up from the params schema's examples and defaults.
   */
  readonly samples?: readonly ActionSample[];
  /** Meaning checks beyond the schema (ARN shapes, plaintext secrets). Templates are not yet rendered. */
  check?(params: Record<string, unknown>, context?: CheckContext): ParamIssue[];
  /** IAM statements needed for these params (templates not rendered: scope to the static part). */
  iam(params: Record<string, unknown>): IamStatement[];
  /** What the action would do, for dry runs. Pure: no I/O. */
  plan(input: PlanInput): ActionPlan;
  /**
   * Optional, for speed where one rule plans many events (replay): `plan` specialised for one
   * action of a rule, made once on its first plan. `fixed` holds the params that reach `plan` the
   * same on every event: those without a template (deferred ones as written). The function must
   * return what `plan` returns, and throw what it throws, for every input; it may answer faster
   * when a param still has its fixed value (e.g. check a literal ARN once, not per event).
   */
  planner?(fixed: Readonly<Record<string, unknown>>): (input: PlanInput) => ActionPlan;
  /**
   * Does it, for real. Shares its render path with `plan`. Throws ActionFailure (retryable or
   * not); any other error counts as not retryable. Must be safe to call again for the same event
   * after a retryable failure.
   */
  run?(input: RunInput): Promise<ActionResult>;
}

/** What an action's run reports when it succeeded. Never holds a secret. */
export interface ActionResult {
  /** `changed`: the action did something; `unchanged`: nothing needed doing (e.g. tag already right). */
  status: "changed" | "unchanged";
  /** Short human-readable account, e.g. `tagged i-0123 Name=vg-store-web-release-a-12-34`. */
  summary: string;
  /** Machine-readable facts (message id, document id, tags written); secrets never. */
  detail?: Record<string, unknown>;
}

const FAILURE_BRAND = Symbol.for("rulebridge.ActionFailure");

/**
 * How an action fails. `retryable` failures (throttling, 5xx, timeouts, connection errors) are
 * retried by the engine with backoff and jitter inside the invocation's remaining time; others
 * fail at once. The message must name what went wrong and never contain a secret.
 */
export class ActionFailure extends Error {
  /**
   * A project's action module may import its own installed copy of rulebridge; `instanceof` then
   * still holds, because it checks a registry-wide symbol rather than the class's identity.
   */
  static override [Symbol.hasInstance](value: unknown): boolean {
    return (
      typeof value === "object" &&
      value !== null &&
      (value as Record<symbol, unknown>)[FAILURE_BRAND] === true
    );
  }

  override readonly name = "ActionFailure";
  readonly retryable: boolean;
  /** Server-requested wait before the next try (e.g. Slack's Retry-After), in milliseconds. */
  readonly retryAfterMs: number | undefined;

  constructor(message: string, opts: { retryable: boolean; retryAfterMs?: number; cause?: unknown }) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    Object.defineProperty(this, FAILURE_BRAND, { value: true });
    this.retryable = opts.retryable;
    this.retryAfterMs = opts.retryAfterMs;
  }
}

/** A node of the rule graph: what an action acts on. */
export interface ActionTarget {
  key: string;
  label: string;
}

/** A trigger for an example rule: the `on` of a rule file. */
export type SampleTrigger = { pattern: Record<string, unknown> } | { alarm: Record<string, unknown> };

/** Representative params for one action: docs render its IAM and an example rule from them. */
export interface ActionSample {
  title: string;
  params: Record<string, unknown>;
  on: SampleTrigger;
  /** The sample was made up from the params schema's examples, not written for the docs. */
  synthesized?: boolean;
}

/** The outside world an action may touch, injected so tests and the CLI choose endpoints and credentials. */
export interface ActionServices {
  /** AWS SDK v3 clients, created lazily per (service, region) and reused across events. */
  aws: AwsClientFactory;
  /** `fetch`, for HTTP actions (Slack); injectable for tests that point at a loopback receiver. */
  fetch: typeof fetch;
  /** Environment variables (for `env` secret sources). */
  env: Readonly<Record<string, string | undefined>>;
  /** Per-process cache for decrypted secrets, keyed by the action's own key; values never logged. */
  secrets: Map<string, Promise<string>>;
}

/** Lazily creates and caches AWS SDK clients; see actions/aws-clients.ts. */
export interface AwsClientFactory {
  client<C>(ctor: new (config: AwsClientConfig) => C, region?: string): C;
  readonly defaultRegion: string;
}

export interface AwsClientConfig {
  region: string;
  /** The engine owns retries (ActionFailure.retryable); the SDK makes one attempt. */
  maxAttempts: number;
  endpoint?: string;
}

/** What `run` receives: the same rendered params `plan` gets, plus services. */
export interface RunInput extends PlanInput {
  services: ActionServices;
  /** Aborted when the invocation's time is up; pass it to SDK calls and fetch. */
  signal: AbortSignal;
}
