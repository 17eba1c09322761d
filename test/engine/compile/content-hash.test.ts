import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { contentHash } from "../../../engine/compile/content-hash.js";

describe("contentHash (the rule artifact's integrity check)", () => {
  it("is 16 hex digits, the same for the same text", () => {
    expect(contentHash("")).toMatch(/^[0-9a-f]{16}$/);
    expect(contentHash('{"rules":[]}')).toBe(contentHash('{"rules":[]}'));
  });

  it.each([
    ["one character changed", '{"name":"ecs-stopped"}', '{"name":"ecs-stoppee"}'],
    ["two characters swapped", '{"a":"xy"}', '{"a":"yx"}'],
    ["a character added", '{"a":1}', '{"a":1 }'],
    ["case changed", "released", "RELEASED"],
    ["a code unit past Latin-1", "caf\u00e9", "caf\u0169"],
  ])("changes when %s", (_why, a, b) => {
    expect(contentHash(a)).not.toBe(contentHash(b));
  });

  it("tells apart every pair of distinct texts fast-check draws (property)", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), fc.string({ maxLength: 200 }), (a, b) => {
        if (a !== b) expect(contentHash(a)).not.toBe(contentHash(b));
      }),
      { numRuns: 2000 },
    );
  });
});
