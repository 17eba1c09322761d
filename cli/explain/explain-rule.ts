import { alarmViewFromEvent } from "../../engine/alarm/index.js";
import type { CompiledRule } from "../../engine/compile/rule-compiler.js";
import { type ConditionMiss, explainCondition } from "./condition-explain.js";
import { explainPattern, type PatternMiss } from "./pattern-explain.js";
import { explainTemplates, type TemplateMiss } from "./template-explain.js";

/**
 * Why a rule did or did not act on an event. `stage` is the first step that stopped it:
 * the pattern, the `when` condition, or rendering an action's templates; `matched` when all passed.
 */
export type RuleExplanation =
  | { rule: string; stage: "matched"; matched: true }
  | { rule: string; stage: "disabled"; matched: false }
  | { rule: string; stage: "pattern"; matched: false; pattern: PatternMiss }
  | { rule: string; stage: "condition"; matched: false; condition: ConditionMiss }
  | { rule: string; stage: "condition-error"; matched: false; error: string }
  | { rule: string; stage: "template"; matched: true; template: TemplateMiss };

/** Builds the context the engine gives `when` and templates, so explanations see what it sees. */
export function ruleContext(
  rule: CompiledRule,
  event: Record<string, unknown>,
  now: Date,
): Record<string, unknown> {
  const alarm = alarmViewFromEvent(event);
  return {
    event,
    rule: { name: rule.name, description: rule.description ?? "" },
    now: now.toISOString(),
    ...(alarm && rule.alarmContext ? { alarm } : {}),
  };
}

export function explainRule(
  rule: CompiledRule,
  event: Record<string, unknown>,
  opts: { now?: Date } = {},
): RuleExplanation {
  const name = rule.name;
  if (!rule.enabled) return { rule: name, stage: "disabled", matched: false };
  const pattern = explainPattern(rule.pattern, event);
  if (pattern) return { rule: name, stage: "pattern", matched: false, pattern };
  const context = ruleContext(rule, event, opts.now ?? new Date());
  const when = rule.rule.when;
  if (when !== undefined) {
    try {
      const condition = explainCondition(when, context);
      if (condition) return { rule: name, stage: "condition", matched: false, condition };
    } catch (err) {
      return { rule: name, stage: "condition-error", matched: false, error: (err as Error).message };
    }
  }
  for (const action of rule.actions) {
    const template = explainTemplates(action, context);
    if (template) return { rule: name, stage: "template", matched: true, template };
  }
  return { rule: name, stage: "matched", matched: true };
}

/** One or more lines for people; the same facts the structured explanation holds. */
export function explanationText(e: RuleExplanation): string {
  switch (e.stage) {
    case "matched":
      return "matched: pattern matched and the condition held";
    case "disabled":
      return "rule is disabled";
    case "pattern":
      return `pattern did not match at ${e.pattern.path}: expected ${show(e.pattern.expected)}, event has ${
        e.pattern.missing ? "missing" : show(e.pattern.actual)
      }`;
    case "condition": {
      const inputs = Object.entries(e.condition.inputs)
        .map(([k, v]) => `${k} = ${show(v)}`)
        .join(", ");
      return `when was false: ${show(e.condition.expression)}${inputs ? ` with ${inputs}` : ""}`;
    }
    case "condition-error":
      return `when could not be evaluated: ${e.error}`;
    case "template":
      return `action ${e.template.action} (${e.template.type}) cannot render ${e.template.param}: variable ${e.template.variable} is ${e.template.reason}`;
  }
}

function show(value: unknown): string {
  return JSON.stringify(value) ?? String(value);
}
