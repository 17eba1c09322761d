import { describe, expect, it } from "vitest";
import { codeFrame, FRAME_WIDTH, SourceLines } from "../../cli/code-frame.js";
import { formatProblems, githubAnnotation } from "../../cli/problem-format.js";

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

/** C0 but tab and newline, DEL, C1. */
function isControl(c: string): boolean {
  const n = c.charCodeAt(0);
  return (n < 0x20 && c !== "\t" && c !== "\n") || (n >= 0x7f && n <= 0x9f);
}

describe("codeFrame bounds and terminal safety", () => {
  it("cuts a 10 MB line to the frame width around the column", () => {
    const line = `${"a".repeat(5_000_000)}X${"b".repeat(5_000_000)}`;
    const frame = codeFrame(`k: 1\n${line}\n`, 2, 5_000_001);
    const [, shown = "", caret = ""] = frame.split("\n");
    expect(shown.length).toBeLessThan(FRAME_WIDTH + 20);
    expect(shown).toMatch(/\| …a+Xb+…$/);
    expect(caret.length).toBe(shown.indexOf("X") + 1);
  });

  it("shows control characters escaped, with the caret still under the column", () => {
    const frame = codeFrame("name: \u001b[2Jx\u009b\n", 1, 11);
    expect([...frame].filter((c) => c === "\u001b" || c === "\u009b")).toEqual([]);
    const [shown = "", caret = ""] = frame.split("\n");
    expect(shown).toContain("\\u001b[2Jx\\u009b");
    expect(shown[caret.length - 1]).toBe("x");
  });

  it("frames every problem of a file from one line index (\\n, \\r\\n, last line without a break)", () => {
    const text = "a: 1\r\nb: 2\nc: 3";
    const lines = new SourceLines(text);
    expect([lines.count, lines.line(1), lines.line(2), lines.line(3), lines.line(4)]).toEqual([
      3,
      "a: 1",
      "b: 2",
      "c: 3",
      "",
    ]);
    const problems = [1, 2, 3].map((line) => ({
      code: "SCHEMA_UNKNOWN_KEY" as const,
      severity: "error" as const,
      file: "r.yaml",
      line,
      col: 1,
      message: "m",
    }));
    const out = formatProblems(problems, "text", new Map([["r.yaml", text]]));
    expect(out.match(/^> \d \| .*$/gm)).toEqual(["> 1 | a: 1", "> 2 | b: 2", "> 3 | c: 3"]);
  });

  it("escapes terminal control sequences in problem text", () => {
    const p = { code: "SCHEMA_UNKNOWN_KEY" as const, severity: "error" as const, line: 1, col: 1 };
    const out = formatProblems(
      [{ ...p, file: "r\u001b]0;x\u0007.yaml", message: "key `\u001b[31mred`" }],
      "text",
    );
    expect([...out].filter(isControl)).toEqual([]);
    expect(out).toContain("\\u001b[31mred");
  });
});
