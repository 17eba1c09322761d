/**
 * EventBridge event patterns: validation and matching with the semantics of AWS's own matcher,
 * event-ruler (`Machine.rulesForJSONEvent`, array-consistent). See docs/eventbridge-parity.md.
 */

export { PatternIndex, type PatternIndexOptions } from "./pattern-index.js";
export { checkEvent, type EventError } from "./reading/event-check.js";
export { topLevelEvent } from "./reading/top-level-event.js";
export { MemberKind, TopLevelMembers } from "./reading/top-level-members.js";
export { PARITY_DIFFERENCES, type ParityDifference } from "./syntax/parity-differences.js";
export { type JsonValue, type PatternError, PatternSyntaxError } from "./syntax/pattern-error.js";
export { MAX_WILDCARD_COMPLEXITY, WILDCARD_COMPLEXITY_MESSAGE } from "./syntax/wildcard-complexity.js";
export { copyBytes } from "./text/ascii-bytes.js";
export {
  type CompiledPattern,
  checkAndCompilePattern,
  checkPattern,
  compilePattern,
  matchPattern,
} from "./walk/compiled-pattern.js";
