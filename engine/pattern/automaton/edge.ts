import type { MatcherMode, ValuePattern } from "../values/value-pattern.js";

/**
 * A value pattern filed under a key that is only a necessary condition (ranges, CIDRs, wildcards):
 * where it leads, confirmed with matchValuePattern in the matcher's mode (see FieldTransitions).
 */
export interface Edge<N> {
  to: N;
  pattern: ValuePattern;
  mode: MatcherMode;
}
