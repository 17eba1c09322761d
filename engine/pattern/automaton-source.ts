import type { AutomatonKit } from "./automaton/kit.js";

/**
 * The automaton for PatternIndex. A cold start of the engine bundle matches its first events by
 * the exact walk (PatternIndex's `walksFirst`), so there the automaton's code (a fifth of what
 * loading the engine parsed) is not loaded with the engine but imported the first time an index
 * asks for it; until it has arrived the index keeps walking, which gives the same answers (the
 * walk is what the automaton is tested against). Everywhere else it is loaded with this module,
 * and an index has it from its first match. A dynamic import awaited here, not a static one: a
 * static import would put the code in the bundle's start whatever the condition says.
 */
let loaded: AutomatonKit | undefined;
let requested = false;

if (!process.env.RULEBRIDGE_ENGINE_BUNDLE) loaded = (await import("./automaton/kit.js")).automatonKit;

/** The automaton's code if loaded; else undefined, and its loading has begun. */
export function availableAutomaton(): AutomatonKit | undefined {
  if (loaded === undefined && !requested) {
    requested = true;
    import("./automaton/kit.js").then(
      (m) => {
        loaded = m.automatonKit;
      },
      () => {
        // Not loadable: the index walks on, which is exact, only slower.
      },
    );
  }
  return loaded;
}
