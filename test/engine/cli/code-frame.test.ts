import { describe, expect, it } from "vitest";
import { codeFrame } from "../../../engine/cli/code-frame.js";
import { githubAnnotation } from "../../../engine/cli/problem-format.js";

describe("codeFrame", () => {
  it("marks the line and puts a caret under the column", () => {
    const text = "a: 1\nb: 2\nc: 3\nd: 4\ne: 5\n";
    expect(codeFrame(text, 3, 4)).toBe(
      ["  1 | a: 1", "  2 | b: 2", "> 3 | c: 3", "    |    ^", "  4 | d: 4", "  5 | e: 5"].join("\n"),
    );
  });

  it("keeps tabs so the caret lines up", () => {
    expect(codeFrame("\tx: y", 1, 3).split("\n")[1]).toBe("    | \t ^");
  });

  it("copes with positions past the end", () => {
    expect(codeFrame("a", 9, 9)).toBe("");
  });
});

describe("githubAnnotation", () => {
  it.each([
    [
      { severity: "error" as const, file: "rules/a.yaml", line: 3, col: 5, message: "bad" },
      "::error file=rules/a.yaml,line=3,col=5,title=UNKNOWN_ACTION::bad",
    ],
    [
      { severity: "warning" as const, file: "r,1:x.yaml", line: 1, col: 1, message: "50% done\nnext" },
      "::warning file=r%2C1%3Ax.yaml,line=1,col=1,title=UNKNOWN_ACTION::50%25 done%0Anext",
    ],
  ])("escapes as workflow commands require", (p, expected) => {
    expect(githubAnnotation({ code: "UNKNOWN_ACTION", ...p })).toBe(expected);
  });
});
