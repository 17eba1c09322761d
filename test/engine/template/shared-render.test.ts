import { describe, expect, it } from "vitest";
import { EvaluationBudget } from "../../../engine/evaluation-budget.js";
import { compileTemplate } from "../../../engine/template/compile-template.js";
import { compileLiquidTemplate } from "../../../engine/template/liquid-template.js";

/**
 * Rules writing the same simple template share it, and within one evaluation (one budget) an
 * event-only template resolves an event once: what each render returns, throws and charges is
 * what rendering it afresh does.
 */
describe("templates shared between rules", () => {
  const event = (id: string) => ({ id, region: "us-east-1", detail: { name: "web" } });
  const ctx = (e: unknown, rule = "r1") => ({ event: e, rule: { name: rule, description: "" }, now: "n" });

  it("the same simple source compiles to one template; liquid sources do not", () => {
    expect(compileTemplate("{{ event.id }} shared")).toBe(compileTemplate("{{ event.id }} shared"));
    expect(compileTemplate("{{ event.id | upcase }}")).not.toBe(compileTemplate("{{ event.id | upcase }}"));
  });

  const cases: [string, string, (t: ReturnType<typeof compileTemplate>) => unknown[]][] = [
    [
      "the same event in one evaluation",
      "{{ event.id }} in {{ event.region }}",
      (t) => {
        const budget = new EvaluationBudget();
        const e = event("a");
        return [t.render(ctx(e), budget), t.render(ctx(e, "r2"), budget)];
      },
    ],
    [
      "another event in the same evaluation",
      "{{ event.id }}!",
      (t) => {
        const budget = new EvaluationBudget();
        return [t.render(ctx(event("a")), budget), t.render(ctx(event("b")), budget)];
      },
    ],
    [
      "the same event object changed between evaluations",
      "{{ event.detail.name }}",
      (t) => {
        const e = event("a");
        const first = t.render(ctx(e), new EvaluationBudget());
        e.detail.name = "api";
        return [first, t.render(ctx(e), new EvaluationBudget())];
      },
    ],
    [
      "a template reading the rule too",
      "{{ event.id }} by {{ rule.name }}",
      (t) => {
        const budget = new EvaluationBudget();
        const e = event("a");
        return [t.render(ctx(e, "r1"), budget), t.render(ctx(e, "r2"), budget)];
      },
    ],
  ];
  // liquidjs renders each time from scratch: the reference.
  it.each(cases)("renders as liquidjs does: %s", (_name, source, run) => {
    expect(run(compileTemplate(source))).toEqual(run(compileLiquidTemplate(source)));
  });

  it("charges the budget on every render, and rethrows a failure", () => {
    const t = compileTemplate("{{ event.id }}-{{ event.nope }}");
    const e = event("abcd");
    const budget = new EvaluationBudget({ timeMs: 60_000, outputChars: 12 });
    expect(() => t.render(ctx(e), budget)).toThrow(/`event.nope` is not defined/);
    expect(() => t.render(ctx(e), budget)).toThrow(/`event.nope` is not defined/);
    // 5 characters written before the failing output, each time: the third render goes over 12.
    expect(() => t.render(ctx(e), budget)).toThrow(/template stopped: templates wrote over 12 characters/);
    const ok = compileTemplate("{{ event.id }}");
    const small = new EvaluationBudget({ timeMs: 60_000, outputChars: 10 });
    expect(ok.render(ctx(e), small)).toBe("abcd");
    expect(ok.render(ctx(e), small)).toBe("abcd");
    expect(() => ok.render(ctx(e), small)).toThrow(/templates wrote over 10 characters/);
  });
});
