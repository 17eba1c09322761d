import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ValueIds } from "../../../../engine/pattern/automaton/joined-transitions.js";
import { EventLeaves } from "../../../../engine/pattern/reading/event-leaves.js";
import { readEventBytes, readEventText } from "../../../../engine/pattern/reading/event-text-reader.js";

/**
 * ValueIds.idOfLeaf numbers a plain ASCII leaf by its bytes in place: the same number idOf gives its
 * value, for leaves read from text, from bytes, from a parsed object, escaped or not.
 */
function leafIds(ids: ValueIds, values: readonly unknown[]): { byLeaf: number; byValue: number }[] {
  const leaves = new EventLeaves();
  const slot = leaves.slots[leaves.slotOf("v")];
  if (slot === undefined) throw new Error("no slot");
  const out: { byLeaf: number; byValue: number }[] = [];
  for (const value of values) {
    const text = JSON.stringify({ pad: "x".repeat(out.length % 5), v: value });
    const bytes = new TextEncoder().encode(` ${text}`);
    for (const read of [
      () => readEventText(text, leaves),
      () => readEventBytes(bytes, 1, bytes.length, leaves),
      () => leaves.read(JSON.parse(text)),
    ]) {
      if (!read()) continue;
      expect(slot.n).toBe(1);
      out.push({ byLeaf: ids.idOfLeaf(slot, 0), byValue: ids.idOf(value) });
    }
  }
  return out;
}

describe("ValueIds.idOfLeaf", () => {
  const known = [
    "",
    "a",
    "ab",
    "abc",
    "abcd",
    "abcde",
    "us-east-1",
    "us-west-1",
    "eu-west-1",
    "aws.ec2",
    "aws.ecs",
  ];
  const ids = new ValueIds();
  for (const v of [...known, "é", 'a"b', "123456789012", "123456789013"]) ids.add(v);

  it("numbers known and unknown values as idOf does", () => {
    const values = [...known, "é", 'a"b', "123456789012", "123456789013", "us-east-2", "abcdf", "x", 5, null];
    for (const { byLeaf, byValue } of leafIds(ids, values)) expect(byLeaf).toBe(byValue);
  });

  it("answers values added after a lookup", () => {
    const grown = new ValueIds();
    grown.add("one");
    expect(leafIds(grown, ["two"]).every((r) => r.byLeaf === -1)).toBe(true);
    grown.add("two");
    expect(leafIds(grown, ["two"]).every((r) => r.byLeaf === 1)).toBe(true);
  });

  it("agrees with idOf on random ASCII values (property)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ unit: fc.constantFrom("a", "b", "-", "1", "\\"), maxLength: 9 }), {
          maxLength: 30,
        }),
        fc.array(fc.string({ unit: fc.constantFrom("a", "b", "-", "1", "\\"), maxLength: 9 }), {
          maxLength: 10,
        }),
        (filed, asked) => {
          const table = new ValueIds();
          for (const v of filed) table.add(v);
          for (const { byLeaf, byValue } of leafIds(table, [...asked, ...filed]))
            expect(byLeaf).toBe(byValue);
        },
      ),
      { numRuns: 200 },
    );
  });
});
