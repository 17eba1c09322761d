export { type ConditionMiss, explainCondition } from "./condition-explain.js";
export { explainRule, explanationText, type RuleExplanation, ruleContext } from "./explain-rule.js";
export { explainPattern, type PatternMiss } from "./pattern-explain.js";
export { explainTemplates, type TemplateMiss } from "./template-explain.js";
