/**
 * What evaluating a matched rule needs beyond matching: liquidjs for templates, json-logic-js
 * for conditions, and in the bundle the actions' code (deferred-actions.ts). The engine bundle
 * leaves all three out of the code every cold start loads (see compile-template.ts,
 * deferred-condition.ts); the handler loads them here, once each, as soon as an invocation holds
 * an event whose rules need them, so an event that matches nothing never pays for them. Outside
 * the bundle the engines are already loaded, and loading them again costs nothing.
 */
import type { CompiledRule } from "../engine/compile/rule-compiler.js";
import { loadConditionCompiler } from "../engine/condition/deferred-condition.js";
import type { Engine } from "../engine/engine.js";
import type { InputItem } from "../engine/envelope.js";
import { templateSources } from "../engine/template/compiled-params.js";
import { isSimpleTemplate } from "../engine/template/simple-template.js";
import { loadTemplateCompiler } from "../engine/template/template-loader.js";

/** Something evaluation may need: which rules need it, and how it is loaded (once). */
export interface EvaluationPart {
  needs: (rule: CompiledRule) => boolean;
  load: () => Promise<void>;
}

/**
 * A loader for one handler: before items are evaluated, loads what the rules they reach need:
 * json-logic-js if one has a `when`, liquidjs if one has a template outside the subset rendered
 * without it (see simple-template.ts), and the `extra` parts (the bundle's action groups).
 * What no rule of the engine needs is never loaded; until the rest is, each call matches its
 * items once more to find the rules they reach.
 */
export function evaluationLoader(
  extra: readonly EvaluationPart[] = [],
): (engine: Engine, items: readonly InputItem[]) => Promise<void> {
  const parts: EvaluationPart[] = [
    { needs: (rule) => rule.condition !== undefined, load: loadConditionCompiler },
    { needs: needsLiquid, load: loadTemplateCompiler },
    ...extra,
  ];
  let pending: EvaluationPart[] | undefined;
  return async (engine, items) => {
    pending ??= parts.filter((part) => engine.rules.some(part.needs));
    if (pending.length === 0) return;
    const rules = items.flatMap((item) =>
      engine.rulesToEvaluate(item.event, item.rule !== undefined ? { rule: item.rule } : {}),
    );
    const now = pending.filter((part) => rules.some(part.needs));
    await Promise.all(now.map((part) => part.load()));
    pending = pending.filter((part) => !now.includes(part));
  };
}

const liquidNeeded = new WeakMap<CompiledRule, boolean>();

/** Whether the rule's action params hold a template liquidjs must compile. */
function needsLiquid(rule: CompiledRule): boolean {
  let needed = liquidNeeded.get(rule);
  if (needed === undefined) {
    needed = rule.actions.some((a) => templateSources(a.params).some((source) => !isSimpleTemplate(source)));
    liquidNeeded.set(rule, needed);
  }
  return needed;
}
