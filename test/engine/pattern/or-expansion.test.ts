import { describe, expect, it } from "vitest";
import { checkPattern, PatternIndex, PatternSyntaxError } from "../../../engine/pattern/index.js";

/**
 * Nested `$or` multiply branches (issue 19): expansion is bounded, and a pattern past the bound is
 * refused at the `$or` that passed it, cheaply, instead of exhausting memory.
 */

/** `depth` nested two-way `$or`, each object holding the next: 2^depth branches. */
function chain(depth: number): Record<string, unknown> {
  let node: Record<string, unknown> = {};
  for (let k = depth - 1; k >= 0; k--) {
    const level: Record<string, unknown> = { $or: [{ [`a${k}`]: ["x"] }, { [`b${k}`]: ["y"] }] };
    if (k < depth - 1) level[`n${k}`] = node;
    node = level;
  }
  return { source: ["aws.test"], detail: node };
}

/** Where the `$or` of level `k` of chain() sits. */
function orPath(k: number): (string | number)[] {
  return ["detail", ...Array.from({ length: k }, (_, i) => `n${i}`), "$or"];
}

describe("$or expansion", () => {
  it.each([
    { depth: 1, refusedAt: null },
    { depth: 10, refusedAt: null },
    { depth: 11, refusedAt: 10 },
    { depth: 16, refusedAt: 10 },
    { depth: 24, refusedAt: 10 },
  ])("a chain of $depth nested $or: refused at level $refusedAt", ({ depth, refusedAt }) => {
    const error = checkPattern(chain(depth));
    if (refusedAt === null) expect(error).toBeNull();
    else {
      expect(error?.message).toMatch(/^Rule is too complex/);
      expect(error?.path).toEqual(orPath(refusedAt));
    }
  });

  it("counts $or inside $or branches too", () => {
    const wide = {
      $or: Array.from({ length: 33 }, (_, i) => ({
        $or: Array.from({ length: 32 }, (_, j) => ({ [`f${i}`]: [j] })),
      })),
    };
    expect(checkPattern(wide)?.message).toMatch(/^Rule is too complex/);
    const fits = {
      $or: Array.from({ length: 32 }, (_, i) => ({
        $or: Array.from({ length: 32 }, (_, j) => ({ [`f${i}`]: [j] })),
      })),
    };
    expect(checkPattern(fits)).toBeNull();
  });

  it("matches every branch of the largest pattern accepted", () => {
    const index = new PatternIndex<string>();
    index.add("deep", chain(10));
    const event = (pick: (k: number) => boolean): Record<string, unknown> => {
      let detail: Record<string, unknown> = {};
      for (let k = 9; k >= 0; k--) {
        const level: Record<string, unknown> = pick(k) ? { [`a${k}`]: "x" } : { [`b${k}`]: "y" };
        if (k < 9) level[`n${k}`] = detail;
        detail = level;
      }
      return { source: "aws.test", detail };
    };
    expect(index.match(event(() => true))).toEqual(["deep"]);
    expect(index.match(event((k) => k % 3 === 0))).toEqual(["deep"]);
    const missing = event(() => true);
    (missing.detail as Record<string, unknown>).a0 = "no";
    expect(index.match(missing)).toEqual([]);
  });

  it("refuses ten 65,536-branch patterns without expanding them", () => {
    // Before: one took 20 s and 1 GB; ten exhausted the heap. The heap stays far below that now.
    const before = process.memoryUsage().heapUsed;
    for (let i = 0; i < 10; i++)
      expect(() => new PatternIndex().add(i, chain(16))).toThrow(PatternSyntaxError);
    expect(process.memoryUsage().heapUsed - before).toBeLessThan(200 * 1024 * 1024);
  });
});
