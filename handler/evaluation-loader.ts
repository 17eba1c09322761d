/**
 * What evaluating a matched rule needs beyond matching: liquidjs for templates and json-logic-js
 * for conditions. The engine bundle leaves both out of the code every cold start loads (see
 * compile-template.ts, deferred-condition.ts); the handler loads them here, once, as soon as an
 * invocation holds an event that some rule will evaluate, so an event that matches nothing never
 * pays for them. Outside the bundle both are already loaded and this costs a match per event until
 * the first one matches.
 */
import { loadConditionCompiler } from "../engine/condition/deferred-condition.js";
import type { Engine } from "../engine/engine.js";
import type { InputItem } from "../engine/envelope.js";
import { loadTemplateCompiler } from "../engine/template/template-loader.js";

let loaded = false;

/** Resolves once templates and conditions can be compiled, if any item will be evaluated. */
export async function loadEvaluationFor(engine: Engine, items: readonly InputItem[]): Promise<void> {
  if (loaded) return;
  const evaluated = items.some((item) =>
    engine.wouldEvaluate(item.event, item.rule !== undefined ? { rule: item.rule } : {}),
  );
  if (!evaluated) return;
  await Promise.all([loadTemplateCompiler(), loadConditionCompiler()]);
  loaded = true;
}
