import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type CompiledTemplate,
  compileParams,
  compileTemplate,
  isTemplate,
  MissingVariableError,
  TemplateParamsError,
  TemplateRenderError,
  TemplateSyntaxError,
} from "../../../engine/template/index.js";

/** Pieces of Liquid, so random sources are often almost-valid templates rather than plain noise. */
const piece = fc.constantFrom(
  "{{",
  "}}",
  "{%",
  "%}",
  " ",
  "\n",
  "|",
  ".",
  "[",
  "]",
  "0",
  "-1",
  ":",
  ",",
  '"',
  "'",
  "event",
  "detail",
  "x",
  "__proto__",
  "constructor",
  "if",
  "endif",
  "for",
  "in",
  "endfor",
  "assign",
  "=",
  "==",
  "default",
  "date",
  '"%Y.%m.%d"',
  "json",
  "split",
  "slice",
  "join",
  "upcase",
  "size",
  "first",
  "nofilter",
  "include",
  "raw",
  "endraw",
  "(1..3)",
);
const source = fc.oneof(
  fc.array(piece, { maxLength: 24 }).map((p) => p.join("")),
  fc.string({ maxLength: 40 }),
);

const TEMPLATES = [
  '{{ instance.tags.Region }}-{{ instance.tags.App }}-{{ instance.privateIp | split: "." | slice: 2, 2 | join: "-" }}',
  'ecs-events-{{ event.time | date: "%Y.%m.%d" }}',
  "{{ event.detail | json }}",
  "{{ event.detail.containers[0].name }}",
  '{{ event.detail.x | default: "n/a" }}',
  "{% for c in event.detail.containers %}{{ c.name }},{% endfor %}",
  "{% if event.detail.x %}{{ event.detail.x }}{% else %}none{% endif %}",
  "{{ event.detail.containers | size }} {{ event | json }}",
  '{{ event.detail.x | slice: -2, 2 }}{{ event.id | upcase | default: "?" }}',
].map(compileTemplate);

function expectDocumentedRenderOutcome(template: CompiledTemplate, context: Record<string, unknown>): void {
  try {
    expect(typeof template.render(context)).toBe("string");
  } catch (err) {
    if (!(err instanceof MissingVariableError || err instanceof TemplateRenderError)) throw err;
  }
}

const json = fc.jsonValue({ maxDepth: 4 });
const PROTO_NAMES = ["__proto__", "constructor", "toString"];
const context = fc.record({ event: json, instance: json }, { requiredKeys: [] });

describe("templates never fail in an undocumented way", () => {
  it("compiling any string gives a template or a TemplateSyntaxError positioned inside the source", () => {
    fc.assert(
      fc.property(source, (src) => {
        try {
          compileTemplate(src);
        } catch (err) {
          if (!(err instanceof TemplateSyntaxError)) throw err;
          const lines = src.split("\n");
          expect(err.issue.line).toBeGreaterThanOrEqual(1);
          expect(err.issue.line).toBeLessThanOrEqual(lines.length);
          expect(err.issue.col).toBeGreaterThanOrEqual(1);
          expect(err.issue.col).toBeLessThanOrEqual((lines[err.issue.line - 1] ?? "").length + 1);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it("the seeds' templates render any JSON context to a string or a documented error", () => {
    fc.assert(
      fc.property(context, (ctx) => {
        for (const t of TEMPLATES) expectDocumentedRenderOutcome(t, ctx);
      }),
      { numRuns: 300 },
    );
  });

  it("random templates that compile render any JSON context to a string or a documented error", () => {
    fc.assert(
      fc.property(source, context, (src, ctx) => {
        let template: CompiledTemplate;
        try {
          template = compileTemplate(src);
        } catch (err) {
          if (err instanceof TemplateSyntaxError) return;
          throw err;
        }
        expectDocumentedRenderOutcome(template, ctx);
      }),
      { numRuns: 1000 },
    );
  });

  it("prototype names never reach anything, whatever else the data holds", () => {
    const t = compileTemplate(
      '{{ event.__proto__ | default: "none" }}/{{ event.constructor | default: "none" }}/{{ event.toString | default: "none" }}',
    );
    fc.assert(
      // Own keys with these names would be data; it is the inherited ones that must stay out of reach.
      fc.property(
        fc.dictionary(
          fc.string().filter((k) => !PROTO_NAMES.includes(k)),
          json,
        ),
        (event) => {
          expect(t.render({ event })).toBe("none/none/none");
        },
      ),
    );
  });

  it("params: any JSON compiles or fails with TemplateParamsError, and plain values are copied unchanged", () => {
    fc.assert(
      fc.property(json, context, (value, ctx) => {
        let params: ReturnType<typeof compileParams>;
        try {
          params = compileParams(value);
        } catch (err) {
          if (err instanceof TemplateParamsError) return;
          throw err;
        }
        try {
          const rendered = params.render(ctx);
          if (params.templates.length === 0) expect(rendered).toEqual(value);
        } catch (err) {
          if (!(err instanceof MissingVariableError || err instanceof TemplateRenderError)) throw err;
          expect(err.paramPath).toBeDefined();
        }
      }),
      { numRuns: 500 },
    );
  });

  it("isTemplate is exactly 'contains {{ or {%'", () => {
    fc.assert(
      fc.property(source, (src) => {
        expect(isTemplate(src)).toBe(/\{\{|\{%/.test(src));
      }),
    );
  });
});
