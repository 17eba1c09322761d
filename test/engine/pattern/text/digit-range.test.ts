import { describe, expect, it } from "vitest";
import { type DigitRange, matchDigitRange } from "../../../../engine/pattern/text/digit-range.js";

const range = (bottom: string, top: string, openBottom = false, openTop = false): DigitRange => ({
  bottom,
  top,
  openBottom,
  openTop,
});

describe("matchDigitRange", () => {
  it.each([
    ["0A000000", range("0A000000", "0A0000FF"), true],
    ["0A0000FF", range("0A000000", "0A0000FF"), true],
    ["0A000100", range("0A000000", "0A0000FF"), false],
    ["09FFFFFF", range("0A000000", "0A0000FF"), false],
    ["0A000001", range("0A000001", "0A000002", false, true), true],
    ["0A000002", range("0A000001", "0A000002", false, true), false],
    ["0A00000F", range("0A00000E", "0A00000F", true, false), true],
    ["0A00000E", range("0A00000E", "0A00000F", true, false), false],
  ])("%s in %j → %s", (value, r, expected) => {
    expect(matchDigitRange(value, r)).toBe(expected);
  });

  it("decides on the digits the range has: longer values are judged by their prefix", () => {
    expect(matchDigitRange("00000000000000000000000000000001", range("00000000", "00FFFFFF"))).toBe(true);
  });

  it("a shorter value matches only if its digits already decide", () => {
    const v6 = range("0".repeat(32), `7${"F".repeat(31)}`);
    expect(matchDigitRange("10000000", v6)).toBe(true);
    expect(matchDigitRange("00000000", v6)).toBe(false);
    expect(matchDigitRange("00000001", v6)).toBe(true);
  });
});
