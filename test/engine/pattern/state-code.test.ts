import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { LeafSlot, NO_ARRAY, type Scalar } from "../../../engine/pattern/event-leaves.js";
import { FieldTransitions } from "../../../engine/pattern/field-transitions.js";
import { caseUnits } from "../../../engine/pattern/ignore-case.js";
import { IntBuffer } from "../../../engine/pattern/int-buffer.js";
import { absentAt, collectCode, NO_TARGET, StateCodeWriter } from "../../../engine/pattern/state-code.js";
import type { MatcherMode, ValuePattern } from "../../../engine/pattern/value-pattern.js";

/**
 * A field written as code must lead each leaf where FieldTransitions.collect leads it: checked on
 * generated fields (every condition with a flat form, one or several of each, targets shared) and
 * leaves (the fields' own texts, other cases, quotes, non-ASCII, lone surrogates, non-strings).
 */
const PLAIN: MatcherMode = { hasNumeric: false, hasIp: false };
const TEXTS = ["", "a", "ab", "abc", "aBc", "ABC", "b", "bc", "abcabc", '"', 'a"b', "é", "ß", "\ud800", "?"];

const text = fc.oneof(fc.constantFrom(...TEXTS), fc.string({ maxLength: 3 }));
const condition: fc.Arbitrary<ValuePattern> = fc.oneof(
  text.map((t): ValuePattern => ({ type: "exact", value: JSON.stringify(t) })),
  text.map((t): ValuePattern => ({ type: "prefix", value: `"${t}` })),
  text.map((t): ValuePattern => ({ type: "suffix", value: `${t}"` })),
  text.map((t): ValuePattern => ({ type: "equals-ignore-case", units: caseUnits(`"${t}"`), text: `"${t}"` })),
  fc.constant<ValuePattern>({ type: "exists" }),
  fc.array(text, { minLength: 1, maxLength: 3 }).map(
    (ts): ValuePattern => ({
      type: "anything-but",
      strings: new Set(ts.map((t) => JSON.stringify(t))),
      numbers: [],
    }),
  ),
);
const leaf: fc.Arbitrary<Scalar> = fc.oneof(
  text,
  text.map((t) => t.toUpperCase()),
  text.map((t) => `${t}${t}`),
  fc.constantFrom<Scalar>(0, 5, -1.5, true, false, null),
);

/** A field with `conditions` (targets as given) and maybe an absence; null when it has no flat form. */
function fieldOf(
  conditions: readonly [ValuePattern, number][],
  absent: number | null,
): FieldTransitions<number> {
  const field = new FieldTransitions<number>("f", 0);
  for (const [pattern, to] of conditions) field.add(pattern, PLAIN, to);
  field.absent = absent;
  return field;
}

function slotOf(values: readonly Scalar[]): LeafSlot {
  const slot = new LeafSlot();
  for (const v of values) slot.push(v, NO_ARRAY, 0, typeof v === "string" && /^[\x20-\x7e]*$/.test(v));
  return slot;
}

const sorted = (xs: number[]): number[] => xs.sort((a, b) => a - b);

describe("state code", () => {
  it("leads every leaf where the field's own lookups lead it (2,000 generated fields)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(condition, fc.integer({ min: 0, max: 5 })), { minLength: 1, maxLength: 8 }),
        fc.option(fc.integer({ min: 0, max: 5 })),
        fc.array(leaf, { minLength: 1, maxLength: 4 }),
        (conditions, absent, values) => {
          const field = fieldOf(conditions, absent);
          const form = field.flatForm();
          if (form === null) return;
          const writer = new StateCodeWriter<number>();
          const at = writer.write([form], (to) => to);
          const code = writer.finish();
          expect(code[at]).toBe(1);
          expect(absentAt(code, at + 1)).toBe(absent ?? NO_TARGET);
          // Two slots: the lazy forms (Java view, lower case) are made once per slot and leaf.
          const a = slotOf(values);
          const b = slotOf(values);
          for (let i = 0; i < values.length; i++) {
            const want: number[] = [];
            field.collect(a, i, want);
            const got = new IntBuffer();
            collectCode(code, at + 1, b, i, got);
            expect(sorted([...got.items.subarray(0, got.n)]), JSON.stringify(values[i])).toEqual(
              sorted(want),
            );
          }
        },
      ),
      { numRuns: 2_000, seed: 20_261_121 },
    );
  });

  it("writes the fields of a state one after another", () => {
    const one = fieldOf([[{ type: "prefix", value: '"ab' }, 1]], null).flatForm();
    const two = fieldOf([[{ type: "exact", value: '"x"' }, 2]], 3).flatForm();
    if (one === null || two === null) throw new Error("expected flat forms");
    const writer = new StateCodeWriter<number>();
    const at = writer.write([one, { ...two, slot: 1 }], (to) => to);
    const code = writer.finish();
    expect(code[at]).toBe(2);
    const second = at + 1 + (code[at + 3] as number);
    expect(code[second]).toBe(1);
    expect(absentAt(code, second)).toBe(3);
    const out = new IntBuffer();
    collectCode(code, at + 1, slotOf(["abc"]), 0, out);
    collectCode(code, second, slotOf(["x"]), 0, out);
    expect([...out.items.subarray(0, out.n)]).toEqual([1, 2]);
  });

  it.each<[string, ValuePattern[]]>([
    ["a numeric range", [{ type: "numeric-range", low: 0, lowOpen: false, high: 5, highOpen: true }]],
    ["a wildcard", [{ type: "wildcard", glob: ['"a', 'c"'] }]],
    ["a number spelt exactly", [{ type: "exact", value: "5" }]],
    [
      "more exact strings than a list holds",
      Array.from({ length: 9 }, (_, i): ValuePattern => ({ type: "exact", value: `"v${i}"` })),
    ],
  ])("leaves a field with %s to its object", (_, patterns) => {
    const field = fieldOf(
      patterns.map((p, i) => [p, i]),
      null,
    );
    expect(field.flatForm()).toBeNull();
  });
});
