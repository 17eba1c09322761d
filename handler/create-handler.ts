import type { ActionRegistry } from "../engine/action/registry.js";
import type { CompiledRule } from "../engine/compile/rule-compiler.js";
import { Engine } from "../engine/engine.js";
import { loadEngine } from "./cold-start.js";
import { createEngineHandler, type EngineHandlerOptions } from "./engine-handler.js";
import type { LambdaHandler } from "./lambda-contract.js";

export { type EngineHandlerOptions, InvocationError } from "./engine-handler.js";

export interface HandlerOptions extends EngineHandlerOptions {
  /** The engine to run; or give `rules`. */
  engine?: Engine;
  /** Compiled rules, or rule files/folders to load on first use (then `registry` is required). */
  rules?: readonly CompiledRule[] | readonly string[];
  /** Resolves action types when `rules` are paths. */
  registry?: ActionRegistry;
}

/**
 * The Lambda handler over an engine given, compiled from rules given, or loaded from rule files
 * (YAML, validated) on first use; see createEngineHandler for what each invocation does.
 */
export function createHandler(opts: HandlerOptions): LambdaHandler {
  const { engine: _engine, rules: _rules, registry: _registry, ...rest } = opts;
  return createEngineHandler(resolveEngine(opts), rest);
}

function resolveEngine(opts: HandlerOptions): Promise<Engine> {
  if (opts.engine && opts.rules) throw new Error("createHandler: give `engine` or `rules`, not both");
  if (opts.engine) return Promise.resolve(opts.engine);
  const rules = opts.rules;
  if (!rules) throw new Error("createHandler: `engine` or `rules` is required");
  if (rules.length > 0 && typeof rules[0] === "string") {
    if (!opts.registry) throw new Error("createHandler: `registry` is required to load rules from paths");
    const loading = loadEngine(rules as readonly string[], opts.registry).then((r) => r.engine);
    // Surfaced by every invocation that awaits it; this only stops an "unhandled rejection" crash.
    loading.catch(() => {});
    return loading;
  }
  return Promise.resolve(new Engine(rules as readonly CompiledRule[]));
}
