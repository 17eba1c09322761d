import { describe, expect, it } from "vitest";
import {
  CompiledParams,
  compileParams,
  MissingVariableError,
  scanParams,
  TemplateParamsError,
  TemplateRenderError,
} from "../../../engine/template/index.js";

const context = {
  event: { id: "e-1", time: "2016-10-17T20:29:14Z", detail: { containers: [{ name: "web" }], reason: "" } },
  instance: { privateIp: "10.0.12.34", tags: { App: "store" } },
};

describe("compileParams", () => {
  const params = {
    topicArn: "arn:aws:sns:us-east-1:123456789012:t",
    subject: "ECS task failure: {{ event.detail.containers[0].name }}",
    attributes: { kind: { DataType: "String", StringValue: "{{ event.id }}" } },
    blocks: [{ text: "plain" }, { text: "{{ instance.tags.App }}" }],
    count: 3,
    enabled: true,
    nothing: null,
  };

  it("finds every template string with its path", () => {
    const compiled = compileParams(params);
    expect(compiled.templates.map((t) => [t.path, t.template.source])).toEqual([
      [["subject"], params.subject],
      [["attributes", "kind", "StringValue"], "{{ event.id }}"],
      [["blocks", 1, "text"], "{{ instance.tags.App }}"],
    ]);
  });

  it("renders a deep copy: templates rendered, everything else copied as is", () => {
    const compiled = compileParams(params);
    const before = structuredClone(params);
    const rendered = compiled.render(context);
    expect(rendered).toEqual({
      ...params,
      subject: "ECS task failure: web",
      attributes: { kind: { DataType: "String", StringValue: "e-1" } },
      blocks: [{ text: "plain" }, { text: "store" }],
    });
    expect(params).toEqual(before);
    expect((rendered as typeof params).blocks).not.toBe(params.blocks);
  });

  it("renders a bare template string and leaves scalars alone", () => {
    expect(compileParams("{{ event.id }}").render(context)).toBe("e-1");
    expect(compileParams(42).render(context)).toBe(42);
    expect(compileParams("plain").templates).toEqual([]);
  });

  it("never treats keys as templates, and keeps a `__proto__` key as data", () => {
    const value = JSON.parse('{"__proto__": {"x": "{{ event.id }}"}, "{{ k }}": "v"}') as unknown;
    const rendered = compileParams(value).render(context) as Record<string, unknown>;
    expect(Object.getPrototypeOf(rendered)).toBe(Object.prototype);
    expect(Object.hasOwn(rendered, "__proto__")).toBe(true);
    expect(Object.getOwnPropertyDescriptor(rendered, "__proto__")?.value).toEqual({ x: "e-1" });
    expect(rendered["{{ k }}"]).toBe("v");
  });

  it("keeps the keys' order (integer-like first, as objects hold them) and an array's holes", () => {
    const rendered = compileParams({ b: "{{ event.id }}", 2: "x", a: 1 }).render(context) as object;
    expect(Object.keys(rendered)).toEqual(["2", "b", "a"]);
    // biome-ignore lint/suspicious/noSparseArray: a hole is the point
    const holes = compileParams([, "{{ event.id }}"]).render(context) as unknown[];
    expect(holes).toHaveLength(2);
    expect(0 in holes).toBe(false);
    expect(holes[1]).toBe("e-1");
  });

  it("locates a missing variable inside the params", () => {
    const compiled = new CompiledParams({ tags: { Name: "{{ instance.tags.Env }}" } });
    let caught: unknown;
    try {
      compiled.render(context);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(MissingVariableError);
    expect(caught).toMatchObject({ variable: "instance.tags.Env", paramPath: ["tags", "Name"] });
    expect((caught as Error).message).toBe(
      "template variable `instance.tags.Env` is not defined (in tags.Name)",
    );
  });

  it("locates an empty variable and a render error inside the params", () => {
    expect(() => compileParams({ m: ["{{ event.detail.reason }}"] }).render(context)).toThrow(
      "template variable `event.detail.reason` is an empty string (in m[0])",
    );
    expect(() => compileParams({ index: '{{ event.id | date: "%Y" }}' }).render(context)).toThrow(
      TemplateRenderError,
    );
  });
});

describe("collecting every syntax error", () => {
  const params = {
    ok: "{{ event.id }}",
    bad1: "{{ event.id | nope }}",
    list: ["fine", "{% if %}", { deep: "x {{ y" }],
  };

  it("scanParams reports all of them with their paths, and compiles the rest", () => {
    const { templates, issues } = scanParams(params);
    expect(templates.map((t) => t.path)).toEqual([["ok"]]);
    expect(issues.map((i) => [i.path, i.source, i.issue.line, i.issue.col])).toEqual([
      [["bad1"], "{{ event.id | nope }}", 1, 15],
      [["list", 1], "{% if %}", 1, 6],
      [["list", 2, "deep"], "x {{ y", 1, 3],
    ]);
  });

  it("compileParams throws one TemplateParamsError listing all of them", () => {
    let caught: unknown;
    try {
      compileParams(params);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(TemplateParamsError);
    expect((caught as TemplateParamsError).issues.map((i) => i.path)).toEqual([
      ["bad1"],
      ["list", 1],
      ["list", 2, "deep"],
    ]);
    expect((caught as Error).message).toMatch(/^3 templates do not parse: bad1: undefined filter: nope/);
  });
});

describe("renderOver", () => {
  const base = {
    topicArn: "arn:aws:sns:us-east-1:123456789012:t",
    subject: "Task {{ event.id }}",
    deferred: "{{ instance.privateIp }}",
    message: "{{ event.detail.containers[0].name }} at {{ event.time }}",
    count: 3,
  };
  const rendered = (keys: string[]) => Object.fromEntries(keys.map((k) => [k, base[k as keyof typeof base]]));
  // The value renders some of the base's keys (an action's non-deferred params); renderOver is the spread.
  const cases: [string, unknown][] = [
    ["the base's keys in its order", rendered(["topicArn", "subject", "message", "count"])],
    ["no keys", {}],
    ["keys in another order", rendered(["message", "subject"])],
    ["a key the base lacks", { ...rendered(["subject"]), extra: "{{ event.id }}" }],
    ["a `__proto__` key", JSON.parse('{"__proto__": "{{ event.id }}", "subject": "{{ event.time }}"}')],
  ];
  it.each(cases)("is { ...base, ...render() }: %s", (_name, value) => {
    const compiled = compileParams(value);
    const expected = { ...base, ...(compiled.render(context) as object) };
    for (let i = 0; i < 2; i++) {
      const out = compiled.renderOver(base, context);
      expect(out).toEqual(expected);
      expect(Object.keys(out)).toEqual(Object.keys(expected));
      expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    }
  });

  it("throws the first failure in the value's order, as render does", () => {
    const compiled = compileParams({ subject: "{{ event.nope }}", message: "{{ event.missing }}" });
    expect(() => compiled.renderOver(base, context)).toThrow(/`event.nope` is not defined \(in subject\)/);
    const reordered = compileParams({ message: "{{ event.missing }}", subject: "{{ event.nope }}" });
    expect(() => reordered.renderOver(base, context)).toThrow(
      /`event.missing` is not defined \(in message\)/,
    );
  });

  it("follows a new base object", () => {
    const compiled = compileParams({ subject: "{{ event.id }}" });
    expect(compiled.renderOver({ a: 1, subject: "x" }, context)).toEqual({ a: 1, subject: "e-1" });
    expect(compiled.renderOver({ b: 2, subject: "y" }, context)).toEqual({ b: 2, subject: "e-1" });
  });
});
