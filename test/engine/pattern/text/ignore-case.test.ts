import { describe, expect, it } from "vitest";
import {
  caseUnits,
  endsWithCaseUnits,
  matchesCaseUnits,
  startsWithCaseUnits,
} from "../../../../engine/pattern/text/ignore-case.js";

describe("caseUnits", () => {
  it("offers each unit's lower and upper case form, once when they are equal", () => {
    expect(caseUnits("a1")).toEqual([["a", "A"], ["1"]]);
    expect(caseUnits("ß")).toEqual([["ß", "SS"]]);
    expect(caseUnits("😀")).toEqual([["?"], ["?"]]);
  });
});

describe("matching", () => {
  const units = caseUnits('"ß"');
  it.each([
    ['"ß"', true],
    ['"SS"', true],
    ['"ss"', false],
    ['"Ss"', false],
  ])("%s → %s", (value, expected) => {
    expect(matchesCaseUnits(value, units)).toBe(expected);
  });

  it("prefix and suffix forms", () => {
    expect(startsWithCaseUnits('"ABCdef"', caseUnits('"abc'))).toBe(true);
    expect(startsWithCaseUnits('"ABdef"', caseUnits('"abc'))).toBe(false);
    expect(endsWithCaseUnits('"x.PNG"', caseUnits('.png"'))).toBe(true);
    expect(endsWithCaseUnits('"x.PNGx"', caseUnits('.png"'))).toBe(false);
  });
});
