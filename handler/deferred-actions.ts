import { ActionRegistry } from "../engine/action/registry.js";
import type { ActionDefinition } from "../engine/action/types.js";

/**
 * What synth knew of one action when it wrote the engine's entry: its type, and its
 * `secretPatterns`, since every event's log line is scrubbed with them, matched or not.
 */
export type DeclaredAction = Pick<ActionDefinition, "type" | "secretPatterns">;

/**
 * The action definitions of the engine bundle: known by type at start, their code (params
 * checks, plans, runs: most of the bundle's bytes) loaded with one dynamic import when an event
 * is first evaluated (handler/evaluation-loader.ts), so a cold start that matches nothing never
 * compiles it. Built-ins and the project's own actions are deferred alike.
 *
 * Until then each action is a stand-in that answers `type` and `secretPatterns` (synth declared
 * them, since the redactor needs them for every event) and refuses anything else, which only a
 * bug could ask for. Once loaded, the definitions are registered through ActionRegistry as
 * everywhere else, and must be exactly the declared types.
 */
export class DeferredActions {
  readonly #declared: ReadonlyMap<string, DeclaredAction>;
  readonly #load: () => Promise<readonly ActionDefinition[]>;
  readonly #standIns = new Map<string, ActionDefinition>();
  #registry: ActionRegistry | undefined;
  #loading: Promise<void> | undefined;

  constructor(declared: readonly DeclaredAction[], load: () => Promise<readonly ActionDefinition[]>) {
    this.#declared = new Map(declared.map((d) => [d.type, d]));
    this.#load = load;
  }

  /** The action of this type (a stand-in until loaded), or undefined when none was declared. */
  get(type: string): ActionDefinition | undefined {
    const declared = this.#declared.get(type);
    if (!declared) return undefined;
    let standIn = this.#standIns.get(type);
    if (!standIn) {
      standIn = this.#standIn(declared);
      this.#standIns.set(type, standIn);
    }
    return standIn;
  }

  /** Loads and registers the definitions once; later calls return the same promise. */
  load(): Promise<void> {
    this.#loading ??= this.#load().then((definitions) => {
      const registry = new ActionRegistry();
      for (const d of definitions) registry.register(d);
      const types = registry.types();
      const declared = [...this.#declared.keys()].sort();
      if (types.join("\n") !== declared.join("\n")) {
        throw new Error(
          `rulebridge: the bundled actions (${types.join(", ")}) are not the ones synth declared (${declared.join(", ")}); synthesize again`,
        );
      }
      this.#registry = registry;
    });
    return this.#loading;
  }

  #standIn(declared: DeclaredAction): ActionDefinition {
    const loaded = (): ActionDefinition => {
      const real = this.#registry?.get(declared.type);
      if (!real) {
        throw new Error(`rulebridge: action ${declared.type} used before the actions were loaded (a bug)`);
      }
      return real;
    };
    return new Proxy({} as ActionDefinition, {
      get(_target, key) {
        if (key === "type") return declared.type;
        if (key === "secretPatterns") return declared.secretPatterns;
        const real = loaded();
        const value = Reflect.get(real, key, real) as unknown;
        return typeof value === "function" ? value.bind(real) : value;
      },
      has(_target, key) {
        return key === "type" || key === "secretPatterns" || Reflect.has(loaded(), key);
      },
    });
  }
}
