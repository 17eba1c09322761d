/**
 * EventBridge event patterns: validation and matching with the semantics of AWS's own matcher,
 * event-ruler (`Machine.rulesForJSONEvent`, array-consistent). See docs/eventbridge-parity.md.
 */
export { type CompiledPattern, checkPattern, compilePattern, matchPattern } from "./compiled-pattern.js";
export { checkEvent, type EventError } from "./event-check.js";
export { PARITY_DIFFERENCES, type ParityDifference } from "./parity-differences.js";
export { type JsonValue, type PatternError, PatternSyntaxError } from "./pattern-error.js";
export { PatternIndex } from "./pattern-index.js";
