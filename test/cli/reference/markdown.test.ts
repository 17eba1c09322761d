import { describe, expect, it } from "vitest";
import { headingAnchor, inlineCode, markdownTable, tableCell } from "../../../cli/reference/markdown.js";

describe("markdown helpers", () => {
  it.each([
    ["plain", "`plain`"],
    ["a`b", "`` a`b ``"],
    ["``x", "``` ``x ```"],
  ])("inlineCode(%j) = %j", (text, expected) => {
    expect(inlineCode(text)).toBe(expected);
  });

  it.each([
    ["a | b", "a \\| b"],
    ["`x|y`", "`x\\|y`"],
    ["two\nlines", "two<br>lines"],
  ])("tableCell(%j) = %j", (text, expected) => {
    expect(tableCell(text)).toBe(expected);
  });

  it.each([
    ["tag-from-template", "tag-from-template"],
    ["$or", "or"],
    ["exact (number, boolean)", "exact-number-boolean"],
    ["rulebridge test-pattern", "rulebridge-test-pattern"],
  ])("headingAnchor(%j) = %j", (heading, expected) => {
    expect(headingAnchor(heading)).toBe(expected);
  });

  it("escapes cells in tables", () => {
    expect(markdownTable(["A", "B"], [["x|y", "z"]])).toBe("| A | B |\n|---|---|\n| x\\|y | z |");
  });
});
