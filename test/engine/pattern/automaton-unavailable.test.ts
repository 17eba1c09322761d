import fc from "fast-check";
import { describe, expect, it, vi } from "vitest";
import { checkPattern, compilePattern, PatternIndex } from "../../../engine/pattern/index.js";
import { eventArb, patternArb } from "./support/arbitraries.js";

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

  it("agrees with matching each pattern on its own (property)", () => {
    fc.assert(
      fc.property(
        fc.array(patternArb, { minLength: 1, maxLength: 25 }),
        fc.array(eventArb, { maxLength: 8 }),
        (patterns, events) => {
          const valid = patterns.filter((p) => checkPattern(p) === null);
          const index = new PatternIndex<number>();
          valid.forEach((p, i) => {
            index.add(i, p);
          });
          const compiled = valid.map((p) => compilePattern(p));
          for (const event of events) {
            const expected = compiled.flatMap((c, i) => (c.matches(event) ? [i] : []));
            expect(index.match(event)).toEqual(expected);
            expect(index.matchText(JSON.stringify(event) ?? "null")).toEqual(expected);
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
