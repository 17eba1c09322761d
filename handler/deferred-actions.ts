import { ActionRegistry } from "../engine/action/registry.js";
import type { ActionDefinition } from "../engine/action/types.js";
import type { EvaluationPart } from "./evaluation-loader.js";

/**
 * What synth knew of one action when it wrote the engine's entry: its type, and its
 * `secretPatterns`, since every event's log line is scrubbed with them, matched or not.
 */
export type DeclaredAction = Pick<ActionDefinition, "type" | "secretPatterns">;

/**
 * Code that defines some of the declared actions, loaded as one (a built-in's folder, or the
 * project's modules together): the types it defines, and how to import them.
 */
export interface ActionGroup {
  types: readonly string[];
  load: () => Promise<readonly ActionDefinition[]>;
}

/**
 * The action definitions of the engine bundle: known by type at start, their code (params
 * checks, plans, runs: most of the bundle's bytes) loaded a group at a time when an event first
 * reaches a rule using one of the group's actions (handler/evaluation-loader.ts, through
 * `parts`), so a cold start that matches nothing compiles none of it and an event that only
 * publishes to SNS compiles only sns-publish. Built-ins and the project's own actions are
 * deferred alike.
 *
 * Until then each action is a stand-in that answers `type` and `secretPatterns` (synth declared
 * them, since the redactor needs them for every event) and refuses anything else, which only a
 * bug could ask for. Loaded definitions are registered through ActionRegistry as everywhere
 * else, and each group must define exactly the types synth said it does.
 */
export class DeferredActions {
  readonly #declared: ReadonlyMap<string, DeclaredAction>;
  readonly #groups: readonly ActionGroup[];
  readonly #standIns = new Map<string, ActionDefinition>();
  readonly #registry = new ActionRegistry();
  readonly #loading = new Map<ActionGroup, Promise<void>>();

  constructor(declared: readonly DeclaredAction[], groups: readonly ActionGroup[]) {
    this.#declared = new Map(declared.map((d) => [d.type, d]));
    this.#groups = groups;
    const grouped = groups.flatMap((g) => g.types).sort();
    const types = [...this.#declared.keys()].sort();
    if (grouped.join("\n") !== types.join("\n")) {
      throw new Error(
        `rulebridge: the bundle's action groups (${grouped.join(", ")}) are not the declared actions (${types.join(", ")}); synthesize again`,
      );
    }
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

  /** For the evaluation loader: each group is needed by the rules that use one of its actions. */
  parts(): EvaluationPart[] {
    return this.#groups.map((group) => ({
      needs: (rule) => rule.actions.some((a) => group.types.includes(a.type)),
      load: () => this.#loadGroup(group),
    }));
  }

  /** Loads and registers every group (each once; later calls return the same promises). */
  async load(): Promise<void> {
    await Promise.all(this.#groups.map((g) => this.#loadGroup(g)));
  }

  #loadGroup(group: ActionGroup): Promise<void> {
    let loading = this.#loading.get(group);
    if (!loading) {
      loading = group.load().then((definitions) => {
        // The registry refuses a type defined twice, in this group or another, saying so.
        for (const d of definitions) this.#registry.register(d);
        const types = definitions.map((d) => d.type).sort();
        const expected = [...group.types].sort();
        if (types.join("\n") !== expected.join("\n")) {
          throw new Error(
            `rulebridge: the bundled actions (${types.join(", ")}) are not the ones synth declared (${expected.join(", ")}); synthesize again`,
          );
        }
      });
      this.#loading.set(group, loading);
    }
    return loading;
  }

  #standIn(declared: DeclaredAction): ActionDefinition {
    const loaded = (): ActionDefinition => {
      const real = this.#registry.get(declared.type);
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
