import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { compilePattern, PatternIndex } from "../../../engine/pattern/index.js";
import { LeafSlot } from "../../../engine/pattern/reading/event-leaves.js";
import { FlatEvent } from "../../../engine/pattern/walk/flat-event.js";
import { type Oracle, startOracle } from "../../support/event-ruler-oracle.js";

/**
 * Arrays of objects with thousands of elements (issue 19): a branch with two fields from one element
 * must be decided in time linear in the event, with the answers event-ruler gives.
 */

let oracle: Oracle;
beforeAll(async () => {
  oracle = await startOracle();
});
afterAll(async () => {
  await oracle?.close();
});

interface Container {
  name: string;
  exitCode: number;
  ports?: { p: number }[];
}

/** `n` containers each holding one of the two values a rule wants, and `last` appended. */
function containers(n: number, last?: Container): Container[] {
  const list: Container[] = [];
  for (let i = 0; i < n; i++)
    list.push(
      i % 2
        ? { name: "app", exitCode: 0, ports: [{ p: 2 }] }
        : { name: "other", exitCode: 1, ports: [{ p: 1 }] },
    );
  if (last !== undefined) list.push(last);
  return list;
}

const PATTERNS: Record<string, unknown> = {
  // Decided from the leaves (element-consistency).
  appFailed: { detail: { containers: { name: ["app"], exitCode: [1] } } },
  appOk: { detail: { containers: { name: ["app"], exitCode: [0] } } },
  threeFields: {
    source: ["x"],
    detail: { containers: { name: ["app"], exitCode: [{ numeric: [">", 0] }] } },
  },
  // Nested arrays of objects, and exists: false over elements: the exact walk.
  appOnPort1: { detail: { containers: { name: ["app"], ports: { p: [1] } } } },
  appNoImage: { detail: { containers: { name: ["app"], image: [{ exists: false }] } } },
};

const EVENTS: { label: string; event: unknown }[] = [2, 500, 4_000].flatMap((n) => [
  { label: `${n} alternating`, event: { source: "x", detail: { containers: containers(n) } } },
  {
    label: `${n} then one failed app`,
    event: {
      source: "x",
      detail: { containers: containers(n, { name: "app", exitCode: 1, ports: [{ p: 1 }] }) },
    },
  },
]);

describe("arrays of many objects", () => {
  it("answers as each pattern alone and as event-ruler, from the object and from the text", async () => {
    const index = new PatternIndex<string>();
    for (const [name, pattern] of Object.entries(PATTERNS)) index.add(name, pattern);
    const compiled = Object.entries(PATTERNS).map(([name, pattern]) => ({
      name,
      pattern,
      c: compilePattern(pattern),
    }));
    const pairs = EVENTS.flatMap(({ event }) => compiled.map(({ pattern }) => ({ pattern, event })));
    const verdicts = await oracle.judge(pairs);
    let k = 0;
    for (const { label, event } of EVENTS) {
      const expected: string[] = [];
      for (const { name, c } of compiled) {
        const verdict = verdicts[k++];
        expect(verdict, `${label}: ${name}`).toEqual({ result: c.matches(event) });
        if (c.matches(event)) expected.push(name);
      }
      expect(index.match(event), label).toEqual(expected);
      expect(index.matchText(JSON.stringify(event)), label).toEqual(expected);
    }
    // The cases are not all one answer.
    expect(verdicts.filter((v) => "result" in v && v.result).length).toBeGreaterThan(5);
    expect(verdicts.filter((v) => "result" in v && !v.result).length).toBeGreaterThan(5);
  });

  it("reads each leaf a few times, not once per other leaf, when deciding from the leaves", () => {
    // Before: every match of the first field scanned every leaf of the second (n²/4 reads), and
    // each end reached by a leaf was decided again (n times).
    const index = new PatternIndex<string>();
    index.add("appFailed", PATTERNS.appFailed);
    const event = { detail: { containers: containers(2_000) } };
    const views = vi.spyOn(LeafSlot.prototype, "view");
    try {
      expect(index.match(event)).toEqual([]);
      // 4,000 leaves (a name and an exit code per element): walking the automaton and deciding.
      expect(views.mock.calls.length).toBeLessThanOrEqual(3 * 4_000);
    } finally {
      views.mockRestore();
    }
  });

  it("looks a path's leaves up once per branch in the exact walk", () => {
    // Before: every value tried scanned the whole list of the next path's leaves.
    const index = new PatternIndex<string>();
    index.add("appOnPort1", PATTERNS.appOnPort1);
    const event = { detail: { containers: containers(2_000) } };
    const at = vi.spyOn(FlatEvent.prototype, "at");
    try {
      expect(index.match(event)).toEqual([]);
      expect(at.mock.calls.length).toBeLessThanOrEqual(4);
    } finally {
      at.mockRestore();
    }
  });
});
