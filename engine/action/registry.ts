import type { ActionDefinition } from "./types.js";

const TYPE_NAME = /^[a-z][a-z0-9-]{0,62}$/;

/**
 * The one place actions are known. Built-ins register through `register` exactly as a user's
 * own action would, so nothing in the engine special-cases them.
 */
export class ActionRegistry {
  readonly #actions = new Map<string, ActionDefinition>();

  register(action: ActionDefinition): this {
    if (!TYPE_NAME.test(action.type)) {
      throw new Error(`action type "${action.type}" must match ${TYPE_NAME.source}`);
    }
    if (this.#actions.has(action.type)) throw new Error(`action type "${action.type}" is already registered`);
    const schema = action.paramsSchema;
    if (schema.type !== "object" || schema.additionalProperties !== false) {
      throw new Error(
        `action "${action.type}": paramsSchema must be an object schema with additionalProperties: false`,
      );
    }
    const props = (schema.properties ?? {}) as Record<string, unknown>;
    if ("type" in props) throw new Error(`action "${action.type}": "type" is reserved and cannot be a param`);
    this.#actions.set(action.type, action);
    return this;
  }

  get(type: string): ActionDefinition | undefined {
    return this.#actions.get(type);
  }

  has(type: string): boolean {
    return this.#actions.has(type);
  }

  /** Registered types, sorted so generated schemas and docs are deterministic. */
  types(): string[] {
    return [...this.#actions.keys()].sort();
  }

  all(): ActionDefinition[] {
    return this.types().map((t) => this.#actions.get(t)!);
  }
}
