import { describe, expect, it } from "vitest";
import type { ActionDefinition } from "../../engine/action/types.js";
import type { CompiledRule } from "../../engine/compile/rule-compiler.js";
import type { SecretPattern } from "../../engine/secrets/secret-pattern.js";
import { DeferredActions } from "../../handler/deferred-actions.js";

const PAGER: SecretPattern = { id: "pager-key", label: "a pager key", pattern: /pk_[a-z0-9]{20}/ };

function action(type: string, extra: Partial<ActionDefinition> = {}): ActionDefinition {
  return {
    type,
    description: `test ${type}`,
    paramsSchema: { type: "object", additionalProperties: false, properties: { to: { type: "string" } } },
    iam: () => [],
    plan: ({ params }) => ({ type, summary: `to ${String(params.to)}`, steps: [] }),
    ...extra,
  };
}

describe("DeferredActions (the engine bundle's actions, code loaded on first evaluation)", () => {
  it("answers type and the declared secret patterns before loading, and refuses anything else", () => {
    let loads = 0;
    const actions = new DeferredActions(
      [{ type: "pager", secretPatterns: [PAGER] }, { type: "mail" }],
      [
        {
          types: ["pager", "mail"],
          load: async () => {
            loads++;
            return [action("pager", { secretPatterns: [PAGER] }), action("mail")];
          },
        },
      ],
    );
    const pager = actions.get("pager");
    expect(pager?.type).toBe("pager");
    expect(pager?.secretPatterns).toEqual([PAGER]);
    expect(actions.get("mail")?.secretPatterns).toBeUndefined();
    expect(actions.get("unknown")).toBeUndefined();
    expect(() => pager?.plan({ params: {}, context: {} })).toThrow(/before the actions were loaded/);
    expect(() => pager?.paramsSchema).toThrow(/before the actions were loaded/);
    expect(loads).toBe(0);
  });

  it("delegates to the loaded definitions, loading once", async () => {
    let loads = 0;
    let ranWith: unknown;
    const run: NonNullable<ActionDefinition["run"]> = async function (this: unknown) {
      ranWith = this;
      return { status: "changed", summary: "sent" };
    };
    const real = action("pager", { run });
    const actions = new DeferredActions(
      [{ type: "pager" }],
      [
        {
          types: ["pager"],
          load: async () => {
            loads++;
            return [real];
          },
        },
      ],
    );
    const standIn = actions.get("pager");
    await Promise.all([actions.load(), actions.load()]);
    await actions.load();
    expect(loads).toBe(1);
    expect(actions.get("pager")).toBe(standIn);
    expect(standIn?.plan({ params: { to: "ops" }, context: {} }).summary).toBe("to ops");
    expect(standIn?.paramsSchema).toBe(real.paramsSchema);
    await standIn?.run?.({} as Parameters<NonNullable<ActionDefinition["run"]>>[0]);
    expect(ranWith).toBe(real);
    expect(actions.get("pager")?.check).toBeUndefined();
  });

  const refusals: { why: string; declared: string[]; loaded: ActionDefinition[]; message: RegExp }[] = [
    {
      why: "a declared type the bundle lacks",
      declared: ["pager", "mail"],
      loaded: [action("pager")],
      message: /not the ones synth declared/,
    },
    {
      why: "a type synth did not declare",
      declared: ["pager"],
      loaded: [action("pager"), action("mail")],
      message: /not the ones synth declared/,
    },
    {
      why: "two definitions of one type",
      declared: ["pager"],
      loaded: [action("pager"), action("pager")],
      message: /already registered/,
    },
    {
      why: "a definition the registry refuses",
      declared: ["pager"],
      loaded: [action("pager", { paramsSchema: { type: "object" } })],
      message: /additionalProperties: false/,
    },
  ];

  it.each(refusals)("refuses to load $why", async ({ declared, loaded, message }) => {
    const actions = new DeferredActions(
      declared.map((type) => ({ type })),
      [{ types: declared, load: async () => loaded }],
    );
    await expect(actions.load()).rejects.toThrow(message);
  });

  it("refuses groups that do not define exactly the declared actions", () => {
    expect(
      () =>
        new DeferredActions(
          [{ type: "pager" }, { type: "mail" }],
          [{ types: ["pager"], load: async () => [] }],
        ),
    ).toThrow(/not the declared actions/);
  });

  it("loads a group only when a rule using one of its actions is evaluated", async () => {
    const loaded: string[] = [];
    const group = (type: string) => ({
      types: [type],
      load: async () => {
        loaded.push(type);
        return [action(type)];
      },
    });
    const actions = new DeferredActions(
      [{ type: "pager" }, { type: "mail" }],
      [group("pager"), group("mail")],
    );
    const rule = (type: string) => ({ actions: [{ type }] }) as unknown as CompiledRule;
    const parts = actions.parts();
    expect(parts.map((p) => p.needs(rule("mail")))).toEqual([false, true]);
    await parts[1]?.load();
    await parts[1]?.load();
    expect(loaded).toEqual(["mail"]);
    expect(actions.get("mail")?.plan({ params: { to: "ops" }, context: {} }).summary).toBe("to ops");
    expect(() => actions.get("pager")?.plan({ params: {}, context: {} })).toThrow(
      /before the actions were loaded/,
    );
    await actions.load();
    expect(loaded).toEqual(["mail", "pager"]);
  });
});
