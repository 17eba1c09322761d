/**
 * What evaluating a matched rule needs beyond matching: liquidjs for templates, json-logic-js
 * for conditions, and in the bundle the actions' code (deferred-actions.ts). The engine bundle
 * leaves all three out of the code every cold start loads (see compile-template.ts,
 * deferred-condition.ts); the handler loads them here, once, as soon as an invocation holds an
 * event that some rule will evaluate, so an event that matches nothing never pays for them.
 * Outside the bundle the engines are already loaded and this costs a match per event until the
 * first one matches.
 */
import { loadConditionCompiler } from "../engine/condition/deferred-condition.js";
import type { Engine } from "../engine/engine.js";
import type { InputItem } from "../engine/envelope.js";
import { loadTemplateCompiler } from "../engine/template/template-loader.js";

/**
 * A loader for one handler: resolves once templates and conditions can be compiled, and whatever
 * else `extra` loads (the bundle's deferred actions), if any item will be evaluated.
 */
export function evaluationLoader(
  extra?: () => Promise<void>,
): (engine: Engine, items: readonly InputItem[]) => Promise<void> {
  let loaded = false;
  return async (engine, items) => {
    if (loaded) return;
    const evaluated = items.some((item) =>
      engine.wouldEvaluate(item.event, item.rule !== undefined ? { rule: item.rule } : {}),
    );
    if (!evaluated) return;
    await Promise.all([loadTemplateCompiler(), loadConditionCompiler(), extra?.()]);
    loaded = true;
  };
}
