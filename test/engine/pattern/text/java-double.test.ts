import { describe, expect, it } from "vitest";
import { isComparableNumber, javaDoubleDecimal } from "../../../../engine/pattern/text/java-double.js";

describe("isComparableNumber (Java 17 Double.toString round trip)", () => {
  it.each([
    [0, true],
    [-0, true],
    [1, true],
    [0.1, true],
    [0.30000000000000004, true],
    [301.8, true],
    [1e21, true],
    [12345678901234568, true],
    [1.7976931348623157e308, true],
    [-1e-7, true],
    [5e-324, false],
    [6e-323, false],
    [118312207493060290, false],
    [5.746e21, false],
    [445773000000000000000, false],
    [Number.NaN, false],
    [Number.POSITIVE_INFINITY, false],
  ])("%d → %s", (n, comparable) => {
    expect(isComparableNumber(n)).toBe(comparable);
  });

  it.each([
    [5e-324, "49", -323],
    [118312207493060290, "118312207493060288", 18],
    [1, "1", 1],
    [0.001, "1", -2],
    [5.746e21, "5745999999999999", 22],
  ])("Java writes %d with digits %s, exponent %d", (n, digits, exponent) => {
    expect(javaDoubleDecimal(n)).toEqual({ digits, exponent });
  });
});

describe("isComparableNumber shortcut for integers", () => {
  it.each([
    1,
    7,
    10_000_000,
    123_456_789_012,
    2 ** 52 - 1,
    -(2 ** 52 - 1),
    4_503_599_627_370_495,
    99_999_999_999_999,
  ])("%d is comparable, and Java prints its every digit", (d) => {
    expect(isComparableNumber(d)).toBe(true);
    const java = javaDoubleDecimal(d);
    expect(java.digits).toBe(String(Math.abs(d)).replace(/0+$/, ""));
  });
});
