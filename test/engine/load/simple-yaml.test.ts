import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isScalar, LineCounter, parseAllDocuments } from "yaml";
import { parseSimpleYaml } from "../../../engine/load/simple-yaml.js";

/** What the yaml package reads: non-empty documents' values, indexes and starts, or "errors". */
function reference(text: string): unknown {
  const lineCounter = new LineCounter();
  const docs = [...parseAllDocuments(text, { lineCounter, uniqueKeys: true, prettyErrors: false })];
  if (docs.some((d) => d.errors.length > 0)) return "errors";
  const out = [];
  for (const [index, doc] of docs.entries()) {
    // Skipped as parseYamlDocuments skips them: no content, or an empty scalar (comments only).
    const c = doc.contents;
    if (c === null || (isScalar(c) && c.value === null && !c.source)) continue;
    const start = c.range?.[0] ?? -1;
    out.push({ index, value: doc.toJS({ maxAliasCount: 100 }), start, at: lineCounter.linePos(start) });
  }
  return out;
}

/** simple-yaml's reading in the same shape, or undefined when it leaves the file to yaml. */
function simple(text: string): unknown {
  const file = parseSimpleYaml(text);
  if (!file) return undefined;
  return file.documents.map(({ index, value, start }) => {
    const line = file.lineStarts.filter((s) => s <= start).length;
    return { index, value, start, at: { line, col: start - file.lineStarts[line - 1]! + 1 } };
  });
}

function expectSameAsYaml(text: string): boolean {
  const got = simple(text);
  if (got === undefined) return false;
  expect(got, text).toEqual(reference(text));
  return true;
}

const ROOT = join(import.meta.dirname, "../../..");

function yamlFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    if (name === "node_modules" || name === "dist" || name.startsWith(".")) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...yamlFiles(path));
    else if (/\.ya?ml$/.test(name)) out.push(path);
  }
  return out;
}

describe("parseSimpleYaml", () => {
  it.each([
    "name: a\n---\nname: b\n---\n",
    "---\nname: a\n",
    "# a comment\n---\nname: a\n---\n# only a comment\n---\nname: c # trailing\n",
    'name: r0\non:\n  pattern: {"source":["aws.ecs"],"detail":{"version":[{"numeric":[">=",5216,"<",7342]}]}}\nactions:\n  - type: sns-publish\n    topicArn: arn:aws:sns:us-east-1:123456789012:t0\n    message: "{{ event.id }} {{ event[\'detail-type\'] }}"\n',
    'when: { "==": [{ var: event.region }, "us-east-1"] }\n',
    "a: 1\nb: -2.5\nc: 1e3\nd: true\ne: ~\nf: null\ng: 0123\nh: yes\ni: 2016-10-17\nj: 12345678901234567890\n",
    "a:\n- x\n- y\nb:\n  -   c: 1\n      d: [1, 'it''s', \"q\\\"\\u00e9\"]\n",
    "a: hello, world [x] {y}\nb: 'single'   # c\nc: []\nd: {}\ne: x:y\n",
  ])("reads %j as the yaml package does", (text) => {
    expect(expectSameAsYaml(text)).toBe(true);
  });

  it.each([
    ["an anchor", "a: &x 1\nb: *x\n"],
    ["a block scalar", "a: |\n  x\n"],
    ["a multi-line plain scalar", "a: x\n  y\n"],
    ["a multi-line flow collection", "a: [1,\n  2]\n"],
    ["a merge key", "a: {x: 1}\nb:\n  <<: {y: 2}\n"],
    ["a duplicate key", "a: 1\na: 2\n"],
    ["an empty value", "a:\nb: 1\n"],
    ["CRLF", "a: 1\r\n"],
    ["a tab", "a:\t1\n"],
    ["a list document", "- a\n"],
    ["a directive", "%YAML 1.2\n---\na: 1\n"],
    ["hex", "a: 0x1f\n"],
    ["a tag", "a: !!str 1\n"],
    ["bad indentation", "a: 1\n  b: 2\n"],
    ["a nested mapping on one line", "a: b: c\n"],
    ["a non-ASCII start", "a: été\n"],
  ])("leaves %s to the yaml package", (_name, text) => {
    expect(parseSimpleYaml(text)).toBeUndefined();
  });

  it("reads the repository's YAML files as the yaml package does, or leaves them to it", () => {
    const files = yamlFiles(ROOT);
    expect(files.length).toBeGreaterThan(10);
    let read = 0;
    for (const file of files) if (expectSameAsYaml(readFileSync(file, "utf8"))) read++;
    expect(read).toBeGreaterThan(5);
  });

  it.each([
    [
      "# rules\nname: r-1\ndescription: 'it''s a rule' # c\nenabled: true\non:\n",
      '  pattern: {"source":["aws.ecs"], detail: {n: [{numeric: [">", -1.5e3]}, {"exists":true}, {"n":-1}, {"s":x}], s: [x y, "a\\tb"]}}\n',
      "when: { \"==\": [{ var: event.region }, 'us-east-1'] }\nactions:\n  - type: sns-publish\n",
      '    topicArn: arn:aws:sns:us-east-1:1:t\n    message: "{{ event.id }}"\n  - type: x\n',
      "    tags: [a, b]\n---\nname: r-2\nlist:\n- 1\n- {a: ~}\n- 2\n",
    ].join(""),
    [
      "a: 1 # one\nb:\n  c: x, y=z\n  d:\n    - e: +1\n      f: .5\n    - 'g' #h\n  i: -0\n",
      "j: [true, False, null, ~, 1.0, 1e-3, a b, ab.c/d]\nk: {'x': 'y', \"z\": [\"\\u00e9\\n\"]}\n",
      '---\nl: <= 0\nm: x:y:z\nn: "\\"q\\" \\/"\n',
    ].join(""),
  ])("never reads a mutated file differently from the yaml package (%#)", (base) => {
    const pieces = [" ", "  ", "\n", "-", ":", "#", "'", '"', ",", "[", "]", "{", "}", "---", "a", "0", "\\"];
    pieces.push("&", "*", "!", "|", ">", "%", "@", "?", "~", ".", "e", "...", "\\u", "<<");
    const mutation = fc.record({
      at: fc.nat({ max: base.length - 1 }),
      cut: fc.nat({ max: 3 }),
      insert: fc.constantFrom(...pieces),
    });
    let read = 0;
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 3 }), (mutations) => {
        let text = base;
        for (const { at, cut, insert } of mutations) {
          const i = Math.min(at, text.length);
          text = text.slice(0, i) + insert + text.slice(i + cut);
        }
        if (expectSameAsYaml(text)) read++;
      }),
      { numRuns: 3000, seed: 20261207 },
    );
    expect(read).toBeGreaterThan(100);
  });
});
