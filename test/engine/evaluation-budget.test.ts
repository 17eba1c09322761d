import { describe, expect, it } from "vitest";
import { registerBuiltins } from "../../actions/builtins.js";
import { ActionRegistry } from "../../engine/action/registry.js";
import { ConditionError, compileCondition } from "../../engine/condition/index.js";
import { Engine } from "../../engine/engine.js";
import { BudgetExceededError, EvaluationBudget } from "../../engine/evaluation-budget.js";
import { parseRuleFile } from "../../engine/load/rule-file.js";
import { compileSources } from "../../engine/rule-set.js";
import { compileParams, compileTemplate, TemplateRenderError } from "../../engine/template/index.js";

const registry = registerBuiltins(new ActionRegistry());
const small = (timeMs: number, outputChars = 10_000_000) => new EvaluationBudget({ timeMs, outputChars });
const items = (n: number) => Array.from({ length: n }, (_, i) => ({ i, tag: `t${i % 7}` }));

describe("conditions within the event's budget", () => {
  it("a reduce/merge over a 64k-item array stops at the time bound (was 43.9 s)", () => {
    const logic = {
      reduce: [{ var: "event.items" }, { merge: [{ var: "accumulator" }, [{ var: "current.i" }]] }, []],
    };
    const condition = compileCondition(logic);
    const data = { event: { items: items(64_000) } };
    expect(() => condition.evaluate(data, small(50))).toThrow(ConditionError);
    expect(() => condition.evaluate(data, small(50))).toThrow(/condition stopped: .*took over 50 ms/);
  });

  it.each([
    [
      "cat",
      { reduce: [{ var: "event.n" }, { cat: [{ var: "accumulator" }, { var: "accumulator" }] }, "ab"] },
    ],
    [
      "merge",
      { reduce: [{ var: "event.n" }, { merge: [{ var: "accumulator" }, { var: "accumulator" }] }, [1]] },
    ],
  ])("doubling with %s stops at the size bound before building the value", (_op, logic) => {
    const data = { event: { n: Array.from({ length: 40 }, (_, i) => i) } };
    expect(() => compileCondition(logic).evaluate(data, small(60_000, 1_000_000))).toThrow(
      /characters or items was built/,
    );
  });

  it("a spent budget fails every later condition of the event", () => {
    const budget = small(0);
    while (!budget.expired()) {
      /* wait out the 0 ms */
    }
    expect(() => compileCondition({ "==": [1, 1] }).evaluate({}, budget)).toThrow(/condition stopped/);
  });

  it("merge and cat still behave as stock JSON Logic", () => {
    expect(compileCondition({ "==": [{ cat: ["a", 1, null] }, "a1null"] }).evaluate({})).toBe(true);
    expect(compileCondition({ in: [2, { merge: [[1], 2, [[3]]] }] }).evaluate({})).toBe(true);
    expect(compileCondition({ "==": [{ cat: [{ merge: [[1], 2] }] }, "1,2"] }).evaluate({})).toBe(true);
  });
});

describe("templates within the event's budget", () => {
  const event = { items: items(200), big: "x".repeat(10_000) };

  it("templates of one event share the time bound (21 triple loops: was 37.7 s)", () => {
    const loop =
      "{% for a in event.items %}{% for b in event.items %}{% for c in event.items %}.{% endfor %}{% endfor %}{% endfor %}";
    const params = compileParams(Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`p${i}`, loop])));
    const render = () => params.render({ event }, small(50, Number.MAX_SAFE_INTEGER));
    expect(render).toThrow(TemplateRenderError);
    expect(render).toThrow(/template stopped: .*took over 50 ms/);
  });

  it.each([
    ["outputs in a loop", "{% for i in event.items %}{{ event.big }}{% endfor %}"],
    ["capture", "{% capture x %}{% for i in event.items %}{{ event.big }}{% endfor %}{% endcapture %}ok"],
    [
      "literal text in a loop",
      `{% for i in event.items %}{% for j in event.items %}${"y".repeat(100)}{% endfor %}{% endfor %}`,
    ],
    [
      "raw in a loop",
      `{% for i in event.items %}{% for j in event.items %}{% raw %}${"z".repeat(100)}{% endraw %}{% endfor %}{% endfor %}`,
    ],
  ])("%s cannot write past the output bound", (_label, source) => {
    const render = () => compileTemplate(source).render({ event }, small(60_000, 1_000_000));
    expect(render).toThrow(/template stopped: templates wrote over 1,000,000 characters/);
  });

  it("output is counted across the event's templates", () => {
    const budget = small(60_000, 25_000);
    const t = compileTemplate("{{ event.big }}");
    t.render({ event }, budget);
    t.render({ event }, budget);
    expect(() => t.render({ event }, budget)).toThrow(/templates wrote over 25,000/);
  });

  it("the error names the bound, not the data", () => {
    try {
      compileTemplate("{% for i in event.items %}{{ event.big }}{% endfor %}").render(
        { event },
        small(60_000, 100),
      );
      expect.unreachable();
    } catch (err) {
      expect((err as Error).message).not.toContain("xxxx");
      expect((err as Error).cause).toBeDefined();
    }
  });

  it("BudgetExceededError is what the engine's budget throws", () => {
    expect(() => small(60_000, 1).spendOutput(2)).toThrow(BudgetExceededError);
  });
});

describe("the engine gives each event one budget", () => {
  const rule = (name: string, message: string) => `name: ${name}
on:
  pattern: { source: [demo] }
actions:
  - type: sns-publish
    topicArn: arn:aws:sns:us-east-1:123456789012:t
    message: "${message}"
`;

  it("an event whose templates write past the bound fails clearly (its later templates too: the event is over budget); the next event has a fresh budget", () => {
    const { sources, problems } = parseRuleFile(
      "r.yaml",
      [
        rule("a-writer", "{% for i in event.detail.items %}{{ event.detail.big }}{% endfor %}"),
        rule("b-small", "{{ event.id }}"),
      ].join("---\n"),
    );
    const compiled = compileSources(sources, registry);
    expect([...problems, ...compiled.problems]).toEqual([]);
    const engine = new Engine(compiled.rules);
    const big = { id: "1", source: "demo", detail: { items: items(1_100), big: "x".repeat(10_000) } };
    const decisions = engine.evaluate(big).decisions;
    expect(decisions.map((d) => d.actions[0]?.status)).toEqual(["error", "error"]);
    expect(decisions[1]?.actions[0]).toMatchObject({
      error: expect.stringMatching(/^template stopped: templates wrote over/),
    });
    expect(decisions[0]?.actions[0]).toMatchObject({
      error: expect.stringMatching(/^template stopped: templates wrote over 10,000,000 characters/),
    });
    const small = { ...big, detail: { items: items(10), big: "x" } };
    expect(engine.evaluate(small).decisions.map((d) => d.actions[0]?.status)).toEqual(["planned", "planned"]);
  });
});
