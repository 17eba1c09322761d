import { describe, expect, it } from "vitest";
import { PatternIndex, PatternSyntaxError } from "../../../engine/pattern/index.js";
import { assertIndexAgreesWithPatterns } from "./support/index-agreement.js";

describe("PatternIndex", () => {
  it("returns the keys whose pattern matches, in insertion order, each once", () => {
    const index = new PatternIndex<string>();
    index.add("ecs", { source: ["aws.ecs"] });
    index.add("any", { source: [{ exists: true }] });
    index.add("ec2", { source: ["aws.ec2"] });
    index.add("ecs", { source: [{ prefix: "aws.ec" }] });
    expect(index.size).toBe(3);
    expect(index.match({ source: "aws.ecs" })).toEqual(["ecs", "any"]);
    expect(index.match({ source: "aws.ec2" })).toEqual(["ecs", "any", "ec2"]);
    expect(index.match({ other: 1 })).toEqual([]);
    expect(index.match("not an event")).toEqual([]);
  });

  it("walks the first events when asked, and gives the same answers before and after the automaton", () => {
    const index = new PatternIndex<string>({ walksFirst: 2 });
    index.add("ecs", { source: ["aws.ecs"], detail: { lastStatus: ["STOPPED"] } });
    index.add("any", { source: [{ prefix: "aws." }] });
    const event = { source: "aws.ecs", detail: { lastStatus: "STOPPED" } };
    const answers = [1, 2, 3, 4].map(() => index.match(event));
    expect(answers).toEqual([1, 2, 3, 4].map(() => ["ecs", "any"]));
    // Added after the automaton was built: filed on the next match.
    index.add("late", { detail: { lastStatus: ["STOPPED"] } });
    expect(index.match(event)).toEqual(["ecs", "any", "late"]);
    expect(index.matchText(JSON.stringify(event))).toEqual(["ecs", "any", "late"]);
  });

  it("throws PatternSyntaxError for an invalid pattern and stays usable", () => {
    const index = new PatternIndex<number>();
    expect(() => index.add(1, { a: [] })).toThrow(PatternSyntaxError);
    index.add(2, { a: [1] });
    expect(index.match({ a: 1 })).toEqual([2]);
    expect(index.size).toBe(1);
  });

  it("answers each event alone when answers grow and shrink past 16 keys from event to event", () => {
    // Answers of more than 16 keys are read off bits, fewer are sorted: both forget the last event.
    const index = new PatternIndex<number>();
    for (let i = 0; i < 60; i++) index.add(i, i % 3 === 0 ? { a: [{ exists: true }] } : { b: [`v${i % 5}`] });
    const expected = (event: { a?: number; b?: string }): number[] =>
      Array.from({ length: 60 }, (_, i) => i).filter((i) =>
        i % 3 === 0 ? event.a !== undefined : event.b === `v${i % 5}`,
      );
    const events = [{ a: 1, b: "v1" }, { b: "v2" }, { a: 1 }, {}, { a: 2, b: "v4" }, { b: "v1" }];
    for (const event of [...events, ...events.reverse()]) {
      expect(index.match(event)).toEqual(expected(event));
      expect(index.matchText(JSON.stringify(event))).toEqual(expected(event));
    }
  });

  it("orders answers of more than 16 keys spread far apart by insertion", () => {
    // Keys found out of order (fields are walked by path, here the reverse of insertion) and far
    // apart (40 finds over about 240 words of bits): read in order off the two levels of bits.
    const index = new PatternIndex<number>();
    const field = (j: number): string => `f${String(99 - j).padStart(2, "0")}`;
    for (let i = 0; i < 8000; i++)
      index.add(i, i % 200 === 7 ? { [field(Math.floor(i / 200))]: ["x"] } : { g: [i] });
    const event = Object.fromEntries(Array.from({ length: 40 }, (_, j) => [field(j), "x"]));
    const expected = Array.from({ length: 40 }, (_, j) => 200 * j + 7);
    expect(index.match(event)).toEqual(expected);
    expect(index.matchText(JSON.stringify(event))).toEqual(expected);
  });

  it.each([
    { route: "the automaton from the first event", walksFirst: 0 },
    { route: "the walk for the first events, then the automaton", walksFirst: 3 },
  ])("agrees with matching each pattern on its own, by $route (property)", ({ walksFirst }) => {
    assertIndexAgreesWithPatterns({ walksFirst }, { numRuns: 300 });
  });
});
