import { routeOf } from "./fast-route.js";
import { MatchAutomaton } from "./match-automaton.js";

/** What PatternIndex needs of the automaton: its class, and how a branch is routed into it. */
export interface AutomatonKit {
  MatchAutomaton: typeof MatchAutomaton;
  routeOf: typeof routeOf;
}

export const automatonKit: AutomatonKit = { MatchAutomaton, routeOf };
