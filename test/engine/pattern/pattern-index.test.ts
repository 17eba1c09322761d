import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  checkPattern,
  compilePattern,
  PatternIndex,
  PatternSyntaxError,
} from "../../../engine/pattern/index.js";
import { eventArb, patternArb } from "./support/arbitraries.js";

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

  it("throws PatternSyntaxError for an invalid pattern and stays usable", () => {
    const index = new PatternIndex<number>();
    expect(() => index.add(1, { a: [] })).toThrow(PatternSyntaxError);
    index.add(2, { a: [1] });
    expect(index.match({ a: 1 })).toEqual([2]);
    expect(index.size).toBe(1);
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
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
