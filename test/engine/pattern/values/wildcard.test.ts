import { describe, expect, it } from "vitest";
import { matchWildcard, parseWildcard } from "../../../../engine/pattern/values/wildcard.js";

function glob(text: string): readonly string[] {
  const parsed = parseWildcard(text);
  if ("error" in parsed) throw new Error(parsed.error);
  return parsed.glob;
}

describe("parseWildcard", () => {
  it("splits on unescaped stars, keeping the quotes", () => {
    expect(glob("a*b")).toEqual(['"a', 'b"']);
    expect(glob("a\\*b")).toEqual(['"a*b"']);
    expect(glob("*")).toEqual(['"', '"']);
  });

  it.each([
    ["**", "Consecutive wildcard characters at pos 1"],
    ["é**", "Consecutive wildcard characters at pos 3"],
    ["\\a", "Invalid escape character at pos 1"],
    ["a\\", "Invalid escape character at pos 2"],
  ])("%s: %s", (text, error) => {
    expect(parseWildcard(text)).toEqual({ error });
  });
});

describe("matchWildcard", () => {
  it.each([
    ["*.png", '"a.png"', true],
    ["*.png", '"a.png.x"', false],
    ["a*b*c", '"abc"', true],
    ["a*b*c", '"aXbYbZc"', true],
    ["a*b*c", '"acb"', false],
    ["*a*a*", '"a"', false],
    ["*a*a*", '"aa"', true],
    ["", '""', true],
  ])("%s vs %s → %s", (text, value, expected) => {
    expect(matchWildcard(value, glob(text))).toBe(expected);
  });
});
