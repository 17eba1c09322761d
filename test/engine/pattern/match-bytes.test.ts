import { describe, expect, it, vi } from "vitest";
import { PatternIndex } from "../../../engine/pattern/index.js";
import { asciiJson, matchBytesOf, matchViaBytes } from "./support/bytes.js";
import { assertIndexAgreesWithPatterns } from "./support/index-agreement.js";

/**
 * PatternIndex.matchBytes: matchText's answer for the UTF-8 text of a byte range, read from the
 * bytes; or undefined (declined), and then the caller's matchText answers.
 */
function edgeIndex(): PatternIndex<number> {
  const index = new PatternIndex<number>();
  index.add(0, { source: ["s"], d: { k: ["a"] } });
  // Nested arrays and $or branches the automaton cannot decide alone take the exact walk.
  index.add(1, { r: { k: ["a"], v: ["1"] } });
  index.add(2, { $or: [{ a: [{ prefix: "x" }] }, { b: [{ exists: false }] }] });
  index.add(3, { n: [{ numeric: [">", 1.5] }] });
  index.add(4, { n: [2.5], "detail-type": [{ "equals-ignore-case": "ab" }] });
  index.add(5, { q: ['a"b\\c/'] });
  index.add(6, { list: ["y"] });
  index.add(7, { "e.f": ["g"] });
  index.add(8, { a: [{ "anything-but": ["xy"] }] });
  return index;
}

/** Text, expected keys, and whether matchBytes reads it itself (else declines). */
const CASES: [string, string, number[], boolean][] = [
  ["read from the bytes", '{"source":"s","d":{"k":"a"},"b":1}', [0], true],
  ["whitespace everywhere", ' \t{ "source" : "s" ,\r\n "d" : { "k" : "a" } , "b" : null }  ', [0], true],
  ["escapes in values", '{"source":"\\u0073","d":{"k":"\\u0061"},"b":0}', [0], true],
  ["escapes in keys", '{"sour\\u0063e":"s","d":{"\\u006b":"a"},"b":0}', [0], true],
  ["escaped quote, backslash and slash", '{"q":"a\\"b\\\\c\\/","b":0}', [5], true],
  ["escaped non-ASCII (all ASCII bytes)", '{"a":"x\\u00e9","b":0}', [2, 8], true],
  ["nested arrays (exact walk on the decoded bytes)", '{"b":1,"r":[[{"k":"a","v":"1"}]]}', [1], true],
  ["arrays of objects", '{"b":1,"r":[{"k":"a","v":"2"},{"k":"b","v":"1"}]}', [], true],
  ["arrays of scalars", '{"b":1,"list":["x","y",3,null,true]}', [6], true],
  ["$or with exists false", '{"a":"xy"}', [2], true],
  ["numbers", '{"n":2.5e0,"detail-type":"aB","b":1}', [3, 4], true],
  ["negative zero and fractions", '{"n":-0.0,"b":1}', [], true],
  ["integer past 2^53 (beyond numeric ranges)", '{"n":90071992547409931,"b":1}', [], true],
  ["dotted key", '{"e.f":"g","b":1}', [7], true],
  ["empty object", "{}", [2], true],
  ["duplicate key (declined: the last wins)", '{"source":"t","source":"s","d":{"k":"a"},"b":0}', [0], false],
  ["array-index key (declined)", '{"1":0,"source":"s","d":{"k":"a"},"b":0}', [0], false],
  ["number out of range (declined)", '{"source":"s","d":{"k":"a"},"b":1e400}', [], false],
  ["non-ASCII (declined)", '{"a":"xé","b":0}', [2, 8], false],
  ["a BOM is not part of a line (declined)", '\uFEFF{"a":"x"}', [], false],
  ["top level not an object (declined)", "[1]", [], false],
];

describe("PatternIndex.matchBytes", () => {
  const index = edgeIndex();

  it.each(CASES)("%s", (_name, text, expected, read) => {
    if (text.startsWith("\uFEFF")) {
      // JSON.parse refuses a BOM: so does matchText, and matchBytes leaves it to it.
      expect(matchBytesOf(index, text)).toBeUndefined();
      expect(() => index.matchText(text)).toThrow(SyntaxError);
      return;
    }
    expect(index.matchText(text)).toEqual(expected);
    // Whatever follows the bytes in their buffer.
    for (const after of [10, 3]) {
      const got = matchBytesOf(index, text, 3, after);
      if (read) expect(got, `${after} after`).toEqual(expected);
      else expect(got, `${after} after`).toBeUndefined();
    }
    expect(matchViaBytes(index, text)).toEqual(expected);
  });

  it("a line's bytes are not read past its end: the next line is not its rest", () => {
    const lines = '{"source":"s",\n"d":{"k":"a"},"b":1}\n{"source":"s"\n , "b":1}\n';
    const all = new TextEncoder().encode(lines);
    const was = all.slice();
    const ends = [...all.keys()].filter((i) => all[i] === 0x0a);
    const answers = ends.map((end, i) =>
      index.matchBytes(all, i === 0 ? 0 : (ends[i - 1] as number) + 1, end),
    );
    // Each line alone is not JSON (matchText would throw): declined, the next line never read.
    expect(answers).toEqual([undefined, undefined, undefined, undefined]);
    expect(all).toEqual(was);
    // Trailing whitespace ends at the line's end, not at the whitespace of the lines after it.
    const spaced = new TextEncoder().encode('{"a":"xz"}  \n  \n \n\t\n        \n');
    expect(index.matchBytes(spaced, 0, 12)).toEqual([2, 8]);
  });

  it("reads a line anywhere in a larger buffer, at any alignment", () => {
    const text = '{"source":"s","d":{"k":"a"},"b":1}';
    for (let before = 0; before < 9; before++) expect(matchBytesOf(index, text, before)).toEqual([0]);
    // A subarray whose buffer starts elsewhere, and lines one after another in one buffer.
    const lines = `${text}\n{"a":"xz"}\n{"b":1,"list":["y"]}\n`;
    const all = new TextEncoder().encode(`..${lines}`).subarray(2);
    const ends = [...all.keys()].filter((i) => all[i] === 0x0a);
    const answers = ends.map((end, i) =>
      index.matchBytes(all, i === 0 ? 0 : (ends[i - 1] as number) + 1, end),
    );
    expect(answers).toEqual([[0], [2, 8], [6]]);
  });

  it("reads a CR left at the end as JSON.parse does: whitespace", () => {
    // The caller strips CR; one left behind is whitespace to JSON.parse, and to matchBytes.
    expect(matchBytesOf(index, '{"a":"xz"}\r')).toEqual([2, 8]);
  });

  it("declines text that is not JSON, where matchText throws JSON.parse's SyntaxError", () => {
    for (const text of [
      '{"source":"s",}',
      "",
      "{",
      '{"a":01}',
      "[1]x",
      '{"a":"x\\q"}',
      '{"a":"\x01"}',
      "{}}",
    ]) {
      expect(matchBytesOf(index, text), text).toBeUndefined();
      expect(() => index.matchText(text), text).toThrow(SyntaxError);
    }
  });

  it("declines a range not inside the bytes, even where their buffer goes on", () => {
    const all = new TextEncoder().encode('{"a":"xz"}{"a":"xz"}');
    const first = all.subarray(0, 10);
    expect(index.matchBytes(first, 0, 10)).toEqual([2, 8]);
    for (const [start, end] of [
      [0, 20],
      [-1, 10],
      [5, 4],
      [Number.NaN, 10],
    ] as const)
      expect(index.matchBytes(first, start, end), `${start}..${end}`).toBeUndefined();
  });

  it("declines invalid UTF-8 and bytes >= 0x80 anywhere", () => {
    const buffer = new TextEncoder().encode('{"a":"x?"}');
    buffer[7] = 0xff;
    expect(index.matchBytes(buffer, 0, buffer.length)).toBeUndefined();
    buffer[7] = 0xc3; // a lead byte with no continuation
    expect(index.matchBytes(buffer, 0, buffer.length)).toBeUndefined();
  });

  it("builds no string of the event for an event the automaton decides alone", () => {
    const parse = vi.spyOn(JSON, "parse");
    try {
      expect(matchBytesOf(index, '{"source":"s","d":{"k":"a"},"b":1}')).toEqual([0]);
      expect(parse).not.toHaveBeenCalled();
      // The exact walk needs the object: decoded and parsed once.
      expect(matchBytesOf(index, '{"b":1,"r":[[{"k":"a","v":"1"}]]}')).toEqual([1]);
      expect(parse).toHaveBeenCalledTimes(1);
    } finally {
      parse.mockRestore();
    }
  });

  it("answers each event alone, whether the one before was read from bytes or text", () => {
    const events = ['{"source":"s","d":{"k":"a"},"b":1}', '{"a":"xz"}', '{"a":"é"}', '{"b":1,"list":["y"]}'];
    for (const first of events)
      for (const second of events) {
        const expected = index.matchText(second);
        matchViaBytes(index, first);
        expect(matchViaBytes(index, second)).toEqual(expected);
        index.matchText(first);
        expect(matchViaBytes(index, second)).toEqual(expected);
      }
  });

  it("agrees with matching each pattern on its own, by match, matchText and matchBytes (property)", () => {
    assertIndexAgreesWithPatterns({}, { text: true, numRuns: 300 });
  });

  it("reads the ASCII spelling of generated events itself", () => {
    const text = asciiJson(JSON.stringify({ source: "s", d: { k: "a" }, b: "\u00e9\ud800" }));
    expect(matchBytesOf(index, text)).toEqual([0]);
  });
});
