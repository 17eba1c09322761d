import { describe, expect, it } from "vitest";
import { pushUnits, textCells, unitAt } from "../../../engine/pattern/packed-text.js";

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
});
