/**
 * What evaluating a matched rule needs beyond matching: liquidjs for templates, json-logic-js
 * for conditions, and in the bundle the actions' code (deferred-actions.ts). The engine bundle
 * leaves all three out of the code every cold start loads (see compile-template.ts,
 * deferred-condition.ts); the handler loads them here, once each, as soon as an invocation holds
 * an event whose rules need them, so an event that matches nothing never pays for them. Outside
 * the bundle the engines are already loaded and this only costs a match per event.
 */

import type { CompiledRule } from "../engine/compile/rule-compiler.js";
import { loadConditionCompiler } from "../engine/condition/deferred-condition.js";
import type { Engine } from "../engine/engine.js";
import type { InputItem } from "../engine/envelope.js";
import { isTemplate } from "../engine/template/compile-template.js";
import { isSimpleTemplate } from "../engine/template/simple-template.js";
import { loadTemplateCompiler } from "../engine/template/template-loader.js";

/**
 * A loader for one handler: before items are evaluated, loads what the rules they reach need:
 * json-logic-js if one has a `when`, liquidjs if one has a template outside the subset rendered
 * without it (see simple-template.ts), and whatever `extra` loads (the bundle's deferred actions).
 * Each is loaded once; until all are, each call matches its items once more to find those rules.
 */
export function evaluationLoader(
  extra?: () => Promise<void>,
): (engine: Engine, items: readonly InputItem[]) => Promise<void> {
  let templates = false;
  let conditions = false;
  let actions = extra === undefined;
  let pruned = false;
  return async (engine, items) => {
    if (!pruned) {
      // What no rule needs is never loaded.
      conditions = !engine.rules.some((r) => r.condition !== undefined);
      templates = !engine.rules.some(needsLiquid);
      pruned = true;
    }
    if (templates && conditions && actions) return;
    const rules = items.flatMap((item) =>
      engine.rulesToEvaluate(item.event, item.rule !== undefined ? { rule: item.rule } : {}),
    );
    if (rules.length === 0) return;
    const loads: Promise<void>[] = [];
    if (!actions && extra) {
      loads.push(
        extra().then(() => {
          actions = true;
        }),
      );
    }
    if (!conditions && rules.some((r) => r.condition !== undefined)) {
      loads.push(
        loadConditionCompiler().then(() => {
          conditions = true;
        }),
      );
    }
    if (!templates && rules.some(needsLiquid)) {
      loads.push(
        loadTemplateCompiler().then(() => {
          templates = true;
        }),
      );
    }
    await Promise.all(loads);
  };
}

const liquidNeeded = new WeakMap<CompiledRule, boolean>();

/** Whether any string in the rule's action params is a template liquidjs must compile. */
function needsLiquid(rule: CompiledRule): boolean {
  let needed = liquidNeeded.get(rule);
  if (needed === undefined) {
    needed = rule.actions.some((a) => hasLiquidTemplate(a.params));
    liquidNeeded.set(rule, needed);
  }
  return needed;
}

function hasLiquidTemplate(value: unknown): boolean {
  if (typeof value === "string") return isTemplate(value) && !isSimpleTemplate(value);
  if (Array.isArray(value)) return value.some(hasLiquidTemplate);
  if (value !== null && typeof value === "object") return Object.values(value).some(hasLiquidTemplate);
  return false;
}
