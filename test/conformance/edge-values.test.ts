import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Oracle, startOracle } from "../support/event-ruler-oracle.js";
import { type Case, compareWithOracle, expectAgreement } from "./support/differential.js";

/**
 * Hand-picked edge cases: values a YAML or JS caller can produce that JSON cannot carry (EventBridge
 * only ever sees JSON text, so such patterns must be rejected), and sizes well beyond the generator's.
 */

let oracle: Oracle;
beforeAll(async () => {
  oracle = await startOracle({ explain: true });
});
afterAll(async () => {
  await oracle?.close();
});

function nested(depth: number, leaf: unknown): unknown {
  let value = leaf;
  for (let i = 0; i < depth; i++) value = { k: value };
  return value;
}

describe("edge values", () => {
  it("values JSON cannot express are rejected like their JSON text would be", async () => {
    const cases: Case[] = [
      { pattern: { a: [Number.NaN] }, event: { a: 1 }, label: "NaN literal" },
      { pattern: { a: [Number.POSITIVE_INFINITY] }, event: { a: 1 }, label: "Infinity literal" },
      {
        pattern: { a: [{ numeric: [">", Number.NEGATIVE_INFINITY] }] },
        event: { a: 1 },
        label: "-Infinity bound",
      },
      { pattern: { a: [{ numeric: ["<", Number.NaN] }] }, event: { a: 1 }, label: "NaN bound" },
      { pattern: { a: [{ "anything-but": Number.NaN }] }, event: { a: 1 }, label: "anything-but NaN" },
      { pattern: { a: [-0] }, event: { a: 0 }, label: "-0 literal" },
      { pattern: { a: [{ numeric: ["=", -0] }] }, event: { a: -0 }, label: "-0 bound and value" },
      { pattern: { a: ["x"] }, event: { a: -0 }, label: "-0 in the event" },
      {
        pattern: { a: [{ numeric: ["<", 1e308] }] },
        event: { a: 1.7976931348623157e308 },
        label: "max double",
      },
      { pattern: { a: [{ numeric: [">", 0] }] }, event: { a: 5e-324 }, label: "min subnormal in the event" },
    ];
    const c = await compareWithOracle(oracle, cases);
    expect(c.oracleRejects).toBeGreaterThanOrEqual(5);
    await expectAgreement(oracle, "values JSON cannot express", c);
  });

  it("large and deep inputs", async () => {
    const bigArray = Array.from({ length: 2000 }, (_, i) => ({ id: i, name: `n${i}`, tags: [`t${i % 7}`] }));
    const longString = "x".repeat(100_000);
    const cases: Case[] = [
      {
        pattern: { items: { id: [1999], name: ["n1999"] } },
        event: { items: bigArray },
        label: "last of 2000 objects",
      },
      {
        pattern: { items: { id: [1998], name: ["n1999"] } },
        event: { items: bigArray },
        label: "split across elements",
      },
      {
        pattern: { items: { tags: ["t6"], id: [{ numeric: [">", 1990] }] } },
        event: { items: bigArray },
        label: "nested array",
      },
      { pattern: { s: [{ prefix: "xxx" }] }, event: { s: longString }, label: "100k-char string" },
      { pattern: { s: [{ wildcard: "*x*x*x" }] }, event: { s: longString }, label: "wildcard on 100k chars" },
      {
        pattern: { s: [{ suffix: longString.slice(1) }] },
        event: { s: longString },
        label: "100k-char suffix",
      },
      { pattern: nested(40, ["v"]), event: nested(40, "v"), label: "40 levels" },
      { pattern: nested(40, ["v"]), event: nested(39, "v"), label: "39 vs 40 levels" },
      {
        pattern: Object.fromEntries(Array.from({ length: 200 }, (_, i) => [`k${i}`, [i]])),
        event: Object.fromEntries(Array.from({ length: 200 }, (_, i) => [`k${i}`, i])),
        label: "200 fields",
      },
      {
        pattern: { a: Array.from({ length: 500 }, (_, i) => `v${i}`) },
        event: { a: "v499" },
        label: "500 values in one field",
      },
    ];
    const c = await compareWithOracle(oracle, cases);
    expect(c.oracleMatches).toBeGreaterThanOrEqual(5);
    await expectAgreement(oracle, "large and deep inputs", c);
  });

  it("accept/reject corner cases", async () => {
    const fields = (n: number, prefix = "k"): Record<string, number[]> =>
      Object.fromEntries(Array.from({ length: n }, (_, i) => [`${prefix}${i}`, [i]]));
    const values = (n: number): Record<string, number> =>
      Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, i]));
    const cases: Case[] = [
      { pattern: { a: [{ numeric: [">", 0, "<", 0] }] }, event: { a: 1 }, label: "empty range" },
      { pattern: { a: [{ numeric: ["<", 1, ">", 0] }] }, event: { a: 1 }, label: "range upside down" },
      { pattern: { a: [{ numeric: [">=", 1e10] }] }, event: { a: 2e10 }, label: "bound beyond 5e9" },
      {
        pattern: { a: [{ numeric: [">", 1.7976931348623157e308] }] },
        event: { a: 1 },
        label: "bound at max double",
      },
      {
        pattern: { a: [{ "anything-but": { prefix: ["a", ""] } }] },
        event: { a: "b" },
        label: "empty prefix in list",
      },
      {
        pattern: { $or: [{ numeric: [">", 0] }, { b: ["x"] }] },
        event: { b: "x" },
        label: "reserved name in $or",
      },
      {
        pattern: { $or: [{ numeric: [">", 0] }, { cidr: "10.0.0.0/8" }] },
        event: { $or: 5 },
        label: "$or of match expressions (legacy field)",
      },
      {
        pattern: { $or: [{ a: ["x"] }, { $or: [{ b: ["y"] }] }] },
        event: { a: "x" },
        label: "nested $or of one",
      },
      { pattern: { $foo: ["x"] }, event: { $foo: "x" }, label: "$-prefixed field" },
      { pattern: fields(256), event: values(256), label: "256 fields" },
      { pattern: fields(257), event: values(257), label: "257 fields" },
      {
        pattern: { a: fields(200), $or: [fields(57, "x"), { b: ["y"] }] },
        event: { b: "y" },
        label: "257 fields in one $or sub-rule",
      },
      {
        pattern: { a: fields(200), $or: [fields(56, "x"), { b: ["y"] }] },
        event: { b: "y" },
        label: "256 fields in one $or sub-rule",
      },
      {
        pattern: { a: [{ "anything-but": { wildcard: ["a*", "b**"] } }] },
        event: { a: "c" },
        label: "bad wildcard in list",
      },
      { pattern: { a: [{ exists: true }, { exists: false }] }, event: { a: 1 }, label: "exists both ways" },
      {
        pattern: { a: [{ cidr: "::ffff:10.0.0.0/104" }] },
        event: { a: "10.0.0.1" },
        label: "IPv4-mapped CIDR",
      },
      { pattern: { a: [{ cidr: "01.2.3.4/024" }] }, event: { a: "1.2.3.200" }, label: "zero-padded CIDR" },
      {
        pattern: { a: [{ cidr: "1.2.3.4/24 " }] },
        event: { a: "1.2.3.200" },
        label: "CIDR with a trailing space",
      },
      { pattern: { a: [{ cidr: "2001:db8:::/32" }] }, event: { a: "2001:db8::1" }, label: "bad IPv6 CIDR" },
    ];
    const c = await compareWithOracle(oracle, cases);
    expect(c.oracleRejects).toBeGreaterThanOrEqual(8);
    await expectAgreement(oracle, "accept/reject corner cases", c);
  });
});
