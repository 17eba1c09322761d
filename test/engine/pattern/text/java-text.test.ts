import { describe, expect, it } from "vitest";
import { javaParseInt, javaSplit, javaUtf8View } from "../../../../engine/pattern/text/java-text.js";

describe("javaSplit (trailing empty parts dropped)", () => {
  it.each([
    ["a.b", ["a", "b"]],
    ["a.", ["a"]],
    [".a", ["", "a"]],
    ["a..b", ["a", "", "b"]],
    ["", [""]],
    [".", []],
    ["abc", ["abc"]],
  ])("%j → %j", (s, parts) => {
    expect(javaSplit(s, ".")).toEqual(parts);
  });
});

describe("javaUtf8View (lone surrogates become '?')", () => {
  it.each([
    ["abc", "abc"],
    ["😀", "😀"],
    ["\ud800", "?"],
    ["a\udc00b", "a?b"],
    ["\ud83d\ud83d\ude00", "?😀"],
  ])("%j → %j", (s, view) => {
    expect(javaUtf8View(s)).toBe(view);
  });
});

describe("javaParseInt", () => {
  it.each([
    ["24", 24],
    ["+24", 24],
    ["-0", 0],
    ["024", 24],
    ["\u0662\u0664", 24],
    ["2147483647", 2147483647],
    ["-2147483648", -2147483648],
    ["2147483648", null],
    ["", null],
    ["+", null],
    [" 24", null],
    ["2.4", null],
    ["\ud835\udfd0", null],
  ])("%j → %s", (s, n) => {
    expect(javaParseInt(s)).toBe(n);
  });
});
