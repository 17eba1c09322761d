import { describe, expect, it } from "vitest";
import { renderEvaluationText } from "../../cli/evaluation-text.js";
import { escapeTerminal } from "../../cli/terminal-text.js";
import type { Evaluation } from "../../engine/engine.js";

describe("escapeTerminal", () => {
  it.each([
    ["ESC sequence", "a\u001b[31mb", "a\\u001b[31mb"],
    ["BEL and OSC title", "\u001b]0;owned\u0007", "\\u001b]0;owned\\u0007"],
    ["C1 CSI", "x\u009b2J", "x\\u009b2J"],
    ["DEL and carriage return", "a\u007f\rb", "a\\u007f\\u000db"],
    ["tab and newline stay", "a\tb\nc", "a\tb\nc"],
    ["printable Unicode stays", "Zürich — 東京", "Zürich — 東京"],
  ])("%s", (_label, input, expected) => {
    expect(escapeTerminal(input)).toBe(expected);
  });

  it("run's text output escapes event fields", () => {
    const ev = { detailType: "Evil\u001b[2J", eventId: "1", decisions: [] } as unknown as Evaluation;
    const out = renderEvaluationText("e.json", ev);
    expect(out).toContain("Evil\\u001b[2J");
    expect(out).not.toContain("\u001b");
  });
});
