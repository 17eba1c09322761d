import { describe, expect, it } from "vitest";
import { formatProblem, PROBLEM_CODES } from "../../engine/problem.js";

describe("formatProblem", () => {
  it("names file, line, column and code", () => {
    expect(
      formatProblem({
        code: "UNKNOWN_ACTION",
        severity: "error",
        file: "r.yaml",
        line: 3,
        col: 5,
        message: "x",
      }),
    ).toBe("r.yaml:3:5: error UNKNOWN_ACTION: x");
  });
  it("documents every code", () => {
    for (const [code, text] of Object.entries(PROBLEM_CODES)) expect(text.length, code).toBeGreaterThan(5);
  });
});
