import { resolve } from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import { builtinActions, registerBuiltins } from "../../actions/builtins.js";
import { ActionRegistry } from "../../engine/action/registry.js";
import type { JsonSchema } from "../../engine/action/types.js";
import { exportedDefinitions } from "../../handler/artifact-handler.js";
import { compileParams } from "./fixtures.js";

/** Every `properties` entry anywhere in the schema, with its path, for documentation checks. */
function* properties(schema: unknown, path: string): Generator<[string, JsonSchema]> {
  if (schema === null || typeof schema !== "object") return;
  const s = schema as JsonSchema;
  for (const [name, sub] of Object.entries((s.properties ?? {}) as Record<string, JsonSchema>)) {
    yield [`${path}.${name}`, sub];
    yield* properties(sub, `${path}.${name}`);
  }
  for (const sub of (s.oneOf ?? []) as unknown[]) yield* properties(sub, path);
}

describe("builtinActions", () => {
  it("are each defined in their own folder, actions/<type>/index, which the engine bundle loads alone", async () => {
    for (const action of builtinActions) {
      const file = resolve("actions", action.type, "index.ts");
      const module: unknown = await import(/* @vite-ignore */ file);
      expect(exportedDefinitions(module, action.type), action.type).toEqual([action]);
    }
  });

  it("registers the built-ins through the registry's own register", () => {
    const registry = registerBuiltins(new ActionRegistry());
    expect(registry.types()).toEqual([
      "eventbridge-put",
      "index-document",
      "lambda-invoke",
      "slack-post",
      "sns-publish",
      "sqs-send",
      "tag-from-template",
      "webhook",
    ]);
    expect(() => registerBuiltins(registry)).toThrow(/already registered/);
  });

  it.each(builtinActions.map((a) => [a.type, a] as const))(
    "%s: schema compiles in strict mode",
    (_type, action) => {
      expect(() => compileParams(action)).not.toThrow();
      expect(action.paramsSchema.additionalProperties).toBe(false);
    },
  );

  it.each(builtinActions.map((a) => [a.type, a] as const))(
    "%s: every property is documented",
    (_type, action) => {
      expect(String(action.paramsSchema.description ?? "").length).toBeGreaterThan(20);
      const undocumented = [...properties(action.paramsSchema, action.type)]
        .filter(([path, sub]) => !path.endsWith(".type") && typeof sub.description !== "string")
        .map(([path]) => path);
      expect(undocumented).toEqual([]);
    },
  );

  it.each(builtinActions.map((a) => [a.type, a] as const))(
    "%s: defaults, deferred and secret params are declared properties, defaults valid",
    (_type, action) => {
      const props = action.paramsSchema.properties as Record<string, JsonSchema>;
      for (const key of Object.keys(action.deferredParams ?? {})) expect(props).toHaveProperty(key);
      for (const key of action.secretParams ?? []) expect(props).toHaveProperty(key);
      for (const [key, value] of Object.entries(action.defaults ?? {})) {
        expect(props).toHaveProperty(key);
        const validate = new Ajv2020({ strict: true }).compile(props[key] as JsonSchema);
        expect(validate(value), `${action.type}.${key}`).toBe(true);
      }
    },
  );
});
