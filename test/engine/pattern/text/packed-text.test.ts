import { describe, expect, it } from "vitest";
import { pushUnits, textCells, unitAt, unitsEqual } from "../../../../engine/pattern/text/packed-text.js";

describe("packed text", () => {
  it.each([
    ["", 0],
    ["a", 1],
    ["ab", 1],
    ["abc", 2],
    ["\uffff\u8000\u0001", 2],
    ["é😀x", 2],
  ])("writes %j in %i cells and reads every unit back", (s, cells) => {
    const out = [7];
    pushUnits(out, s);
    expect(out.length - 1).toBe(cells);
    expect(textCells(s.length)).toBe(cells);
    const code = Int32Array.from(out);
    const units = (f: (k: number) => number): number[] => Array.from({ length: s.length }, (_, k) => f(k));
    expect(units((k) => unitAt(code, 1, k))).toEqual(units((k) => s.charCodeAt(k)));
  });

  it.each([
    // written, compared with, from index, step, expected
    ["abcde", "xabcdey", 1, 1, true],
    ["abcd", "xabcdy", 1, 1, true],
    ["abcde", "xabcdfy", 1, 1, false],
    ["abcde", "xabXdey", 1, 1, false],
    ["edcba", "abcde", 4, -1, true],
    ["dcba", "abcd", 3, -1, true],
    ["edcba", "Abcde", 4, -1, false],
    ["edcba", "abXde", 4, -1, false],
    ["\u8000\uffff", "\u8000\uffff", 0, 1, true],
    ["\u8000\ufffe", "\u8000\uffff", 0, 1, false],
    ["", "abc", 0, 1, true],
  ] as const)("unitsEqual(%j) against %j from %i by %i: %s", (written, s, from, step, expected) => {
    const out: number[] = [];
    pushUnits(out, written);
    expect(unitsEqual(Int32Array.from(out), 0, s, from, step, written.length)).toBe(expected);
  });
});
