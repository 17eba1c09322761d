import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  checkPattern,
  compilePattern,
  matchPattern,
  PatternIndex,
  PatternSyntaxError,
} from "../../../engine/pattern/index.js";
import { eventArb, patternArb } from "./support/arbitraries.js";

/** Compiles if it can; anything thrown other than PatternSyntaxError fails the property. */
function tryCompile(pattern: unknown): ReturnType<typeof compilePattern> | null {
  try {
    return compilePattern(pattern);
  } catch (error) {
    if (error instanceof PatternSyntaxError) return null;
    throw error;
  }
}

describe("robustness", () => {
  it("arbitrary JSON as pattern and event: only PatternSyntaxError, matches never throws", () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.jsonValue(), (pattern, event) => {
        const compiled = tryCompile(pattern);
        expect(checkPattern(pattern) === null).toBe(compiled !== null);
        if (compiled) expect(typeof compiled.matches(event)).toBe("boolean");
      }),
      { numRuns: 500 },
    );
  });

  it("pattern-shaped input and colliding events never crash", () => {
    fc.assert(
      fc.property(patternArb, eventArb, (pattern, event) => {
        const compiled = tryCompile(pattern);
        if (compiled) expect(typeof compiled.matches(event)).toBe("boolean");
      }),
      { numRuns: 1_000 },
    );
  });

  it("anything at all (functions, symbols, bigints, cycles, getters) is handled", () => {
    const cyclic: Record<string, unknown> = { a: [1] };
    cyclic.self = cyclic;
    const hostile = Object.defineProperty({}, "a", {
      enumerable: true,
      get() {
        throw new Error("boom");
      },
    });
    const inputs: unknown[] = [
      undefined,
      () => 1,
      Symbol("s"),
      10n,
      { a: [10n] },
      { a: [undefined] },
      { a: [() => 1] },
      cyclic,
      hostile,
      new Date(0),
      { a: [new Date(0)] },
      new Map([["a", [1]]]),
    ];
    for (const input of inputs) {
      const compiled = tryCompile(input);
      for (const event of inputs) if (compiled) expect(typeof compiled.matches(event)).toBe("boolean");
      const index = new PatternIndex<number>();
      try {
        index.add(1, input);
      } catch (error) {
        expect(error).toBeInstanceOf(PatternSyntaxError);
      }
      for (const event of inputs) expect(Array.isArray(index.match(event))).toBe(true);
    }
  });

  it("keeps __proto__ and constructor as plain data", () => {
    const pattern = JSON.parse('{"__proto__": {"polluted": [true]}, "constructor": ["x"]}');
    const event = JSON.parse('{"__proto__": {"polluted": true}, "constructor": "x"}');
    expect(matchPattern(pattern, event)).toBe(true);
    expect(matchPattern(pattern, { constructor: "x" })).toBe(false);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("survives deep nesting, huge numbers and long strings", () => {
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(matchPattern({ a: [1] }, { a: 1, deep })).toBe(false);
    expect(checkPattern({ a: deep })).not.toBeNull();
    expect(matchPattern({ a: [1e308] }, { a: 1e308 })).toBe(true);
    const long = "x".repeat(1_000_000);
    expect(matchPattern({ a: [{ wildcard: `*${"x".repeat(5)}` }] }, { a: long })).toBe(true);
    // Ten repeats after a wildcard are too complex for EventBridge (see wildcard-complexity.ts).
    expect(checkPattern({ a: [{ wildcard: `*${"x".repeat(10)}` }] })?.message).toMatch(
      /^Rule is too complex/,
    );
  });
});
