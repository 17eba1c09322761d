import { describe, expect, it, vi } from "vitest";
import { PatternIndex } from "../../../engine/pattern/index.js";
import { assertIndexAgreesWithPatterns } from "./support/index-agreement.js";

/**
 * PatternIndex while the automaton's code has not arrived (the engine bundle loads it on first
 * use, engine/pattern/automaton-source.ts): every answer comes from the exact walk, for `match`
 * and `matchText` alike, and equals each pattern's own.
 */
const asked = vi.hoisted(() => ({ n: 0 }));
vi.mock("../../../engine/pattern/automaton-source.js", () => ({
  availableAutomaton: () => {
    asked.n++;
    return undefined;
  },
}));

describe("PatternIndex without the automaton", () => {
  it("walks match and matchText, past walksFirst, and asks for the automaton each time", () => {
    const index = new PatternIndex<string>({ walksFirst: 1 });
    index.add("ecs", { source: ["aws.ecs"], detail: { lastStatus: ["STOPPED"] } });
    index.add("any", { source: [{ prefix: "aws." }] });
    const event = { source: "aws.ecs", detail: { lastStatus: "STOPPED" } };
    const before = asked.n;
    for (let i = 0; i < 4; i++) expect(index.match(event)).toEqual(["ecs", "any"]);
    expect(index.matchText(JSON.stringify(event))).toEqual(["ecs", "any"]);
    expect(index.matchText('{"source":"aws.ec2"}')).toEqual(["any"]);
    expect(() => index.matchText("not json")).toThrow(SyntaxError);
    expect(asked.n - before).toBeGreaterThanOrEqual(5);
  });

  it("agrees with matching each pattern on its own, by match and matchText (property)", () => {
    assertIndexAgreesWithPatterns({}, { text: true, numRuns: 200 });
  });
});
