/**
 * The deployed engine's start: the rule artifact synth wrote (no YAML, no ajv), the actions synth
 * declared (built-ins and the project's own, their code loaded when an event is first evaluated:
 * see deferred-actions.ts), SDK clients in AWS_REGION, the idempotency store (DynamoDB when
 * RULEBRIDGE_IDEMPOTENCY_TABLE is set), and log lines through Powertools. The bundle's generated
 * entry calls it at import: an artifact that does not fit this engine makes the import fail, so
 * the function refuses to start rather than run other rules.
 */
import { readFileSync } from "node:fs";
import type { ActionDefinition } from "../engine/action/types.js";
import { RuleArtifactError, readRuleArtifact } from "../engine/compile/rule-artifact.js";
import { Engine } from "../engine/engine.js";
import { type ActionGroup, type DeclaredAction, DeferredActions } from "./deferred-actions.js";
import { createEngineHandler, type EngineHandlerOptions } from "./engine-handler.js";
import type { LambdaHandler } from "./lambda-contract.js";
import { LambdaLog } from "./lambda-log.js";
import { defaultServices, storeFromEnv } from "./services.js";

/** A project's action module as the bundle imported it: where it came from, and its namespace. */
export interface BundledActionModule {
  /** The module's path, for error messages. */
  source: string;
  /** The module namespace (`import * as m`); its default export is a definition or an array of them. */
  module: unknown;
}

export interface ArtifactHandlerOptions {
  /** Path or file URL of the rule artifact. */
  artifact: string | URL;
  /** The rulebridge version this engine was built from; the artifact must be from the same. */
  version: string;
  /** `ruleSchemaHash` of this engine's action definitions, computed at synth; the artifact's must equal it. */
  schemaHash: string;
  /** Every registered action as synth knew it, and the groups that define them (each loaded on first use). */
  actions: {
    declared: readonly DeclaredAction[];
    groups: readonly ActionGroup[];
  };
  env?: Readonly<Record<string, string | undefined>>;
  /** Default: Powertools Logger on stdout. */
  log?: LambdaLog;
  /** Passed through to createHandler (tests point services at local servers). */
  overrides?: Omit<EngineHandlerOptions, "log" | "evaluationParts">;
}

function isDefinition(v: unknown): v is ActionDefinition {
  if (v === null || typeof v !== "object") return false;
  const d = v as Partial<ActionDefinition>;
  return typeof d.type === "string" && typeof d.plan === "function" && typeof d.iam === "function";
}

/** The definitions of `type` a built-in's module exports by name (`snsPublishAction`). */
export function exportedDefinitions(module: unknown, type: string): ActionDefinition[] {
  return Object.values(module as Record<string, unknown>).filter(
    (v): v is ActionDefinition => isDefinition(v) && v.type === type,
  );
}

/** The action definitions a module exports by default (one, or an array of them). */
export function moduleDefinitions(m: BundledActionModule): ActionDefinition[] {
  const value = (m.module as { default?: unknown } | null)?.default;
  const list = Array.isArray(value) ? value : [value];
  if (list.length === 0 || !list.every(isDefinition)) {
    throw new Error(
      `rulebridge: action module ${m.source}: the default export is not an ActionDefinition or an array of them`,
    );
  }
  return list;
}

export function startArtifactHandler(opts: ArtifactHandlerOptions): LambdaHandler {
  const env = opts.env ?? process.env;
  const actions = new DeferredActions(opts.actions.declared, opts.actions.groups);
  const where = typeof opts.artifact === "string" ? opts.artifact : opts.artifact.pathname;
  let text: string;
  try {
    text = readFileSync(opts.artifact, "utf8");
  } catch (err) {
    throw new RuleArtifactError(
      `rulebridge: cannot read the rule artifact ${where}: ${(err as Error).message}`,
    );
  }
  const rules = readRuleArtifact(
    text,
    actions,
    { rulebridgeVersion: opts.version, schemaHash: opts.schemaHash },
    where,
  );
  const log = opts.log ?? new LambdaLog();
  const inner = createEngineHandler(Promise.resolve(new Engine(rules)), {
    services: defaultServices(env),
    store: storeFromEnv(env),
    ...opts.overrides,
    log: log.sink,
    evaluationParts: actions.parts(),
  });
  return (input, context) => {
    log.invocation(context);
    return inner(input, context);
  };
}
