import fc from "fast-check";
import type { JsonValue } from "../../../../engine/pattern/index.js";

/**
 * Small-vocabulary patterns and events, so that random pairs often match. Patterns may be invalid
 * on purpose (callers filter with checkPattern when they need valid ones).
 */
const KEYS = ["a", "b", "c", "a.b", ""];
const STRINGS = ["", "x", "X", "ab", "abc", "a*c", "10.0.0.1", "::1", "ß", "SS", "😀", "\ud800", "?", "5"];
const NUMBERS = [0, -0, 1, 5, 5.5, -3, 1e21, 5e-324, 118312207493060290, 1.7976931348623157e308];

const key = fc.constantFrom(...KEYS);
const scalar: fc.Arbitrary<JsonValue> = fc.oneof(
  fc.constantFrom(...STRINGS),
  fc.constantFrom(...NUMBERS),
  fc.constantFrom(true, false, null),
);

const text = fc.oneof(fc.constantFrom(...STRINGS), fc.string({ maxLength: 4 }));
const matcher: fc.Arbitrary<JsonValue> = fc.oneof(
  scalar,
  text.map((t) => ({ prefix: t })),
  text.map((t) => ({ suffix: t })),
  text.map((t) => ({ "equals-ignore-case": t })),
  text.map((t) => ({ prefix: { "equals-ignore-case": t } })),
  text.map((t) => ({ wildcard: t })),
  fc.constantFrom<JsonValue>({ exists: true }, { exists: false }),
  fc.constantFrom(...NUMBERS).map((n) => ({ numeric: [">", n] })),
  fc
    .tuple(fc.constantFrom(...NUMBERS), fc.constantFrom(...NUMBERS))
    .map(([x, y]) => ({ numeric: [">=", x, "<", y] })),
  fc.oneof(text, fc.array(text, { maxLength: 2 })).map((v) => ({ "anything-but": v })),
  fc.constantFrom(...NUMBERS).map((n) => ({ "anything-but": [n] })),
  text.map((t) => ({ "anything-but": { prefix: t } })),
  fc.constantFrom<JsonValue>({ cidr: "10.0.0.0/8" }, { cidr: "::/1" }, { cidr: "0.0.0.0/0" }),
);

const fields: fc.Arbitrary<{ [k: string]: JsonValue }> = fc.dictionary(
  key,
  fc.array(matcher, { minLength: 1, maxLength: 3 }),
  {
    minKeys: 1,
    maxKeys: 3,
  },
);

export const patternArb: fc.Arbitrary<JsonValue> = fc.oneof(
  { weight: 3, arbitrary: fields },
  {
    weight: 1,
    arbitrary: fc.tuple(fields, fc.array(fields, { minLength: 2, maxLength: 3 })).map(([base, branches]) => ({
      ...base,
      $or: branches,
    })),
  },
  { weight: 1, arbitrary: fields.map((f) => ({ detail: f })) },
);

const leaf = fc.oneof(scalar, fc.array(scalar, { maxLength: 3 }));
const eventObject: fc.Arbitrary<{ [k: string]: JsonValue }> = fc.dictionary(
  key,
  fc.oneof(
    leaf,
    fc.dictionary(key, leaf, { maxKeys: 2 }),
    fc.array(fc.dictionary(key, leaf, { maxKeys: 2 }), { maxLength: 2 }),
  ),
  { maxKeys: 4 },
);

export const eventArb: fc.Arbitrary<JsonValue> = fc.oneof(
  { weight: 3, arbitrary: eventObject },
  { weight: 1, arbitrary: eventObject.map((e) => ({ detail: e })) },
);
