import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build } from "esbuild";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { EvaluationBudget } from "../../../engine/evaluation-budget.js";
import { type CompiledTemplate, compileTemplate } from "../../../engine/template/compile-template.js";
import { compileLiquidTemplate } from "../../../engine/template/liquid-template.js";
import {
  compileSimpleTemplate,
  isSimpleTemplate,
  SimpleTemplate,
} from "../../../engine/template/simple-template.js";

/** Sources and whether the liquid-free path takes them. */
const SOURCES: Array<[string, boolean]> = [
  ["ECS task {{ event.detail.taskArn }} in {{ event.region }}", true],
  ["{{ event.detail.containers[0].name }}", true],
  ['{{ event["detail-type"] }}', true],
  ["{{ event['detail-type'] }}", true],
  ["{{event.a}}", true],
  ["{{\n\tevent.a \r\n}}", true],
  ["{{ a[-1] }}{{ a[0][1] }}", true],
  ["{{ a.size }} {{ a.first }} {{ a.last }} {{ a.first.size }}", true],
  ["{{ x-y.z_w }}", true],
  ['{{ a[""] }}', true],
  ["plain text", true],
  ["", true],
  ["a }} b %} c", true],
  ["{{ a }}}", true],
  ["{{ a.true }} {{ a.nil }}", true],
  ["{{ trueish }} {{ nil_x }} {{ empty-y }}", true],
  ["{{ true }}", false],
  ["{{ nil.x }}", false],
  ["{{ empty }}", false],
  ["{{ blank }}", false],
  ["{{ null }}", false],
  ["{{ false }}", false],
  ["{{ size }}", false], // reads liquidjs's globals when the context has no `size`
  ["{{ 1 }}", false],
  ["{{ -1 }}", false],
  ["{{ 1abc }}", false],
  ["{{ -a }}", false],
  ["{{ a? }}", false],
  ["{{ a.0 }}", false],
  ["{{ a | upcase }}", false],
  ["{{ a | json }}", true],
  ["{{a|json}}", true],
  ["{{ a.b[0]\n|\tjson\n}}", true],
  ["{{ a | json: 2 }}", false],
  ["{{ a | jsonx }}", false],
  ["{{ a | json | json }}", false],
  ["{{ a | json | upcase }}", false],
  ["{{ a | }}", false],
  ["{{ | json }}", false],
  ["{{ true | json }}", false],
  ['{{ a["x|y"] }}', false],
  ["{{ a b }}", false],
  ["{{ a[b] }}", false],
  ["{{ a[ 0 ] }}", false],
  ["{{ a[1.5] }}", false],
  ['{{ a["x\\"y"] }}', false],
  ['{{ a["}}"] }}', false],
  ['{{ a["it\'s"] }}', false],
  ["{{ a..b }}", false],
  ["{{ a. }}", false],
  ["{{ a.b. }}", false],
  ["{{ é }}", false],
  ["{{ (1..3) }}", false],
  ["{{ }}", false],
  ["{{ a }", false],
  ["text {{", false],
  ["{{ a }} {% if x %}y{% endif %}", false],
  ["{%- raw -%}", false],
  ["{{- a }}", false],
  ["{{ a -}}", false],
  ["{{ a-}}", false],
  ["text with -}} in it", false],
  ["{{ a\f}}", false],
  ["{{ {{ a }}", false],
  ["{{{ a }}", false],
];

describe("isSimpleTemplate", () => {
  it.each(SOURCES)("%j → %s", (source, simple) => {
    expect(isSimpleTemplate(source)).toBe(simple);
    expect(compileSimpleTemplate(source) !== undefined).toBe(simple);
  });

  it("compileTemplate takes the liquid-free path exactly for simple sources", () => {
    for (const [source, simple] of SOURCES) {
      let template: CompiledTemplate | undefined;
      try {
        template = compileTemplate(source);
      } catch {
        expect(simple).toBe(false); // only non-simple sources may fail to parse
        continue;
      }
      expect(template instanceof SimpleTemplate).toBe(simple);
    }
  });
});

type Outcome = { ok: string } | { error: string; message: string; variable?: unknown; reason?: unknown };

function outcome(
  template: CompiledTemplate,
  context: Record<string, unknown>,
  budget: EvaluationBudget,
): Outcome {
  try {
    return { ok: template.render(context, budget) };
  } catch (err) {
    if (!(err instanceof Error)) throw err;
    const { variable, reason } = err as { variable?: unknown; reason?: unknown };
    return { error: err.constructor.name, message: err.message, variable, reason };
  }
}

/**
 * Renders `source` both ways, twice on one budget each (so an overrun's aftermath is compared too),
 * and expects the same strings or errors, and the same variables.
 */
function expectSameAsLiquid(source: string, context: Record<string, unknown>, outputChars = 1_000_000): void {
  const fast = compileSimpleTemplate(source);
  expect(fast, source).toBeDefined();
  if (!fast) return;
  const liquid = compileLiquidTemplate(source);
  expect(fast.variables).toEqual(liquid.variables);
  const fastBudget = new EvaluationBudget({ timeMs: 60_000, outputChars });
  const liquidBudget = new EvaluationBudget({ timeMs: 60_000, outputChars });
  for (let i = 0; i < 2; i++) {
    expect(outcome(fast, context, fastBudget), source).toEqual(outcome(liquid, context, liquidBudget));
  }
}

const DATA: Record<string, unknown> = {
  event: JSON.parse(
    '{"detail-type":"x","region":"eu-west-1","detail":{"containers":[{"name":"web"},{"name":""}],"n":null,"s":"abc","z":0,"f":false,"t":true,"o":{},"l":[],"size":7,"__proto__":{"p":1},"first":"own first"}}',
  ),
  list: [1, [2, 3], { size: "own", first: 0 }, null, ""],
  text: "héllo",
  num: -0,
  first: "root first",
};

/** Cases worth naming: each renders the same through liquidjs and the fast path. */
const CASES: string[] = [
  "ECS {{ event.detail.containers[0].name }} in {{ event.region }}",
  "{{ event[\"detail-type\"] }}/{{ event['detail-type'] }}",
  "{{ event.detail.containers[1].name }}",
  "{{ event.detail.containers[2].name }}",
  "{{ event.detail.containers[-1] }}",
  "{{ event.detail.containers[-3] }}",
  "{{ event.detail.containers.size }} {{ event.detail.containers.first.name }} {{ event.detail.containers.last }}",
  "{{ event.detail.n }}",
  "{{ event.detail.n.x.y }}",
  "{{ event.detail.s.size }} {{ event.detail.s[0] }} {{ event.detail.s.length }}",
  "{{ event.detail.s[-1] }}",
  "{{ event.detail.s.first }}",
  "{{ event.detail.z }}{{ event.detail.f }}{{ event.detail.t }}",
  "{{ event.detail.z.size }}",
  "{{ event.detail.t.x }}",
  "{{ event.detail.o }}{{ event.detail.l }}{{ event.detail.o.size }}{{ event.detail.l.size }}",
  "{{ event.detail.l.first }}",
  "{{ event.detail.l.last }}",
  "{{ event.detail.size }} {{ event.detail.first }}",
  "{{ event.detail.__proto__ }} {{ event.detail.__proto__.p }}",
  "{{ event.constructor }}",
  "{{ event.detail.toString }}",
  "{{ event.detail.containers.length }}",
  '{{ event.detail["0"] }}',
  '{{ list["0"] }}{{ list[1][0] }}{{ list["1"]["1"] }}',
  "{{ list[2].size }} {{ list[2].first }}",
  "{{ list[3] }}",
  "{{ list[4] }}",
  "{{ list[007] }}",
  "{{ list[-0] }}",
  "{{ list[99999999999] }}",
  '{{ list[1]["x.y"] }}',
  '{{ event[""] }}',
  "{{ text }} {{ text.size }} {{ text[1] }}",
  "{{ num }}",
  "{{ first }} {{ last }}",
  "{{ toString }}",
  "{{ constructor }}",
  "{{ __proto__ }}",
  "{{ missing }}",
  "{{ missing.x }}",
  "{{ event.detail }}",
  "{{ event.detail | json }}",
  "{{ event.detail.s | json }} {{ event.detail.z | json }} {{ event.detail.f|json }} {{ list | json }}",
  "{{ event.detail.n | json }}",
  "{{ event.detail.containers[1].name | json }}",
  "{{ missing | json }}",
  "{{ event.detail.size | json }}{{ list.first | json }}",
  "a }} b {{ event.region }} c",
  "",
  "plain",
];

describe("the fast path renders as liquidjs does", () => {
  it.each(CASES)("%j", (source) => {
    expectSameAsLiquid(source, DATA);
  });

  it.each(CASES)("%j with a small output budget", (source) => {
    for (const limit of [0, 3, 10, 20]) expectSameAsLiquid(source, DATA, limit);
  });

  it("a spent time budget stops it the same way", () => {
    const source = "{{ event.region }}";
    const fast = compileSimpleTemplate(source) as CompiledTemplate;
    const liquid = compileLiquidTemplate(source);
    const spent = () => new EvaluationBudget({ timeMs: -1, outputChars: 100 });
    expect(outcome(fast, DATA, spent())).toEqual(outcome(liquid, DATA, spent()));
    expect(outcome(fast, {}, spent())).toEqual(outcome(liquid, {}, spent()));
  });

  it("hands values that are not JSON data to liquidjs, which the fallback compiles", () => {
    const source = "{{ when }} {{ tool.name }} {{ fn }}";
    const context = { when: new Date(0), tool: new Map([["name", "x"]]), fn: () => "called" };
    let compiled = 0;
    const fast = compileSimpleTemplate(source, (s) => {
      compiled++;
      return compileLiquidTemplate(s);
    }) as CompiledTemplate;
    const budget = () => new EvaluationBudget({ timeMs: 60_000, outputChars: 1000 });
    expect(outcome(fast, context, budget())).toEqual(
      outcome(compileLiquidTemplate(source), context, budget()),
    );
    expect(compiled).toBe(1);
    expect(fast.render({ when: "w", tool: { name: "n" }, fn: "f" })).toBe("w n f");
    expect(compiled).toBe(1);
  });

  it("stops `json` at liquidjs's memory limit the same way", () => {
    // Two outputs of 25,000,001 characters each: the second goes over the render's 50,000,000.
    const context = { big: "x".repeat(25_000_001), small: { a: [1, "b", null] } };
    for (const source of [
      "{{ big | json }}{{ big | json }}",
      "{{ small | json }}{{ big | json }}{{ big | json }}",
    ]) {
      const fast = compileSimpleTemplate(source) as CompiledTemplate;
      const liquid = compileLiquidTemplate(source);
      const budget = () => new EvaluationBudget({ timeMs: 60_000, outputChars: 1e9 });
      const expected = outcome(liquid, context, budget());
      expect("ok" in expected ? "rendered" : expected).toMatchObject({ error: "TemplateRenderError" });
      expect(outcome(fast, context, budget())).toEqual(expected);
    }
  });
});

/** Keys that mean something to liquidjs or JavaScript, and plain ones. */
const KEYS = [
  "a",
  "b",
  "size",
  "first",
  "last",
  "length",
  "constructor",
  "__proto__",
  "toString",
  "0",
  "-1",
  "é",
];
/** Of those, the ones a path can name after a dot. */
const NAMES = ["a", "b", "size", "first", "last", "length", "constructor", "__proto__", "toString", "x-y"];
const ROOTS = ["a", "b", "first", "last", "constructor", "__proto__", "toString", "event"];

/** JSON values over KEYS; objects are built with fromEntries so `__proto__` is an own key. */
const { value: jsonValue } = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc.constantFrom(null, "", 0, -0, 1, -1, 2.5, true, false, "x", "é✓", "0"),
    fc.string({ maxLength: 6 }),
    fc.integer(),
    fc.array(tie("value"), { maxLength: 4 }),
    fc
      .array(fc.tuple(fc.constantFrom(...KEYS), tie("value")), { maxLength: 8 })
      .map((entries) => Object.fromEntries(entries)),
  ),
}));

const context = fc
  .array(fc.tuple(fc.constantFrom(...ROOTS), jsonValue), { maxLength: 16 })
  .map((entries) => Object.fromEntries(entries) as Record<string, unknown>);

const blank = fc.constantFrom("", " ", "  ", "\n", "\t", " \r\n ");
const segment = fc.oneof(
  fc.constantFrom(...NAMES).map((n) => `.${n}`),
  fc.integer({ min: -3, max: 3 }).map((i) => `[${i}]`),
  fc.constantFrom(...KEYS, "x.y", "").map((k) => `["${k}"]`),
  fc.constantFrom(...KEYS).map((k) => `['${k}']`),
);
const output = fc
  .tuple(blank, fc.constantFrom(...ROOTS), fc.array(segment, { maxLength: 4 }), blank)
  .map(([l, root, segs, r]) => `{{${l}${root}${segs.join("")}${r}}}`);
const jsonOutput = fc
  .tuple(blank, fc.constantFrom(...ROOTS), fc.array(segment, { maxLength: 3 }), blank, blank)
  .map(([l, root, segs, m, r]) => `{{${l}${root}${segs.join("")}${m}|${m}json${r}}}`);
const text = fc.stringMatching(/^[^{%-]{0,8}$/);
const simpleSource = fc
  .array(fc.oneof(output, jsonOutput, text), { minLength: 1, maxLength: 5 })
  .map((parts) => parts.join(""))
  .filter(isSimpleTemplate);

/** A path that mostly exists: each choice picks a key (or index, or size/first/last) of where it is. */
function walk(ctx: Record<string, unknown>, choices: readonly number[]): string | undefined {
  const roots = Object.keys(ctx).filter((k) => /^[A-Za-z_][\w-]*$/.test(k) && k !== "size");
  if (roots.length === 0) return undefined;
  const root = roots[(choices[0] ?? 0) % roots.length] as string;
  let value: unknown = ctx[root];
  let path = root;
  for (const choice of choices.slice(1)) {
    if (Array.isArray(value)) {
      const i = (choice % (value.length + 2)) - 1; // -1 .. length: one before and one past the ends
      path += i === value.length ? [".size", ".first", ".last"][choice % 3] : `[${i}]`;
      value = value.at(i);
    } else if (value !== null && typeof value === "object") {
      const keys = [...Object.keys(value), "size", "first"];
      const key = keys[choice % keys.length] as string;
      path += /^[A-Za-z_][\w-]*$/.test(key) && choice % 2 === 0 ? `.${key}` : `["${key}"]`;
      value = (value as Record<string, unknown>)[key];
    } else {
      path += [".size", "[0]", ".first", "[-1]"][choice % 4];
      value = undefined;
    }
  }
  return path;
}

describe("differential: random simple templates over random JSON", () => {
  it("paths walked through the context render as liquidjs renders them", () => {
    fc.assert(
      fc.property(
        context,
        fc.array(fc.tuple(fc.array(fc.nat(), { maxLength: 6 }), fc.boolean()), {
          minLength: 1,
          maxLength: 3,
        }),
        text,
        fc.integer({ min: 0, max: 200 }),
        (ctx, walks, sep, outputChars) => {
          const outputs = walks.flatMap(([choices, json]) => {
            const path = walk(ctx, choices);
            return path === undefined ? [] : [`{{ ${path}${json ? " | json" : ""} }}`];
          });
          const source = outputs.join(sep);
          if (!isSimpleTemplate(source)) return;
          expectSameAsLiquid(source, ctx, outputChars);
        },
      ),
      { numRuns: 1500 },
    );
  });

  it("give the same string or the same error as liquidjs, with the same budget charges", () => {
    fc.assert(
      fc.property(simpleSource, context, fc.integer({ min: 0, max: 60 }), (source, ctx, outputChars) => {
        expectSameAsLiquid(source, ctx, outputChars);
      }),
      { numRuns: 1500 },
    );
  });
});

describe("no liquidjs behind it", () => {
  it("simple-template.ts's import graph holds no liquidjs", async () => {
    const entry = fileURLToPath(new URL("../../../engine/template/simple-template.ts", import.meta.url));
    const result = await build({
      entryPoints: [entry],
      bundle: true,
      write: false,
      metafile: true,
      format: "esm",
      platform: "node",
      logLevel: "silent",
    });
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.some((i) => i.endsWith("simple-template.ts"))).toBe(true);
    expect(inputs.filter((i) => /liquid/i.test(i))).toEqual([]);
  });

  it("in the engine bundle, compileTemplate renders simple templates before liquidjs is loaded", async () => {
    const dir = mkdtempSync(join(tmpdir(), "rulebridge-simple-"));
    try {
      const outfile = join(dir, "compile-template.mjs");
      await build({
        entryPoints: [
          fileURLToPath(new URL("../../../engine/template/compile-template.ts", import.meta.url)),
        ],
        bundle: true,
        outfile,
        format: "esm",
        platform: "node",
        define: { "process.env.RULEBRIDGE_ENGINE_BUNDLE": "true" },
        external: ["liquidjs"],
        logLevel: "silent",
      });
      const bundled = (await import(pathToFileURL(outfile).href)) as {
        compileTemplate: (source: string) => CompiledTemplate;
      };
      const context = { event: { detail: { id: "x-1" } } };
      expect(bundled.compileTemplate("id {{ event.detail.id }} {{ event | json }}").render(context)).toBe(
        'id x-1 {"detail":{"id":"x-1"}}',
      );
      expect(() => bundled.compileTemplate("{{ event.detail.id | upcase }}")).toThrow(/not loaded/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
