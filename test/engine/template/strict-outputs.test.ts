import { describe, expect, it } from "vitest";
import { compileTemplate, MissingVariableError } from "../../../engine/template/index.js";

const context: Record<string, unknown> = {
  event: { id: "e-1", detail: { containers: [{ name: "web" }] } },
  instance: {
    privateIp: "10.0.12.34",
    publicIp: null,
    tags: { Region: "vg", App: "store", Empty: "" },
  },
  data: { words: ["alpha", "beta"], none: [], nothing: null, blank: "", text: "hello world" },
};

function renderError(source: string, ctx: Record<string, unknown> = context): unknown {
  try {
    compileTemplate(source).render(ctx);
  } catch (err) {
    return err;
  }
  throw new Error(`expected ${source} to fail`);
}

function render(source: string, ctx: Record<string, unknown> = context): string {
  return compileTemplate(source).render(ctx);
}

describe("strict outputs", () => {
  it.each([
    ["a missing tag", "{{ instance.tags.Env2 }}", "instance.tags.Env2", "missing"],
    [
      "a missing parent names the first missing segment",
      "{{ instance.nope.deeper }}",
      "instance.nope",
      "missing",
    ],
    ["a missing root", "{{ nope }}", "nope", "missing"],
    [
      "an index out of range",
      "{{ event.detail.containers[3].name }}",
      "event.detail.containers[3]",
      "missing",
    ],
    ["null", "{{ instance.publicIp }}", "instance.publicIp", "null"],
    ["an empty string", "{{ instance.tags.Empty }}", "instance.tags.Empty", "empty"],
    [
      "an empty string piped through a filter",
      '{{ instance.tags.Empty | append: "x" }}',
      "instance.tags.Empty",
      "empty",
    ],
    ["null inside a loop", "{% for x in data.words %}{{ data.nothing }}{% endfor %}", "data.nothing", "null"],
    [
      "inside an if branch",
      "{% if data.text %}{{ instance.tags.Nope }}{% endif %}",
      "instance.tags.Nope",
      "missing",
    ],
    ["inside capture", "{% capture c %}{{ data.blank }}{% endcapture %}{{ c }}", "data.blank", "empty"],
    ["inside unless", "{% unless data.nothing %}{{ data.blank }}{% endunless %}", "data.blank", "empty"],
    [
      "inside case/when",
      '{% case data.text %}{% when "hello world" %}{{ data.nothing }}{% endcase %}',
      "data.nothing",
      "null",
    ],
    [
      "inside case/else",
      "{% case data.text %}{% when 1 %}x{% else %}{{ data.blank }}{% endcase %}",
      "data.blank",
      "empty",
    ],
    [
      "inside for/else",
      "{% for w in data.none %}x{% else %}{{ data.blank }}{% endfor %}",
      "data.blank",
      "empty",
    ],
    [
      "inside tablerow",
      "{% tablerow w in data.words %}{{ data.nothing }}{% endtablerow %}",
      "data.nothing",
      "null",
    ],
    [
      "inside nested blocks",
      "{% if data.text %}{% for w in data.words %}{% if w %}{{ data.blank }}{% endif %}{% endfor %}{% endif %}",
      "data.blank",
      "empty",
    ],
    ["a missing filter argument", "{{ data.text | append: data.nope }}", "data.nope", "missing"],
    ["a missing default fallback", "{{ data.nope | default: data.nope2 }}", "data.nope2", "missing"],
    ["__proto__ is not data", "{{ event.__proto__ }}", "event.__proto__", "missing"],
    ["constructor is not data", "{{ event.constructor.name }}", "event.constructor", "missing"],
    ["inherited methods are not data", "{{ data.text.toString }}", "data.text.toString", "missing"],
  ])("%s is an error naming the variable", (_name, source, variable, reason) => {
    const err = renderError(source);
    expect(err).toBeInstanceOf(MissingVariableError);
    expect(err).toMatchObject({ variable, reason });
    expect((err as Error).message).toContain(`\`${variable}\``);
  });

  it("an output that renders nothing is an error naming the output", () => {
    const err = renderError('{{ instance.privateIp | split: "." | slice: 9 | join: "-" }}');
    expect(err).toBeInstanceOf(MissingVariableError);
    expect(err).toMatchObject({ variable: "instance.privateIp", reason: "blank" });
    expect((err as Error).message).toContain('{{ instance.privateIp | split: "." | slice: 9 | join: "-" }}');
  });

  it("reports the seed 000 failure: no Name without the Env tag", () => {
    const tags = { Region: "vg", App: "store", Layer: "web", Group: "a" };
    const source = "{{ instance.tags.Region }}-{{ instance.tags.App }}-{{ instance.tags.Env }}";
    expect(() => render(source, { instance: { tags } })).toThrow(/`instance\.tags\.Env` is not defined/);
  });
});

describe("{% cycle %} is as strict as an output", () => {
  const ctx = { event: { empty: "", nul: null, obj: { a: 1 }, list: [1, 2, 3] } };

  it.each([
    ["an empty string", '[{% cycle event.empty, "b" %}]'],
    ["null", "[{% cycle event.nul %}]"],
  ])("a candidate that is %s is an error", (_label, source) => {
    expect(() => compileTemplate(source).render(ctx)).toThrow(MissingVariableError);
  });

  it.each([
    ["cycles through its candidates", '{% for i in event.list %}{% cycle "a", "b" %}{% endfor %}', "aba"],
    ["writes an object as JSON", "{% cycle event.obj %}", '{"a":1}'],
    ["allows a blank under `default`", '[{% cycle event.empty | default: "" %}]', "[]"],
  ])("%s", (_label, source, expected) => {
    expect(compileTemplate(source).render(ctx)).toBe(expected);
  });
});
