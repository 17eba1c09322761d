import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { EventLeaves } from "../../../../engine/pattern/reading/event-leaves.js";
import { readEventText } from "../../../../engine/pattern/reading/event-text-reader.js";

/** Two EventLeaves with the same paths: one read from the text, one by JSON.parse + read. */
function pair(paths: string[]): [EventLeaves, EventLeaves] {
  const fast = new EventLeaves();
  const exact = new EventLeaves();
  for (const path of paths) {
    fast.slotOf(path);
    exact.slotOf(path);
  }
  return [fast, exact];
}

/** A leaf value tagged by type, -0 kept apart from 0. */
function tag(v: unknown): [string, string] {
  if (typeof v === "number") return ["number", Object.is(v, -0) ? "-0" : String(v)];
  return [typeof v, String(v)];
}

function snapshot(leaves: EventLeaves) {
  return leaves.slots.map((s) =>
    s.n === 0
      ? { n: 0 }
      : {
          n: s.n,
          values: Array.from({ length: s.n }, (_, i) => tag(s.value(i))),
          membered: Array.from({ length: s.n }, (_, i) => s.membered(i)),
          elements: Array.from({ length: s.n }, (_, i) => s.element(i)),
          anyMembered: s.anyMembered,
          array: s.array,
        },
  );
}

/** Reads `text` both ways; when the fast reader accepts, everything must agree. Returns acceptance. */
function differential(text: string, [fast, exact]: [EventLeaves, EventLeaves]): boolean {
  // Declining leaves partial leaves behind: the caller's fallback (read) begins afresh.
  if (!readEventText(text, fast)) return false;
  let parsed: unknown;
  expect(() => {
    parsed = JSON.parse(text);
  }, text).not.toThrow();
  expect(exact.read(parsed), text).toBe(true);
  expect(snapshot(fast), text).toEqual(snapshot(exact));
  return true;
}

// ---------------------------------------------------------------------------------------------------
// Sample events

const eventsDir = fileURLToPath(new URL("../../../../examples/events", import.meta.url));
const samples = readdirSync(eventsDir)
  .filter((f) => f.endsWith(".json"))
  .sort()
  .map((f) => ({ file: f, text: readFileSync(join(eventsDir, f), "utf8") }));

/** Every leaf path of a parsed event (array levels dropped), as patterns name them. */
function leafPaths(node: unknown, prefix: string, out: Set<string>): Set<string> {
  if (Array.isArray(node)) for (const item of node) leafPaths(item, prefix, out);
  else if (typeof node === "object" && node !== null)
    for (const [k, v] of Object.entries(node)) leafPaths(v, prefix === "" ? k : `${prefix}.${k}`, out);
  else out.add(prefix);
  return out;
}

const allSamplePaths = [
  ...samples.reduce((set, s) => leafPaths(JSON.parse(s.text), "", set), new Set<string>()),
];

const SAMPLE_PATH_SETS: [string, string[]][] = [
  ["none", []],
  [
    "envelope and details",
    [
      "source",
      "detail-type",
      "account",
      "region",
      "resources",
      "detail.state.value",
      "detail.containers.lastStatus",
      "detail.containers.networkInterfaces.privateIpv4Address",
      "detail.attachments.details.name",
      "detail.attachments.details.value",
      "detail.configuration.metrics.id",
      "detail.configuration.metrics.metricStat.metric.name",
      "detail.configuration.metrics.metricStat.metric.dimensions.TargetGroup",
    ],
  ],
  ["every leaf path", allSamplePaths],
  [
    "object steps and prefixes",
    ["detail", "detail.state", "detail.containers", "detail.configuration.metrics"],
  ],
];

describe("readEventText on examples/events", () => {
  it.each(SAMPLE_PATH_SETS)("accepts every sample and agrees with read (%s)", (_name, paths) => {
    const leaves = pair(paths);
    for (const { file, text } of samples) {
      expect(differential(text, leaves), file).toBe(true);
      // Minified too (the usual shape of delivered events).
      expect(differential(JSON.stringify(JSON.parse(text)), leaves), file).toBe(true);
    }
  });

  it("finds the leaves (not only agreement on nothing)", () => {
    const leaves = pair(allSamplePaths);
    let found = 0;
    for (const { text } of samples) {
      readEventText(text, leaves[0]);
      for (const s of leaves[0].slots) found += s.n;
    }
    expect(found).toBeGreaterThan(500);
  });
});

// ---------------------------------------------------------------------------------------------------
// Edge cases: each must decline ("no"), be accepted and agree ("yes"), or either ("any").

const EDGE_PATHS = [
  "a",
  "a.b",
  "a.b.c",
  "b",
  "s",
  "n",
  "arr",
  "arr.x",
  "arr.y",
  "x.y",
  "__proto__",
  "é",
  "k.0",
];
EDGE_PATHS.push("", ".a", "a..b");

const deep = (d: number, open: string, close: string) =>
  `{"a":${open.repeat(d - 2)}${open === "[" ? "[]" : "{}"}${close.repeat(d - 2)}}`;

const EDGE_CASES: [string, string, "yes" | "no" | "any"][] = [
  // Invalid JSON
  ["empty text", "", "no"],
  ["whitespace only", " \n", "no"],
  ["unclosed object", '{"a":1', "no"],
  ["lone brace", "{", "no"],
  ["close only", "}", "no"],
  ["mismatched close", '{"a":1]', "no"],
  ["trailing comma in object", '{"a":1,}', "no"],
  ["trailing comma in array", '{"arr":[1,]}', "no"],
  ["leading comma in array", '{"arr":[,1]}', "no"],
  ["double comma", '{"a":1,,"b":2}', "no"],
  ["missing comma in array", '{"arr":[1 2]}', "no"],
  ["missing colon", '{"a" 1}', "no"],
  ["missing value", '{"a":}', "no"],
  ["single quotes", "{'a':1}", "no"],
  ["bare key", "{a:1}", "no"],
  ["unterminated string", '{"a":"x}', "no"],
  ["escaped quote leaves string open", '{"a":"\\"}', "no"],
  ["raw control char in string", '{"a":"x\u0001y"}', "no"],
  ["raw tab in string", '{"a":"x\ty"}', "no"],
  ["raw newline in key", '{"a\n":1}', "no"],
  ["NUL in string", '{"a":"\u0000"}', "no"],
  ["bad escape", '{"a":"\\x41"}', "no"],
  ["short unicode escape", '{"a":"\\u12"}', "no"],
  ["non-hex unicode escape", '{"a":"\\u12G4"}', "no"],
  ["escape at end", '{"a":"\\', "no"],
  ["BOM", '\ufeff{"a":1}', "no"],
  ["NBSP after", '{"a":1}\u00a0', "no"],
  ["form feed is not whitespace", '{"a":1}\f', "no"],
  ["vertical tab is not whitespace", '\u000b{"a":1}', "no"],
  ["trailing garbage", '{"a":1}x', "no"],
  ["second value", '{"a":1}{}', "no"],
  ["trailing NUL", '{"a":1}\u0000', "no"],
  ["extra close", '{"a":1}}', "no"],
  ["leading zero", '{"a":01}', "no"],
  ["negative leading zero", '{"a":-01}', "no"],
  ["lone minus", '{"a":-}', "no"],
  ["plus sign", '{"a":+1}', "no"],
  ["dot without fraction", '{"a":1.}', "no"],
  ["fraction without integer", '{"a":.5}', "no"],
  ["exponent without digits", '{"a":1e}', "no"],
  ["signed exponent without digits", '{"a":1e+}', "no"],
  ["hex number", '{"a":0x10}', "no"],
  ["NaN", '{"a":NaN}', "no"],
  ["Infinity", '{"a":Infinity}', "no"],
  ["misspelt true", '{"a":tru}', "no"],
  ["capital True", '{"a":True}', "no"],
  ["misspelt null", '{"a":nul}', "no"],
  ["null too long", '{"a":nulll}', "no"],
  ["false too long", '{"a":falsey}', "no"],
  ["literal off path too", '{"zz":fals}', "no"],
  // Top level
  ["top-level array", '[{"a":1}]', "no"],
  ["top-level empty array", "[]", "no"],
  ["top-level string", '"a"', "no"],
  ["top-level number", "1", "no"],
  ["top-level null", "null", "no"],
  ["top-level true", "true", "no"],
  // Limits
  ["1e400 on path", '{"a":1e400}', "no"],
  ["-1e400 on path", '{"a":-1e400}', "no"],
  ["1e400 off path", '{"zz":1e400}', "no"],
  ["1e400 in an array", '{"arr":[1,1e400]}', "no"],
  ["400-digit integer off path", `{"zz":1${"0".repeat(400)}}`, "no"],
  ["400-digit integer on path", `{"a":-1${"0".repeat(400)}}`, "no"],
  ["308-digit integer", `{"a":1${"0".repeat(307)}}`, "yes"],
  ["long fraction", `{"zz":0.${"0".repeat(400)}1,"a":1.${"5".repeat(400)}}`, "yes"],
  ["underflow to 0", '{"a":1e-400,"b":-1e-400}', "yes"],
  ["depth 1000 (objects)", deep(1000, '{"a":', "}"), "yes"],
  ["depth 1001 (objects)", deep(1001, '{"a":', "}"), "no"],
  ["depth 1000 (arrays)", deep(1000, "[", "]"), "yes"],
  ["depth 1001 (arrays)", deep(1001, "[", "]"), "no"],
  ["name of 50000", `{"${"k".repeat(50_000)}":1,"a":2}`, "yes"],
  ["name of 50001", `{"${"k".repeat(50_001)}":1,"a":2}`, "no"],
  // Numbers
  ["-0", '{"a":-0,"b":0}', "yes"],
  ["-0.0 and 0.0", '{"a":-0.0,"b":0.0}', "yes"],
  ["exponents", '{"a":1E2,"b":1e-7,"n":1e+2,"s":-1.5E-3}', "yes"],
  ["15 and 16 digits", '{"a":123456789012345,"b":1234567890123456,"n":-999999999999999}', "yes"],
  ["beyond 2^53", '{"a":9007199254740993,"b":12345678901234567890123}', "yes"],
  ["long mantissa", `{"a":0.${"1".repeat(60)},"b":3.14159265358979323846264338327950288}`, "yes"],
  ["numbers in arrays", '{"arr":[0,-0,1.5,-2e3]}', "yes"],
  // Literals
  ["literals on path", '{"a":true,"b":false,"n":null}', "yes"],
  ["literals off path", '{"zz":true,"yy":false,"xx":null,"a":1}', "yes"],
  ["literals in arrays", '{"arr":[true,false,null]}', "yes"],
  // Strings
  ["simple escapes", '{"s":"q\\"b\\\\s\\/f\\bf\\fn\\nr\\rt\\t"}', "yes"],
  ["unicode escapes", '{"s":"\\u0041\\u00e9\\u20AC","a":"\\u0000"}', "yes"],
  ["escaped surrogate pair", '{"s":"\\ud83d\\ude00"}', "yes"],
  ["escaped lone surrogates", '{"s":"\\ud800x\\udc00"}', "yes"],
  ["raw lone surrogate", '{"s":"a\ud800b","a":"\udc00"}', "yes"],
  ["non-ASCII", '{"s":"héllo wörld","a":"日本語"}', "yes"],
  ["astral characters", '{"s":"😀😀x","a":"𝄞"}', "yes"],
  ["non-ASCII before leaves", '{"zz":"é😀日\ud800","s":"after","a":"é","b":1.5}', "yes"],
  ["non-ASCII key on path", '{"é":"accent","s":"x"}', "yes"],
  ["non-ASCII key off path", '{"ü":"x","s":"y"}', "yes"],
  ["escaped key", '{"\\u0061":"via escape","s":"x"}', "yes"],
  ["escaped dotted key", '{"a\\u002eb":"via escape"}', "yes"],
  ["empty strings", '{"s":"","":"","a":""}', "yes"],
  ["long string", `{"s":"${"x".repeat(10_000)}","a":"${"é".repeat(1000)}"}`, "yes"],
  // Structure
  ["empty object", "{}", "yes"],
  ["empty nested", '{"a":{},"arr":[],"b":[{}],"s":{"t":[]}}', "yes"],
  ["object on a leaf path", '{"a":{"b":{"c":1}},"s":{"x":1},"n":[1,{"z":2}]}', "yes"],
  ["arrays of objects", '{"arr":[{"x":1,"y":"a"},{"x":2},{"y":"b"}]}', "yes"],
  ["arrays of arrays", '{"arr":[[{"x":1}],[{"x":2},{"x":3}],[[{"y":4}]]]}', "yes"],
  ["scalars beside objects in arrays", '{"arr":[1,{"x":2},[3,{"x":4}],"s"]}', "yes"],
  ["nested arrays of objects", '{"arr":[{"x":[{"y":1}]},{"x":{"y":2}}],"a":[{"b":[{"c":3}]}]}', "yes"],
  ["off-path arrays numbered too", '{"zz":[[1],[2]],"arr":[{"x":1}],"yy":[{"q":[]}],"a":[{"b":1}]}', "yes"],
  ["whitespace everywhere", ' \t\n\r{ "a" :\t1 ,\n"arr" : [ { "x" : 2 } , 3 ] ,"s":"w" }\r\n ', "yes"],
  ["pretty printed", JSON.stringify({ a: { b: [1, { c: 2 }] }, s: "x", arr: [{ x: 1 }] }, null, 2), "yes"],
  // Keys
  ["dotted key", '{"a.b":1,"x.y":"z"}', "yes"],
  ["dotted key and nested key", '{"a.b":1,"a":{"b":2,"b.c":3},"a.b.c":4}', "yes"],
  ["nested then dotted", '{"a":{"b":1},"a.b":2}', "yes"],
  ["empty dot-parts", '{".a":1,"a.":2,"a..b":3,".":4,"":5}', "yes"],
  ["__proto__ key", '{"__proto__":"p","a":1}', "yes"],
  ["__proto__ object", '{"__proto__":{"x":1},"s":"y"}', "yes"],
  ["constructor key", '{"constructor":1,"toString":"x","a":2}', "yes"],
  ["array-index key on path", '{"0":1}', "no"],
  ["array-index key off path", '{"a":1,"7":2}', "no"],
  ["array-index key nested", '{"zz":{"3":1},"a":1}', "no"],
  ["largest array index", '{"4294967294":1}', "no"],
  ["escaped array-index key", '{"\\u0031":1}', "no"],
  ["not an array index: 2^32-1", '{"4294967295":1,"a":2}', "yes"],
  ["not an array index: leading zero", '{"01":1,"a":2}', "yes"],
  ["not an array index: sign or dot", '{"-1":1,"1.5":2,"1e3":3,"a":4}', "yes"],
  ["digit-led path key", '{"k":{"0":1}}', "no"],
  // Duplicates
  ["duplicate on path", '{"a":1,"a":2}', "no"],
  ["duplicate object on path", '{"a":{"b":1},"s":2,"a":{"b":3}}', "no"],
  ["duplicate nested", '{"a":{"b":1,"b":2}}', "no"],
  ["dotted duplicate around a nested object", '{"a.b":1,"a":{"b":2},"a.b":3}', "no"],
  ["escaped duplicate", '{"a":1,"\\u0061":2}', "no"],
  ["duplicate off path", '{"zz":1,"a":2,"zz":{"q":3}}', "yes"],
  ["duplicate off path, nested", '{"s":{"t":1,"t":2},"zz":{"q":1,"q":"r"},"a":1}', "yes"],
  ["duplicate off path holding an array, after", '{"zz":1,"arr":[{"x":1}],"zz":[2]}', "any"],
  ["duplicate off path holding an array, before", '{"zz":[1],"arr":[{"x":1}],"zz":2}', "any"],
  ["escaped duplicate off path holding an array", '{"zz":[1],"arr":[{"x":1}],"z\\u007a":2}', "any"],
  ["duplicate off path holding an array, in elements", '{"arr":[{"q":[1],"x":1,"q":[2]}]}', "any"],
  ["different off-path keys holding arrays", '{"zz":[1],"zy":[2],"arr":[{"x":1}],"zx":[[3]]}', "yes"],
];

describe("readEventText edge cases", () => {
  const leaves = pair(EDGE_PATHS);
  it.each(EDGE_CASES)("%s", (_name, text, expected) => {
    const accepted = differential(text, leaves);
    if (expected !== "any") expect(accepted).toBe(expected === "yes");
  });

  it("begins by forgetting the previous event, even when declining", () => {
    const [fast] = leaves;
    expect(readEventText('{"a":1,"s":"x"}', fast)).toBe(true);
    expect(fast.slots.some((s) => s.n > 0)).toBe(true);
    expect(readEventText('[{"a":1,"s":"x"}]', fast)).toBe(false);
    expect(fast.slots.every((s) => s.n === 0)).toBe(true);
  });

  it("sees paths added after earlier reads", () => {
    const l = pair(["a"]);
    expect(differential('{"a":1,"late":{"x":2}}', l)).toBe(true);
    for (const e of l) e.slotOf("late.x");
    expect(differential('{"a":1,"late":{"x":2}}', l)).toBe(true);
    expect(l[0].slots[1]?.n).toBe(1);
  });
});

// ---------------------------------------------------------------------------------------------------
// Fuzz: random objects in varied spellings, and random byte mutations of them.

function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)] as T;
  return { next, int, pick };
}
type Rng = ReturnType<typeof prng>;

const FUZZ_PATHS = ["a", "b", "a.b", "a.b.c", "arr", "arr.x", "arr.a.b", "x.y", "é", "s", "k.0"];
const FUZZ_KEYS = ["", ..."a b c a.b b.c arr x x.y y é s k __proto__ 0 a.".split(" ")];
// Spread by code point: "😀" stays whole, the lone surrogates stay lone.
const CHARS = [...'abZ ./"\\\n\t\u0000\u001fé日😀\udfff\ud800'];
const NUMBERS = "0 -0 1 -7 42 3.25 -0.5 1e5 2E-3 1.5e+10 123456789012345678 1e400".split(" ");
const WS = ["", "", "", " ", "\n  ", "\t", "\r\n"];
const MUTATION_CHARS = [...'"\\{}[],: 01-.ean\u0001é'];

function randomString(r: Rng): string {
  let s = "";
  for (let n = r.int(6); n > 0; n--) s += r.pick(CHARS);
  return s;
}

/** A string literal, sometimes with needless \u or \/ escapes. */
function spell(r: Rng, s: string): string {
  const json = JSON.stringify(s);
  if (r.next() < 0.8) return json;
  let out = '"';
  for (const ch of s) {
    if (ch.length === 1 && r.next() < 0.5)
      out += ch === "/" ? "\\/" : `\\u${ch.charCodeAt(0).toString(16).padStart(4, "0")}`;
    else out += JSON.stringify(ch).slice(1, -1);
  }
  return `${out}"`;
}

/** Up to n different keys (repeats come from randomValue, on purpose and rarely). */
function distinctKeys(r: Rng, n: number, from: string[]): string[] {
  const keys = new Set<string>();
  for (let i = 0; i < n; i++) keys.add(r.pick(from));
  return [...keys];
}

function randomValue(r: Rng, depth: number): string {
  const w = () => r.pick(WS);
  const roll = r.next();
  if (depth < 4 && roll < 0.3) {
    const members: string[] = [];
    const keys = distinctKeys(r, r.int(5), FUZZ_KEYS);
    for (const k of keys) {
      const key = spell(r, k);
      members.push(`${w()}${key}${w()}:${w()}${randomValue(r, depth + 1)}${w()}`);
      // A repeated key now and then.
      if (r.next() < 0.05) members.push(`${key}:${randomValue(r, depth + 1)}`);
    }
    return `{${members.join(",")}${members.length === 0 ? w() : ""}}`;
  }
  if (depth < 4 && roll < 0.5) {
    const items: string[] = [];
    for (let n = r.int(4); n > 0; n--) items.push(`${w()}${randomValue(r, depth + 1)}${w()}`);
    return `[${items.join(",")}]`;
  }
  if (roll < 0.75) return spell(r, randomString(r));
  if (roll < 0.92) return r.next() < 0.98 ? r.pick(NUMBERS.slice(0, -1)) : "1e400";
  return r.pick(["true", "false", "null"]);
}

function randomEvent(r: Rng): string {
  const members: string[] = [];
  for (const k of distinctKeys(
    r,
    1 + r.int(6),
    FUZZ_KEYS.filter((k) => k !== "0"),
  )) {
    const key = r.next() < 0.01 ? '"0"' : spell(r, k);
    members.push(`${key}:${randomValue(r, 1)}`);
  }
  return `${r.pick(WS)}{${members.join(",")}}${r.pick(WS)}`;
}

function mutate(r: Rng, text: string): string {
  let out = text;
  for (let n = 1 + r.int(2); n > 0; n--) {
    const at = r.int(out.length + 1);
    const kind = r.int(3);
    const ch = r.pick(MUTATION_CHARS);
    if (kind === 0) out = out.slice(0, at) + ch + out.slice(at);
    else if (kind === 1) out = out.slice(0, at) + out.slice(at + 1);
    else out = out.slice(0, at) + ch + out.slice(at + 1);
  }
  return out;
}

describe("readEventText fuzz", () => {
  it("agrees with JSON.parse + read whenever it accepts", () => {
    const r = prng(20_240_611);
    const leaves = pair(FUZZ_PATHS);
    let plain = 0;
    let plainAccepted = 0;
    let mutatedAccepted = 0;
    let found = 0;
    for (let i = 0; i < 3000; i++) {
      const text = randomEvent(r);
      plain++;
      if (differential(text, leaves)) {
        plainAccepted++;
        for (const s of leaves[0].slots) found += s.n;
      }
      if (differential(mutate(r, text), leaves)) mutatedAccepted++;
    }
    expect(plainAccepted / plain).toBeGreaterThan(0.5);
    expect(mutatedAccepted).toBeGreaterThan(100);
    expect(found).toBeGreaterThan(1000);
  });
});
