import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { FieldTransitions } from "../../../../engine/pattern/automaton/field-transitions.js";
import {
  absentAt,
  collectCode,
  NO_TARGET,
  StateCodeWriter,
} from "../../../../engine/pattern/automaton/state-code.js";
import { LeafSlot, NO_ARRAY, type Scalar } from "../../../../engine/pattern/reading/event-leaves.js";
import { IntBuffer } from "../../../../engine/pattern/structures/int-buffer.js";
import { caseUnits } from "../../../../engine/pattern/text/ignore-case.js";
import type { MatcherMode, ValuePattern } from "../../../../engine/pattern/values/value-pattern.js";
import { parseWildcard } from "../../../../engine/pattern/values/wildcard.js";

/**
 * A field split by takeFlat (its code, and what stays in the object) must lead each leaf where the
 * whole FieldTransitions leads it: checked on generated fields (every kind of condition, one or
 * several of each, lists longer than a list in code holds, targets shared) and leaves (the fields'
 * own texts, other cases, quotes, non-ASCII, lone surrogates, non-strings).
 */
const PLAIN: MatcherMode = { hasNumeric: false, hasIp: false };
const TEXTS = ["", "a", "ab", "abc", "aBc", "ABC", "b", "bc", "abcabc", '"', 'a"b', "é", "ß", "\ud800", "?"];

const text = fc.oneof(fc.constantFrom(...TEXTS), fc.string({ maxLength: 3 }));
/** Wildcards from texts with stars: literal first or last segments (filed in trees) or neither. */
const wildcard: fc.Arbitrary<ValuePattern> = fc
  .tuple(fc.array(text, { minLength: 1, maxLength: 4 }), fc.boolean(), fc.boolean())
  .map(([parts, lead, trail]) => `${lead ? "*" : ""}${parts.join("*")}${trail ? "*" : ""}`)
  .map((w) => parseWildcard(w))
  .filter((r): r is { glob: readonly string[] } => "glob" in r)
  .map((r): ValuePattern => ({ type: "wildcard", glob: r.glob }));
/** Conditions with no flat form, which stay in the object. */
const objectOnly: fc.Arbitrary<ValuePattern> = fc.oneof(
  fc.constant<ValuePattern>({ type: "numeric-range", low: 0, lowOpen: false, high: 6, highOpen: true }),
  fc.constant<ValuePattern>({ type: "exact", value: "5" }),
  fc.constant<ValuePattern>({ type: "exact", value: "true" }),
);
const condition: fc.Arbitrary<ValuePattern> = fc.oneof(
  wildcard,
  objectOnly,
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
  fc.array(text, { maxLength: 4 }).map((ts) => ts.join("")),
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
  it("leads every leaf, with what stays in the object, where the whole field leads it (2,000 generated fields)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(condition, fc.integer({ min: 0, max: 5 })), { minLength: 1, maxLength: 12 }),
        fc.option(fc.integer({ min: 0, max: 5 })),
        fc.array(leaf, { minLength: 1, maxLength: 4 }),
        (conditions, absent, values) => {
          const whole = fieldOf(conditions, absent);
          const field = fieldOf(conditions, absent);
          const form = field.takeFlat();
          const writer = new StateCodeWriter<number>();
          const at = writer.write(form === null ? [] : [form], (to) => to);
          const code = writer.finish();
          expect(code[at]).toBe(form === null ? 0 : 1);
          if (form !== null) expect(absentAt(code, at + 1)).toBe(absent ?? NO_TARGET);
          // Absence is always taken into code.
          expect(field.absent).toBeNull();
          // Two slots: the lazy forms (Java view, lower case) are made once per slot and leaf.
          const a = slotOf(values);
          const b = slotOf(values);
          for (let i = 0; i < values.length; i++) {
            const want: number[] = [];
            whole.collect(a, i, want);
            const got = new IntBuffer();
            if (form !== null) collectCode(code, at + 1, b, i, got);
            const rest: number[] = [];
            field.collect(b, i, rest);
            expect(sorted([...got.items.subarray(0, got.n), ...rest]), JSON.stringify(values[i])).toEqual(
              sorted(want),
            );
          }
        },
      ),
      { numRuns: 2_000, seed: 20_261_121 },
    );
  });

  it("writes the fields of a state one after another", () => {
    const one = fieldOf([[{ type: "prefix", value: '"ab' }, 1]], null).takeFlat();
    const two = fieldOf([[{ type: "exact", value: '"x"' }, 2]], 3).takeFlat();
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

  const range: ValuePattern = { type: "numeric-range", low: 0, lowOpen: false, high: 5, highOpen: true };
  const exacts = (n: number): ValuePattern[] =>
    Array.from({ length: n }, (_, i): ValuePattern => ({ type: "exact", value: `"v${i}"` }));
  it.each<[string, ValuePattern[], "code" | "object" | "both"]>([
    ["a numeric range", [range], "object"],
    [
      "a wildcard with no literal first or last segment",
      [{ type: "wildcard", glob: ['"', "a", '"'] }],
      "object",
    ],
    ["a number spelt exactly", [{ type: "exact", value: "5" }], "object"],
    ["more exact strings than a list holds", exacts(9), "object"],
    ["as many exact strings as a list holds", exacts(8), "code"],
    ["a wildcard with a literal first segment", [{ type: "wildcard", glob: ['"a', 'c"'] }], "code"],
    ["a wildcard with a literal last segment", [{ type: "wildcard", glob: ['"', 'c"'] }], "code"],
    ["a prefix next to a numeric range", [{ type: "prefix", value: '"ab' }, range], "both"],
    [
      "a wildcard next to more strings than a list holds",
      [...exacts(9), { type: "wildcard", glob: ['"a', 'c"'] }],
      "both",
    ],
  ])("with %s, writes it to %s", (_, patterns, where) => {
    const field = fieldOf(
      patterns.map((p, i) => [p, i]),
      null,
    );
    const form = field.takeFlat();
    expect(form === null).toBe(where === "object");
    expect(field.isEmpty()).toBe(where === "code");
  });
});
