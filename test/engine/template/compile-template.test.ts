import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  compileTemplate,
  isTemplate,
  TemplateRenderError,
  TemplateSyntaxError,
} from "../../../engine/template/index.js";

const ecsEvent = JSON.parse(
  readFileSync(
    new URL("../../../examples/events/ecs-task-state-change-essential-exited.json", import.meta.url),
    "utf8",
  ),
) as Record<string, unknown>;

const instance = {
  id: "i-0123456789abcdef0",
  privateIp: "10.0.12.34",
  publicIp: null,
  tags: { Region: "vg", App: "store", Layer: "web", Env: "release", Group: "a", Empty: "" },
};

const context: Record<string, unknown> = {
  event: ecsEvent,
  instance,
  rule: { name: "r", description: "" },
  now: "2024-02-29T23:59:59.000Z",
  data: {
    nested: { a: 1, list: [1, 2, 3] },
    words: ["alpha", "beta", "gamma", "delta"],
    zero: 0,
    no: false,
    nothing: null,
    blank: "",
    text: "hello world",
  },
};

function render(source: string, ctx: Record<string, unknown> = context): string {
  return compileTemplate(source).render(ctx);
}

function renderError(source: string, ctx: Record<string, unknown> = context): unknown {
  try {
    compileTemplate(source).render(ctx);
  } catch (err) {
    return err;
  }
  throw new Error(`expected ${source} to fail`);
}

describe("rendering (the seeds' templates and the built-in filters)", () => {
  it.each([
    [
      "seed 000: Name tag from tags and the last two octets",
      '{{ instance.tags.Region }}-{{ instance.tags.App }}-{{ instance.tags.Layer }}-{{ instance.tags.Env }}-{{ instance.tags.Group }}-{{ instance.privateIp | split: "." | slice: 2, 2 | join: "-" }}',
      "vg-store-web-release-a-12-34",
    ],
    [
      "seed 002: daily index from event.time, in UTC",
      'ecs-events-{{ event.time | date: "%Y.%m.%d" }}',
      "ecs-events-2016.10.17",
    ],
    [
      "seed 002: first container name",
      "ECS task failure: {{ event.detail.containers[0].name }}",
      "ECS task failure: web",
    ],
    ["json: objects compact", "{{ data.nested | json }}", '{"a":1,"list":[1,2,3]}'],
    ["json: indentation argument", "{{ data.nested.list | json: 1 }}", "[\n 1,\n 2,\n 3\n]"],
    ["json: strings quoted", "{{ data.text | json }}", '"hello world"'],
    ["split + join", '{{ data.text | split: " " | join: "+" }}', "hello+world"],
    ["slice on a string", '{{ "abcdef" | slice: 1, 3 }}', "bcd"],
    ["slice on a string, negative start", '{{ "abcdef" | slice: -2, 2 }}', "ef"],
    ["slice on a string, default length 1", '{{ "abcdef" | slice: -1 }}', "f"],
    ["slice on an array", '{{ data.words | slice: 1, 2 | join: "," }}', "beta,gamma"],
    ["slice on an array, negative start", '{{ data.words | slice: -3, 2 | join: "," }}', "beta,gamma"],
    [
      "slice on the split IP, negative start",
      '{{ instance.privateIp | split: "." | slice: -2, 2 | join: "-" }}',
      "12-34",
    ],
    [
      "date: ISO with offset is converted to UTC",
      '{{ "2016-10-17T23:29:14-05:00" | date: "%Y-%m-%d %H:%M" }}',
      "2016-10-18 04:29",
    ],
    ["date: epoch seconds", '{{ 1476736154 | date: "%Y.%m.%d %H:%M:%S" }}', "2016.10.17 20:29:14"],
    [
      "date: CloudWatch's +0000 offsets",
      '{{ "2015-06-03T17:43:27.123+0000" | date: "%Y-%m-%d %H:%M:%S" }}',
      "2015-06-03 17:43:27",
    ],
    ["date: a date-time without zone is UTC", '{{ "2016-10-17 20:29:14" | date: "%H:%M" }}', "20:29"],
    ["date: a date alone", '{{ "2016-10-17" | date: "%d/%m/%Y" }}', "17/10/2016"],
    ["date: an explicit zone", '{{ event.time | date: "%H:%M", "Asia/Tokyo" }}', "05:29"],
    ["date_to_xmlschema", "{{ event.time | date_to_xmlschema }}", "2016-10-17T20:29:14+00:00"],
    ["date: month and weekday names are English", '{{ event.time | date: "%B %a" }}', "October Mon"],
    ["date: now from the context", '{{ now | date: "%Y-%m-%d" }}', "2024-02-29"],
    ["default: missing", '{{ event.detail.nope | default: "n/a" }}', "n/a"],
    ["default: missing parent", '{{ event.nope.deeper | default: "n/a" }}', "n/a"],
    ["default: null", '{{ data.nothing | default: "n/a" }}', "n/a"],
    ["default: empty string", '{{ data.blank | default: "n/a" }}', "n/a"],
    ["default: present value wins", '{{ data.text | default: "n/a" }}', "hello world"],
    [
      "default: later in the chain still makes the input optional",
      '{{ event.nope | upcase | default: "n/a" }}',
      "n/a",
    ],
    ["default: an explicitly empty fallback", '[{{ data.blank | default: "" }}]', "[]"],
    ["numbers and booleans print as themselves", "{{ data.zero }} {{ data.no }}", "0 false"],
    ["objects without a filter print as JSON", "{{ data.nested }}", '{"a":1,"list":[1,2,3]}'],
    ["arrays without a filter print as JSON", "{{ data.words | slice: 0, 2 }}", '["alpha","beta"]'],
    ["no HTML escaping", '{{ "<a href=\\"x\\">&</a>" }}', '<a href="x">&</a>'],
    ["if on a missing variable is false", "{% if instance.nope %}yes{% else %}no{% endif %}", "no"],
    ["if on null is false", "{% if instance.publicIp %}yes{% else %}no{% endif %}", "no"],
    ["if sees an empty string as it is", '{% if instance.tags.Empty == "" %}empty{% endif %}', "empty"],
    [
      "for over an array",
      "{% for c in event.detail.containers %}{{ c.name }}:{{ c.exitCode }}{% endfor %}",
      "web:1",
    ],
    [
      "assign and capture",
      "{% assign n = event.detail.containers | size %}{% capture x %}n={{ n }}{% endcapture %}{{ x }}",
      "n=1",
    ],
    ["plain text is returned as is", "no templates here", "no templates here"],
  ])("%s", (_name, source, expected) => {
    expect(render(source)).toBe(expected);
  });

  it("renders the seed 002 message: the event detail as compact JSON", () => {
    expect(render("{{ event.detail | json }}")).toBe(JSON.stringify(ecsEvent.detail));
  });
});

describe("variables", () => {
  it.each([
    ["{{ event.detail.containers[0].name }}", [["event", "detail", "containers", 0, "name"]]],
    [
      '{{ instance.privateIp | split: "." }}-{{ instance.tags.App }}',
      [
        ["instance", "privateIp"],
        ["instance", "tags", "App"],
      ],
    ],
    ["{{ a.b }}{{ a.b }}{{ a }}", [["a", "b"], ["a"]]],
    ["{{ x | default: y.z }}{% if w %}{% endif %}", [["x"], ["y", "z"], ["w"]]],
    [
      "{% for c in event.detail.containers %}{{ c.name }}{{ forloop.index }}{% endfor %}",
      [["event", "detail", "containers"]],
    ],
    ["{% assign v = event.id %}{{ v }}", [["event", "id"]]],
    ["{{ a[b.c].d }}", [["a"], ["b", "c"]]],
    ["{{ a['key with.dot'] }}", [["a", "key with.dot"]]],
    ['{{ "literal" | upcase }}', []],
  ])("%s", (source, expected) => {
    expect(compileTemplate(source).variables).toEqual(expected);
  });
});

describe("syntax errors", () => {
  it.each([
    ["an unknown filter, pointed at", "{{ event.id | nofilter }}", /undefined filter: nofilter/, 1, 15],
    [
      "an unknown filter on a later line",
      "line one\n  x {{ a | upcase | nope: 1 }}",
      /undefined filter: nope/,
      2,
      21,
    ],
    ["an unclosed output", "prefix {{ event.id ", /not closed/, 1, 8],
    ["an unclosed tag block", "{% if x %}yes", /not closed/, 1, 1],
    ["an unknown tag", "a\n{% frobnicate %}", /tag "frobnicate" not found/, 2, 1],
    ["include (no file system)", "{% include 'x' %}", /"include" is not available/, 1, 1],
    ["render (no file system)", "{% render 'x' %}", /"render" is not available/, 1, 1],
    ["layout (no file system)", "{% layout 'x' %}", /"layout" is not available/, 1, 1],
    ["echo (bypasses the strict output checks)", "{% echo x %}", /"echo" is not available/, 1, 1],
  ])("%s", (_name, source, message, line, col) => {
    let caught: unknown;
    try {
      compileTemplate(source);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(TemplateSyntaxError);
    const issue = (caught as TemplateSyntaxError).issue;
    expect(issue.message).toMatch(message);
    expect(issue.message).not.toMatch(/line:\d/);
    expect({ line: issue.line, col: issue.col }).toEqual({ line, col });
  });
});

describe("render errors", () => {
  it.each([
    [
      "a date that cannot be read",
      '{{ "yyyy-mm-ddThh:mm:ssZ" | date: "%Y" }}',
      /date: cannot read "yyyy-mm-ddThh:mm:ssZ" as a date/,
    ],
    ["a non-date piped to date", '{{ data.nested | date: "%Y" }}', /cannot read .* as a date/],
    [
      "a string V8 would read as 2001-01-01",
      '{{ "us-east-1" | date: "%Y" }}',
      /cannot read "us-east-1" as a date/,
    ],
    ["an impossible ISO date", '{{ "2016-13-45" | date: "%Y" }}', /cannot read "2016-13-45" as a date/],
    ["null through date", '{{ data.nothing | default: "x" | date: "%Y" }}', /cannot read "x" as a date/],
    ["a runaway loop", "{% for i in (1..100000000) %}x{% endfor %}", /limit exceeded/],
  ])("%s is a TemplateRenderError", (_name, source, message) => {
    const err = renderError(source);
    expect(err).toBeInstanceOf(TemplateRenderError);
    expect((err as Error).message).toMatch(message);
  });
});

describe("the context", () => {
  it("is never written to by a template", () => {
    const ctx: Record<string, unknown> = { event: { id: "e1" }, counter: 5 };
    const before = structuredClone(ctx);
    expect(render("{% increment counter %}{% increment event %}{% assign event = 1 %}{{ event }}", ctx)).toBe(
      "501",
    );
    expect(ctx).toEqual(before);
    expect(render("{{ event.id }}-{{ counter }}", ctx)).toBe("e1-5");
  });

  it("a template is parsed once and renders many contexts", () => {
    const t = compileTemplate("{{ x }}");
    expect([1, 2, 3].map((x) => t.render({ x }))).toEqual(["1", "2", "3"]);
  });
});

describe("isTemplate", () => {
  it.each([
    ["{{ x }}", true],
    ["{% if x %}{% endif %}", true],
    ["a { b } c", false],
    ["arn:aws:sns:us-east-1:123456789012:topic", false],
    ["{ {x} }", false],
  ])("%s → %s", (source, expected) => {
    expect(isTemplate(source)).toBe(expected);
  });
});
