/**
 * Conditions compiled on first evaluation, for rules checked before (the rule artifact's): a cold
 * start that matches no rule never loads json-logic-js. In the engine bundle (where esbuild
 * defines RULEBRIDGE_ENGINE_BUNDLE) the compiler is the one loadConditionCompiler() loaded, which
 * the handler awaits once an event matches a rule; everywhere else it is imported as usual.
 */
import { LoadOnce } from "../load-once.js";
import type { CompiledCondition } from "./compile-condition.js";

type Compile = (logic: unknown) => CompiledCondition;

/**
 * json-logic-js, loaded with this module everywhere but in the engine bundle, where esbuild folds
 * this to `undefined` and drops the import with it (a static import would keep it in the chunk
 * every cold start loads, even unused).
 */
const eager: Compile | undefined = process.env.RULEBRIDGE_ENGINE_BUNDLE
  ? undefined
  : (await import("./compile-condition.js")).compileCondition;

const loaded = new LoadOnce<Compile>(
  () => import("./compile-condition.js").then((m) => m.compileCondition),
  "the condition engine",
  "loadConditionCompiler",
);

/** Loads json-logic-js and the condition setup once; later calls return the same promise. */
export function loadConditionCompiler(): Promise<void> {
  return loaded.load();
}

/**
 * A condition that is checked and compiled when first evaluated; an invalid one throws
 * InvalidConditionError from `evaluate` then (the engine reports it as the decision's error).
 */
export function deferCondition(logic: unknown): CompiledCondition {
  let compiled: CompiledCondition | undefined;
  return {
    evaluate(data, budget) {
      compiled ??= (eager ?? loaded.get())(logic);
      return compiled.evaluate(data, budget);
    },
  };
}
