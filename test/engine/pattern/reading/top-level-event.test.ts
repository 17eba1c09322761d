import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { PatternIndex } from "../../../../engine/pattern/pattern-index.js";
import { topLevelEvent } from "../../../../engine/pattern/reading/top-level-event.js";
import { TopLevelMembers } from "../../../../engine/pattern/reading/top-level-members.js";

/**
 * topLevelEvent must give JSON.parse's object: same keys in the same order, same values (nested
 * ones once read), same JSON.stringify, and plain data properties once read or assigned. Lines are
 * generated as JSON text, so escapes, spacing, number spellings and repeated keys vary freely.
 */
const ws = fc.constantFrom("", "", "", " ", "\t", "\r\n", "  ");

const escapeText = fc.oneof(
  fc.constantFrom('\\"', "\\\\", "\\/", "\\b", "\\f", "\\n", "\\r", "\\t"),
  fc
    .integer({ min: 0, max: 0xffff })
    .map((n) => `\\u${n.toString(16).padStart(4, "0")}`)
    .chain((u) => fc.constantFrom(u, u.toUpperCase().replace("\\U", "\\u"))),
);
const plainChar = fc.constantFrom("a", "b", "Z", "0", " ", "-", ":", ",", "{", "}", "[", "]", "'", "_");
const stringText = fc
  .array(fc.oneof({ weight: 4, arbitrary: plainChar }, { weight: 1, arbitrary: escapeText }), {
    maxLength: 12,
  })
  .map((parts) => `"${parts.join("")}"`);

const digits = (min: number, max: number) =>
  fc.array(fc.constantFrom(..."0123456789"), { minLength: min, maxLength: max }).map((d) => d.join(""));
const numberText = fc
  .tuple(
    fc.boolean(),
    fc.oneof(
      fc.constant("0"),
      fc.tuple(fc.constantFrom(..."123456789"), digits(0, 22)).map(([a, b]) => a + b),
    ),
    fc.option(
      digits(1, 8).map((d) => `.${d}`),
      { freq: 2 },
    ),
    fc.option(
      fc.tuple(fc.constantFrom("e", "E"), fc.constantFrom("", "+", "-"), digits(1, 3)).map((p) => p.join("")),
      { freq: 2 },
    ),
  )
  .map(([minus, int, frac, exp]) => `${minus ? "-" : ""}${int}${frac ?? ""}${exp ?? ""}`)
  // Exponents past the double range are declined by the reader; keep them rare, not absent.
  .filter((t) => Number.isFinite(Number(t)) || t.length % 7 === 0);

const keyText = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom('"source"', '"detail-type"', '"id"', '"detail"', '"a"', '"b"') },
  { weight: 1, arbitrary: fc.constantFrom('""', '"constructor"', '"toString"', '"__proto__"', '"x y"') },
  { weight: 1, arbitrary: fc.constantFrom('"sour\\u0063e"', '"\\u0061"', '"a\\n"', '"\\"q"') },
  { weight: 1, arbitrary: stringText },
);

const { value: valueText } = fc.letrec<{ value: string; object: string; array: string }>((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    stringText,
    numberText,
    fc.constantFrom("true", "false", "null"),
    tie("object"),
    tie("array"),
  ),
  object: fc
    .array(fc.tuple(ws, keyText, ws, ws, tie("value"), ws), { maxLength: 4 })
    .chain((members) =>
      ws.map((inside) =>
        members.length === 0
          ? `{${inside}}`
          : `{${members.map(([a, k, b, c, v, d]) => `${a}${k}${b}:${c}${v}${d}`).join(",")}}`,
      ),
    ),
  array: fc
    .array(fc.tuple(ws, tie("value"), ws), { maxLength: 4 })
    .chain((items) =>
      ws.map((inside) =>
        items.length === 0 ? `[${inside}]` : `[${items.map(([a, v, b]) => `${a}${v}${b}`).join(",")}]`,
      ),
    ),
}));

/** An event-like line: several top-level members, keys often repeated, any values. */
const lineText = fc
  .array(fc.tuple(ws, keyText, ws, ws, valueText, ws), { maxLength: 10 })
  .map((members) => `{${members.map(([a, k, b, c, v, d]) => `${a}${k}${b}:${c}${v}${d}`).join(",")}}`);

const index = new PatternIndex<number>();
index.add(0, { source: [{ exists: true }] });
const members = new TopLevelMembers();

/** The line at an offset in a larger buffer, as a batch holds it; built, or undefined when matchBytes declines. */
function build(text: string): { event: Record<string, unknown>; bytes: Buffer } | undefined {
  const bytes = Buffer.from(`xx\n${text}\n{"source":1}`, "latin1");
  const start = 3;
  const end = start + text.length;
  if (index.matchBytes(bytes, start, end, members) === undefined) return undefined;
  return { event: topLevelEvent(bytes, start, end, members), bytes };
}

/** Deep equality that tells -0 from 0 (toEqual does too, but say it). */
function same(a: unknown, b: unknown): void {
  expect(a).toEqual(b);
  if (typeof b === "number") expect(Object.is(a, b)).toBe(true);
}

function checkAgainstParse(text: string): boolean {
  const built = build(text);
  if (built === undefined) return false;
  const { event, bytes } = built;
  const expected = JSON.parse(text) as Record<string, unknown>;
  // The batch's bytes are reused after it: the event must not read them any more.
  bytes.fill(0x20);
  expect(Object.getPrototypeOf(event)).toBe(Object.prototype);
  expect(Object.keys(event)).toEqual(Object.keys(expected));
  expect(Reflect.ownKeys(event)).toEqual(Reflect.ownKeys(expected));
  for (const key of Object.keys(expected)) expect(key in event).toBe(true);
  // Before any member is read: JSON.stringify, then spread (both read every member).
  expect(JSON.stringify(event)).toBe(JSON.stringify(expected));
  const again = build(text)?.event as Record<string, unknown>;
  expect({ ...again }).toEqual(expected);
  for (const key of Object.keys(expected)) {
    same(event[key], expected[key]);
    // Read once: a plain data property, the same value on every read.
    expect(Object.getOwnPropertyDescriptor(event, key)).toEqual({
      value: event[key],
      writable: true,
      enumerable: true,
      configurable: true,
    });
  }
  expect(JSON.stringify(event)).toBe(JSON.stringify(expected));
  // Assigned before being read: takes the value, keeps its place.
  const third = build(text)?.event as Record<string, unknown>;
  const parsed = JSON.parse(text) as Record<string, unknown>;
  for (const key of Object.keys(expected)) {
    third[key] = "set";
    parsed[key] = "set";
  }
  expect(Object.entries(third)).toEqual(Object.entries(parsed));
  return true;
}

describe("topLevelEvent", () => {
  it("gives JSON.parse's object for every line matchBytes reads", () => {
    let read = 0;
    fc.assert(
      fc.property(lineText, (text) => {
        if (checkAgainstParse(text)) read++;
      }),
      { numRuns: 2_000 },
    );
    // Many lines are read (declined: a repeated `source`, repeated keys holding arrays, array-index keys).
    expect(read).toBeGreaterThan(500);
  });

  it.each([
    ['{"a":1,"b":{"c":[1,2]},"a":{"d":2}}', "a repeated key: first place, last value"],
    ['{"a":{"x":1},"b":2,"a":3}', "a lazy member replaced by a scalar"],
    ['{"a":{"x":1},"b":2,"a":{"y":{"z":3}}}', "a lazy member replaced by another"],
    ['{"a":-0,"b":0,"c":-0.0,"d":-0e5}', "-0"],
    [
      '{"a":12345678901234567890,"b":1.5e-3,"c":-123456789012345,"d":1E308}',
      "long integers, fractions, exponents",
    ],
    ['{"a":34489298437625094,"b":90424222104167736,"c":138264704540560699}', "integers a digit loop rounds"],
    ['{"aXbcd":1,"aYbcd":2,"aXbce":3}', "keys alike in length and some letters"],
    ['{"__proto__":{"x":1},"y":2}', "__proto__ as an own key"],
    ['{"sour\\u0063e":"s","a":{"b":1}}', "an escaped key"],
    ['{"a":"x\\"y\\u00e9\\/","b":"plain"}', "escaped strings"],
    ['{ "a" : { } , "b" : [ ] , "c" : {"d" : [ ]} }', "empty objects and arrays, spaces"],
    ["{}", "no members"],
  ])("%s: %s", (text) => {
    expect(checkAgainstParse(text)).toBe(true);
  });

  it("declines numbers out of the double range (JSON.parse gives Infinity, the reader declines)", () => {
    expect(build('{"a":1E400}')).toBeUndefined();
  });

  it("nested values are parsed once, when first read, and reads through a derived object see them", () => {
    const { event } = build('{"source":"s","detail":{"n":1},"list":[{"m":2}]}') as {
      event: Record<string, unknown>;
    };
    expect(Object.getOwnPropertyDescriptor(event, "detail")?.get).toBeTypeOf("function");
    const derived = Object.create(event) as Record<string, unknown>;
    expect(derived.detail).toEqual({ n: 1 });
    expect(event.detail).toBe(derived.detail);
    expect(Object.getOwnPropertyDescriptor(event, "detail")?.get).toBeUndefined();
    // Assigning through a derived object gives it its own property, as with a data property.
    derived.list = 5;
    expect(Object.hasOwn(derived, "list")).toBe(true);
    expect(event.list).toEqual([{ m: 2 }]);
  });

  it("a frozen event still reads its nested values", () => {
    const { event } = build('{"source":"s","detail":{"n":1}}') as { event: Record<string, unknown> };
    Object.freeze(event);
    expect(event.detail).toEqual({ n: 1 });
    expect(JSON.stringify(event)).toBe('{"source":"s","detail":{"n":1}}');
  });
});
