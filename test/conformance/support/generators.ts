import fc from "fast-check";
import { deepMerge, isJsonObject, type Json, type JsonObject, objectOf } from "./json.js";

/**
 * fast-check arbitraries for EventBridge patterns and for events that *collide* with them.
 *
 * Patterns and events share small vocabularies (keys, strings, numbers, IPs) and events are built
 * from the pattern they are paired with ("witnesses" of its matchers, case variants, values just
 * inside/outside numeric and CIDR ranges, absent fields, arrays of values and of objects), so that a
 * good share of pairs match and the rest miss narrowly. A share of patterns is mutated into invalid
 * ones so that accept/reject is exercised too.
 */

// ---------------------------------------------------------------------------------------------
// Vocabularies
// ---------------------------------------------------------------------------------------------

/** Field names; "a.b" and "b.c" collide with nested a→b / b→c (event-ruler flattens with "."). */
export const KEYS = ["a", "b", "c", "a.b", "b.c"] as const;
/** Rare field names: empty, dotted at an end, and "$or" used as a plain field (event-ruler's legacy reading). */
const ODD_KEYS = ["", "a.", ".b", "$or"] as const;
const key = fc.oneof(
  { weight: 15, arbitrary: fc.constantFrom<string>(...KEYS) },
  { weight: 1, arbitrary: fc.constantFrom<string>(...ODD_KEYS) },
);

/** Strings: case pairs (ASCII and Unicode edge cases), IPs, wildcard/escape characters, number-like text. */
export const STRINGS: readonly string[] = [
  "",
  "x",
  "X",
  "abc",
  "ABC",
  "Abc",
  "abcd",
  "xabc",
  "abc.png",
  "ABC.PNG",
  "dir/a.png",
  "a*c",
  "a\\c",
  "*",
  "\\",
  "us-east-1",
  "US-EAST-1",
  "eu-west-1",
  "10.0.0.1",
  "10.0.0.255",
  "10.0.1.0",
  "192.168.1.5",
  "::1",
  "2001:db8::1",
  "2001:DB8:0:0:0:0:0:1",
  "ß",
  "SS",
  "ss",
  "é",
  "É",
  "İ",
  "i",
  "I",
  "ı",
  "\u212A", // KELVIN SIGN: lower-cases to ASCII k
  "k",
  "K",
  "Σ",
  "σ",
  "ς",
  "ǅ",
  "ǆ",
  "Ǆ",
  "😀",
  "𐐀",
  "𐐨",
  "true",
  "null",
  "1",
  "1.0",
  "5",
  " ",
  // event-ruler wraps string values in quotes before matching: quotes inside strings are edge cases
  '"',
  'a"',
  '"a',
  "a\u0000",
  "\n",
];

/** Fragments that get glued to strings (prefix/suffix/wildcard witnesses). */
const FRAGMENTS: readonly string[] = ["", "a", "b", "c", "x", "bc", ".png", "dir/", "é", "A", "ß", "*", "\\"];

/** Numbers: boundaries of ranges, precision edges, -0, huge and tiny. */
export const NUMBERS: readonly number[] = [
  0,
  -0,
  1,
  -1,
  0.5,
  1.5,
  2,
  5,
  4.999999,
  5.000001,
  10,
  100,
  300,
  301.8,
  1e9,
  -1e9,
  1e9 + 1,
  5e9,
  1e15,
  1e21,
  1.7976931348623157e308,
  5e-324,
  1e-7,
  0.1,
  0.30000000000000004,
  12345678901234568,
];

/** Bounds used by numeric operators. */
const BOUNDS: readonly number[] = [-1e9, -100, -1, -0.5, 0, 0.5, 1, 5, 10, 100, 301.8, 1e9, 5e9, 1e15];

const CIDRS_V4: readonly string[] = [
  "10.0.0.0/24",
  "10.0.0.0/8",
  "0.0.0.0/0",
  "192.168.0.0/16",
  "10.0.0.128/25",
  "10.0.0.5/24",
];

/** IPv6 CIDRs with hand-picked addresses inside and outside (compressed, expanded, upper-case). */
const CIDRS_V6: Readonly<Record<string, readonly string[]>> = {
  "2001:db8::/32": [
    "2001:db8::1",
    "2001:DB8::1",
    "2001:0db8:0000:0000:0000:0000:0000:0001",
    "2001:db9::1",
    "2001:db7:ffff::",
  ],
  "::1/127": ["::1", "0:0:0:0:0:0:0:1", "::2", "::"],
  "2001:db8::/64": ["2001:db8::ffff", "2001:db8:0:1::1", "2001:db8::", "2001:db8:0:0:ffff:ffff:ffff:ffff"],
  "::/0": ["::", "ffff::1", "10.0.0.1"],
  "fe80::/10": ["fe80::1", "febf::1", "fec0::1", "FE80::A"],
};

/** The IP-looking strings events use (including ones no CIDR contains, and near-misses). */
const IPS: readonly string[] = [
  "10.0.0.0",
  "10.0.0.1",
  "10.0.0.127",
  "10.0.0.128",
  "10.0.0.255",
  "10.0.1.0",
  "9.255.255.255",
  "11.0.0.0",
  "192.168.1.5",
  "192.169.0.0",
  "0.0.0.0",
  "255.255.255.255",
  "010.000.000.001",
  "10.0.0.256",
  "10.0.0",
  ...Object.values(CIDRS_V6).flat(),
];

// ---------------------------------------------------------------------------------------------
// Small helpers
// ---------------------------------------------------------------------------------------------

/** Case variants the way people (and fuzzers) write them: lower, upper, first-upper, toggled. */
export function caseVariants(s: string): string[] {
  const chars = Array.from(s);
  const toggled = chars.map((c, i) => (i % 2 === 0 ? c.toUpperCase() : c.toLowerCase())).join("");
  const first = chars.length > 0 ? `${chars[0]?.toUpperCase()}${chars.slice(1).join("")}` : "";
  return [...new Set([s, s.toLowerCase(), s.toUpperCase(), toggled, first])];
}

/** Code-point prefixes and suffixes of the vocabulary (no lone surrogates). */
function affixes(kind: "prefix" | "suffix"): string[] {
  const out = new Set<string>();
  for (const s of STRINGS) {
    const cps = Array.from(s);
    for (let n = 1; n <= cps.length; n++) {
      out.add(kind === "prefix" ? cps.slice(0, n).join("") : cps.slice(cps.length - n).join(""));
    }
  }
  return [...out];
}
const PREFIXES = affixes("prefix");
const SUFFIXES = affixes("suffix");

const str = fc.constantFrom(...STRINGS);
const num = fc.constantFrom(...NUMBERS);
/** Numbers event-ruler can compare (5e-324 prints as 4.9E-324 in Java, so it refuses it in ranges and sets). */
const comparableNum = fc.constantFrom(...NUMBERS.filter((n) => n !== 5e-324));
const fragment = fc.constantFrom(...FRAGMENTS);

const scalar: fc.Arbitrary<Json> = fc.oneof(
  { weight: 5, arbitrary: str },
  { weight: 3, arbitrary: num },
  { weight: 1, arbitrary: fc.constantFrom<Json>(true, false, null) },
  { weight: 2, arbitrary: fc.constantFrom(...IPS) },
);

function ipv4ToInt(ip: string): number {
  return ip.split(".").reduce((acc, part) => acc * 256 + Number(part), 0);
}
function intToIpv4(n: number): string {
  const m = ((n % 2 ** 32) + 2 ** 32) % 2 ** 32;
  return [24, 16, 8, 0].map((shift) => Math.floor(m / 2 ** shift) % 256).join(".");
}

/** Addresses at and around the edges of an IPv4 CIDR. */
function ipv4Around(cidr: string): string[] {
  const [ip = "0.0.0.0", bitsText = "32"] = cidr.split("/");
  const bits = Number(bitsText);
  const size = 2 ** (32 - bits);
  const base = Math.floor(ipv4ToInt(ip) / size) * size;
  return [base, base + 1, base + size - 1, base + size, base - 1, ipv4ToInt(ip)].map(intToIpv4);
}

function oneOfConst<T>(values: readonly T[]): fc.Arbitrary<T> {
  return fc.constantFrom(...values);
}

// ---------------------------------------------------------------------------------------------
// Valid matchers (the elements of a pattern's leaf array)
// ---------------------------------------------------------------------------------------------

const NUMERIC_OPS = ["=", "<", "<=", ">", ">="] as const;
const bound = fc.constantFrom(...BOUNDS);

const wildcardPiece = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom("a", "b", "c", "x", "bc", ".png", "dir/", "é", "A", "ß", "/lib/") },
  { weight: 3, arbitrary: fc.constant("*") },
  { weight: 1, arbitrary: fc.constant("\\*") },
  { weight: 1, arbitrary: fc.constant("\\\\") },
);
/** Wildcard strings without consecutive unescaped '*'. */
const wildcardText = fc
  .array(wildcardPiece, { minLength: 0, maxLength: 4 })
  .filter((pieces) => pieces.every((piece, i) => piece !== "*" || pieces[i + 1] !== "*"))
  .map((pieces) => pieces.join(""));

const stringList = fc.uniqueArray(str, { minLength: 1, maxLength: 3 });
const nonEmptyAffix = (list: readonly string[]) => fc.constantFrom(...list.filter((s) => s.length > 0));

export const validMatcher: fc.Arbitrary<Json> = fc.oneof(
  { weight: 8, arbitrary: str },
  { weight: 4, arbitrary: num },
  { weight: 1, arbitrary: fc.constantFrom<Json>(true, false, null) },
  { weight: 2, arbitrary: fc.constantFrom(...IPS) },
  { weight: 3, arbitrary: oneOfConst(PREFIXES).map((p) => ({ prefix: p })) },
  { weight: 3, arbitrary: oneOfConst(SUFFIXES).map((s) => ({ suffix: s })) },
  { weight: 3, arbitrary: str.map((s) => ({ "equals-ignore-case": s })) },
  { weight: 2, arbitrary: oneOfConst(PREFIXES).map((p) => ({ prefix: { "equals-ignore-case": p } })) },
  { weight: 2, arbitrary: oneOfConst(SUFFIXES).map((s) => ({ suffix: { "equals-ignore-case": s } })) },
  { weight: 4, arbitrary: wildcardText.map((w) => ({ wildcard: w })) },
  // anything-but, every form
  { weight: 2, arbitrary: str.map((s) => ({ "anything-but": s })) },
  { weight: 2, arbitrary: comparableNum.map((n) => ({ "anything-but": n })) },
  { weight: 2, arbitrary: stringList.map((l) => ({ "anything-but": l })) },
  {
    weight: 2,
    arbitrary: fc
      .uniqueArray(comparableNum, { minLength: 1, maxLength: 3 })
      .map((l) => ({ "anything-but": l })),
  },
  { weight: 1, arbitrary: nonEmptyAffix(PREFIXES).map((p) => ({ "anything-but": { prefix: p } })) },
  { weight: 1, arbitrary: nonEmptyAffix(SUFFIXES).map((s) => ({ "anything-but": { suffix: s } })) },
  {
    weight: 1,
    arbitrary: fc
      .uniqueArray(nonEmptyAffix(PREFIXES), { minLength: 1, maxLength: 2 })
      .map((l) => ({ "anything-but": { prefix: l } })),
  },
  {
    weight: 1,
    arbitrary: fc
      .uniqueArray(nonEmptyAffix(SUFFIXES), { minLength: 1, maxLength: 2 })
      .map((l) => ({ "anything-but": { suffix: l } })),
  },
  { weight: 1, arbitrary: str.map((s) => ({ "anything-but": { "equals-ignore-case": s } })) },
  { weight: 1, arbitrary: stringList.map((l) => ({ "anything-but": { "equals-ignore-case": l } })) },
  { weight: 1, arbitrary: wildcardText.map((w) => ({ "anything-but": { wildcard: w } })) },
  {
    weight: 1,
    arbitrary: fc
      .uniqueArray(wildcardText, { minLength: 1, maxLength: 2 })
      .map((l) => ({ "anything-but": { wildcard: l } })),
  },
  // numeric: single comparisons and ranges (including empty/inverted ranges)
  {
    weight: 3,
    arbitrary: fc.tuple(fc.constantFrom(...NUMERIC_OPS), bound).map(([op, n]) => ({ numeric: [op, n] })),
  },
  {
    weight: 3,
    arbitrary: fc
      .tuple(fc.constantFrom(">", ">="), bound, fc.constantFrom("<", "<="), bound)
      .filter(([, a, , b]) => a !== b)
      .map(([lo, a, hi, b]) => ({ numeric: [lo, Math.min(a, b), hi, Math.max(a, b)] })),
  },
  { weight: 3, arbitrary: fc.boolean().map((b) => ({ exists: b })) },
  { weight: 2, arbitrary: fc.constantFrom(...CIDRS_V4).map((c) => ({ cidr: c })) },
  { weight: 2, arbitrary: fc.constantFrom(...Object.keys(CIDRS_V6)).map((c) => ({ cidr: c })) },
);

// ---------------------------------------------------------------------------------------------
// Patterns
// ---------------------------------------------------------------------------------------------

export const leaf: fc.Arbitrary<Json[]> = fc.array(validMatcher, { minLength: 1, maxLength: 2 });

/**
 * Makes two "$or" branches constrain the same field with overlapping matcher lists (the second gets
 * the first's matchers plus one), a shape that exercises how sub-rules share a field.
 */
function shareField(branches: JsonObject[], pick: number, extra: Json): JsonObject[] {
  const [first, second, ...rest] = branches;
  if (!first || !second) return branches;
  const leafKeys = Object.keys(first).filter((k) => k !== "$or" && Array.isArray(first[k]));
  const key = leafKeys[pick % Math.max(1, leafKeys.length)];
  const shared = key === undefined ? undefined : first[key];
  if (key === undefined || !Array.isArray(shared)) return branches;
  const copy = objectOf(Object.entries(second));
  copy[key] = pick % 2 === 0 ? [extra, ...shared] : [...shared, extra];
  return [first, copy, ...rest];
}

const patternCache = new Map<string, fc.Arbitrary<JsonObject>>();

/**
 * A valid pattern object nesting up to `depth` more levels, with `$or` groups (nested too). Kept
 * small on purpose: every field ANDs, so big patterns almost never match.
 */
export function patternObject(depth: number, maxKeys = 2): fc.Arbitrary<JsonObject> {
  const cacheKey = `${depth}/${maxKeys}`;
  const cached = patternCache.get(cacheKey);
  if (cached) return cached;
  const value: fc.Arbitrary<Json> =
    depth <= 0
      ? leaf
      : fc.oneof({ weight: 4, arbitrary: leaf }, { weight: 1, arbitrary: patternObject(depth - 1, 2) });
  const entries = fc.uniqueArray(fc.tuple(key, value), {
    minLength: 1,
    maxLength: maxKeys,
    selector: (entry) => entry[0],
  });
  const orGroup =
    depth <= 0
      ? fc.constant(null)
      : fc.oneof(
          { weight: 3, arbitrary: fc.constant(null) },
          {
            weight: 1,
            arbitrary: fc
              .tuple(
                fc.array(patternObject(depth - 1, 2), { minLength: 2, maxLength: 3 }),
                fc.nat(),
                validMatcher,
              )
              .map(([branches, pick, extra]) =>
                pick % 3 === 0 ? shareField(branches, pick, extra) : branches,
              ),
          },
        );
  const arb = fc.tuple(entries, orGroup).map(([fields, or]) => {
    const out = objectOf(fields);
    if (or !== null) out.$or = or;
    return out;
  });
  patternCache.set(cacheKey, arb);
  return arb;
}

// ---------------------------------------------------------------------------------------------
// Invalid patterns
// ---------------------------------------------------------------------------------------------

/** Matchers event-ruler must reject (each for a different reason), plus a few odd-but-valid ones. */
export const SUSPECT_MATCHERS: readonly Json[] = [
  {},
  { prefix: 1 },
  { prefix: null },
  { prefix: ["a"] },
  { prefix: "a", suffix: "b" },
  { suffix: 1 },
  { foo: "x" },
  { Prefix: "a" },
  { contains: "a" },
  { regex: "a" },
  { "not-wildcard": "a" },
  { "equals-ignore-case": 1 },
  { "equals-ignore-case": ["a"] },
  { prefix: { "equals-ignore-case": 1 } },
  { prefix: { foo: "a" } },
  { prefix: {} },
  { suffix: { "equals-ignore-case": "a", x: 1 } },
  { wildcard: "a**b" },
  { wildcard: "**" },
  { wildcard: "a\\b" },
  { wildcard: "\\" },
  { wildcard: "a\\" },
  { wildcard: "\\\\**" },
  { wildcard: 1 },
  { "anything-but": [] },
  { "anything-but": ["a", 1] },
  { "anything-but": null },
  { "anything-but": true },
  { "anything-but": [true] },
  { "anything-but": [null] },
  { "anything-but": { prefix: "" } },
  { "anything-but": { suffix: "" } },
  { "anything-but": { prefix: 1 } },
  { "anything-but": { prefix: [1] } },
  { "anything-but": { foo: "a" } },
  { "anything-but": { "equals-ignore-case": 1 } },
  { "anything-but": { "equals-ignore-case": [1] } },
  { "anything-but": { "equals-ignore-case": [] } },
  { "anything-but": { wildcard: "a**" } },
  { "anything-but": { wildcard: [] } },
  { "anything-but": { exists: true } },
  { "anything-but": { numeric: [">", 1] } },
  { "anything-but": { prefix: "a", suffix: "b" } },
  { "anything-but": {} },
  { "anything-but": [[]] },
  { "anything-but": [1.5, 1e300] },
  { "anything-but": 12345678901234567000 },
  { numeric: [] },
  { numeric: [">"] },
  { numeric: [">", "1"] },
  { numeric: ["=", "a"] },
  { numeric: ["!=", 1] },
  { numeric: ["<", 1, ">", 0] },
  { numeric: [">", 5, "<", 1] },
  { numeric: [">", 1, "<", 1] },
  { numeric: [">=", 1, "<=", 1] },
  { numeric: [">", 1, ">", 2] },
  { numeric: [">", 0, "<=", 5, "<", 9] },
  { numeric: ["=", 1, 2] },
  { numeric: ["<=", 1e300] },
  { numeric: ["=", 0.1234567] },
  { numeric: ["=", 12345678901234567000] },
  { numeric: ["=", -0] },
  { numeric: ">" },
  { numeric: 5 },
  { numeric: [">", null] },
  { numeric: [">", 1, "<"] },
  { numeric: [">", 1, 5] },
  { exists: "true" },
  { exists: 1 },
  { exists: null },
  { exists: true, prefix: "a" },
  { cidr: "10.0.0.0/33" },
  { cidr: "10.0.0.0" },
  { cidr: "10.0.0/24" },
  { cidr: "256.0.0.0/8" },
  { cidr: "::/129" },
  { cidr: "abc" },
  { cidr: 10 },
  { cidr: "10.0.0.0/-1" },
  { cidr: "2001:db8::/" },
  { cidr: " 10.0.0.0/8" },
  { cidr: "10.0.0.0/08" },
  { cidr: "2001:db8::1/128" },
  { cidr: "10.0.0.1/32" },
  { cidr: "::1/128" },
  { "anything-but": 5e-324 },
  { numeric: [">", 5e-324] },
  { exactly: 1 },
  { exactly: "a", prefix: "b" },
  { exactly: "abc" },
  ["a"],
  [],
  { $or: [{ a: ["x"] }, { b: ["y"] }] },
  { a: ["x"] },
  { prefix: "" },
  { suffix: "" },
  { "equals-ignore-case": "" },
  { wildcard: "" },
  { wildcard: "*" },
  { "anything-but": "" },
  { "anything-but": [""] },
  { "anything-but": { suffix: ["a", ""] } },
];

/** Applies one mutation at a random place of a valid pattern. */
function mutate(pattern: JsonObject, choice: number, pick: number, replacement: Json): Json {
  // Collect the places: paths to leaf arrays and to objects.
  const leaves: string[][] = [];
  const objects: string[][] = [[]];
  const walk = (node: JsonObject, path: string[]): void => {
    for (const [key, value] of Object.entries(node)) {
      if (key === "$or" && Array.isArray(value)) {
        value.forEach((branch, i) => {
          if (isJsonObject(branch)) {
            objects.push([...path, key, String(i)]);
            walk(branch, [...path, key, String(i)]);
          }
        });
      } else if (Array.isArray(value)) {
        leaves.push([...path, key]);
      } else if (isJsonObject(value)) {
        objects.push([...path, key]);
        walk(value, [...path, key]);
      }
    }
  };
  walk(pattern, []);
  const copy = structuredClone(pattern);
  const at = (path: string[]): Json => {
    let node: Json = copy;
    for (const step of path) {
      node = Array.isArray(node)
        ? (node[Number(step)] ?? null)
        : isJsonObject(node)
          ? (node[step] ?? null)
          : null;
    }
    return node;
  };
  const set = (path: string[], value: Json): Json => {
    if (path.length === 0) return value;
    const parent = at(path.slice(0, -1));
    const last = path[path.length - 1] ?? "";
    if (Array.isArray(parent)) parent[Number(last)] = value;
    else if (isJsonObject(parent)) parent[last] = value;
    return copy;
  };
  const leafPath = leaves[pick % Math.max(1, leaves.length)] ?? [];
  const objectPath = objects[pick % objects.length] ?? [];
  switch (choice % 9) {
    case 0: // a suspect matcher inside a leaf array
    case 1: {
      const arr = at(leafPath);
      if (Array.isArray(arr)) arr.splice(pick % (arr.length + 1), 0, replacement);
      return copy;
    }
    case 2: // empty leaf array
      return set(leafPath, []);
    case 3: // a leaf that is not an array
      return set(leafPath, isJsonObject(replacement) || Array.isArray(replacement) ? "x" : replacement);
    case 4: // empty object
      return set(objectPath, {});
    case 5: {
      // broken $or
      const target = at(objectPath);
      if (!isJsonObject(target)) return copy;
      const variants: Json[] = [
        [{ a: ["x"] }],
        [],
        { a: ["x"] },
        [["a"]],
        ["a"],
        [{ a: ["x"] }, {}],
        [{ prefix: ["a"] }, { b: ["x"] }],
        [{ numeric: [">", 0] }, { cidr: "10.0.0.0/8" }],
        [{ a: ["x"] }, { $or: [{ b: ["y"] }] }],
        "x",
        null,
      ];
      target.$or = variants[pick % variants.length] ?? [];
      return copy;
    }
    case 6: // a match expression used as if it were a field
      return set(objectPath, isJsonObject(replacement) ? replacement : { prefix: "a" });
    case 7: // the whole pattern is not an object
      return [null, [], "x", 1, true, [copy]][pick % 6] ?? null;
    default: {
      // a field whose value is a scalar or null
      const target = at(objectPath);
      if (isJsonObject(target)) target.a = [null, "x", 1, true][pick % 4] ?? null;
      return copy;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Events that collide with a pattern
// ---------------------------------------------------------------------------------------------

/** Whether an "$or" value is a group of sub-patterns (rather than a leaf of matchers on a field named "$or"). */
export function isOrGroup(value: Json | undefined): value is JsonObject[] {
  return (
    Array.isArray(value) &&
    value.length > 0 &&
    value.every(
      (branch) =>
        isJsonObject(branch) && Object.values(branch).every((v) => Array.isArray(v) || isJsonObject(v)),
    )
  );
}

const ABSENT = Symbol("absent");
type Slot = Json | typeof ABSENT;

function stringWitness(s: string): fc.Arbitrary<Json> {
  return fc.oneof(
    { weight: 6, arbitrary: fc.constant(s) },
    { weight: 2, arbitrary: fc.constantFrom(...caseVariants(s)) },
    { weight: 1, arbitrary: fragment.map((f) => s + f) },
    { weight: 1, arbitrary: fragment.map((f) => f + s) },
    { weight: 1, arbitrary: str },
  );
}

function numberWitness(n: number): fc.Arbitrary<Json> {
  const near = [n, n + 1e-6, n - 1e-6, n + 1, n - 1, -n, n * 10, n / 10].filter((x) => Number.isFinite(x));
  return fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...near) },
    { weight: 1, arbitrary: fc.constant(String(n)) },
    { weight: 1, arbitrary: num },
  );
}

function wildcardWitness(w: string): fc.Arbitrary<Json> {
  // Split on unescaped '*', unescape the rest, and fill the holes with fragments.
  const parts: string[] = [];
  let current = "";
  for (let i = 0; i < w.length; i++) {
    const c = w.charAt(i);
    if (c === "\\" && i + 1 < w.length) {
      current += w.charAt(i + 1);
      i++;
    } else if (c === "*") {
      parts.push(current);
      current = "";
    } else {
      current += c;
    }
  }
  parts.push(current);
  const holes = parts.length - 1;
  return fc.oneof(
    {
      weight: 4,
      arbitrary: fc
        .array(fragment, { minLength: holes, maxLength: holes })
        .map((fill) => parts.map((p, i) => p + (fill[i] ?? "")).join("")),
    },
    { weight: 1, arbitrary: fc.constant(w) },
    { weight: 1, arbitrary: fc.constantFrom(...caseVariants(parts.join(""))) },
  );
}

function cidrWitness(cidr: string): fc.Arbitrary<Json> {
  const v6 = CIDRS_V6[cidr];
  return fc.constantFrom(...(v6 ?? ipv4Around(cidr)), ...IPS.slice(0, 3));
}

/** A value for one matcher: usually one that satisfies it, or narrowly misses. */
export function witness(matcher: Json): fc.Arbitrary<Slot> {
  if (typeof matcher === "string") return stringWitness(matcher);
  if (typeof matcher === "number") return numberWitness(matcher);
  if (matcher === null || typeof matcher === "boolean") {
    return fc.constantFrom<Json>(matcher, String(matcher), matcher === null ? false : !matcher);
  }
  if (!isJsonObject(matcher)) return scalar;
  const [op, arg] = Object.entries(matcher)[0] ?? ["", null];
  switch (op) {
    case "prefix":
      if (typeof arg === "string") return fragment.chain((f) => stringWitness(arg + f));
      if (isJsonObject(arg) && typeof arg["equals-ignore-case"] === "string") {
        const p = arg["equals-ignore-case"];
        return fc.tuple(fc.constantFrom(...caseVariants(p)), fragment).map(([v, f]) => v + f);
      }
      return scalar;
    case "suffix":
      if (typeof arg === "string") return fragment.chain((f) => stringWitness(f + arg));
      if (isJsonObject(arg) && typeof arg["equals-ignore-case"] === "string") {
        const s = arg["equals-ignore-case"];
        return fc.tuple(fragment, fc.constantFrom(...caseVariants(s))).map(([f, v]) => f + v);
      }
      return scalar;
    case "equals-ignore-case":
    case "exactly":
      return typeof arg === "string" ? stringWitness(arg) : scalar;
    case "wildcard":
      return typeof arg === "string" ? wildcardWitness(arg) : scalar;
    case "anything-but": {
      const values: Json[] = Array.isArray(arg) ? arg : isJsonObject(arg) ? Object.values(arg).flat() : [arg];
      const first = values[0] ?? "x";
      const inner = isJsonObject(arg) ? (Object.keys(arg)[0] ?? "") : "";
      const near =
        typeof first === "number"
          ? numberWitness(first)
          : typeof first === "string"
            ? inner === "wildcard"
              ? wildcardWitness(first)
              : inner === "suffix"
                ? fragment.map((f) => f + first)
                : fragment.map((f) => first + f)
            : scalar;
      return fc.oneof(
        { weight: 2, arbitrary: fc.constantFrom(...values) },
        { weight: 2, arbitrary: near },
        { weight: 1, arbitrary: scalar },
        { weight: 1, arbitrary: fc.constant<Slot>(ABSENT) },
      );
    }
    case "numeric": {
      const bounds = Array.isArray(arg) ? arg.filter((x): x is number => typeof x === "number") : [];
      const candidates = bounds.flatMap((b) => [b, b + 1e-6, b - 1e-6, b + 0.5, b - 0.5, b * 2]);
      const lo = bounds[0];
      const hi = bounds[1];
      if (lo !== undefined && hi !== undefined) candidates.push((lo + hi) / 2);
      return fc.oneof(
        { weight: 6, arbitrary: fc.constantFrom(...(candidates.length > 0 ? candidates : [0])) },
        { weight: 1, arbitrary: fc.constantFrom(...(candidates.length > 0 ? candidates : [0])).map(String) },
        { weight: 1, arbitrary: num },
      );
    }
    case "exists":
      return arg === false
        ? fc.oneof({ weight: 3, arbitrary: fc.constant<Slot>(ABSENT) }, { weight: 1, arbitrary: scalar })
        : fc.oneof(
            { weight: 3, arbitrary: scalar },
            { weight: 1, arbitrary: fc.constant<Slot>(ABSENT) },
            { weight: 1, arbitrary: fc.constantFrom<Json>([], {}, [[]], { b: 1 }) },
          );
    case "cidr":
      return typeof arg === "string" ? cidrWitness(arg) : scalar;
    default:
      return scalar;
  }
}

/** An event value for a leaf array: a witness of one matcher, or an array, or nothing. */
function leafValue(matchers: Json[]): fc.Arbitrary<Slot> {
  const one = fc.constantFrom(...(matchers.length > 0 ? matchers : ["x"])).chain(witness);
  const element = fc.oneof({ weight: 3, arbitrary: one }, { weight: 1, arbitrary: scalar });
  return fc.oneof(
    { weight: 16, arbitrary: one },
    { weight: 1, arbitrary: scalar },
    {
      weight: 3,
      arbitrary: fc
        .array(element, { minLength: 1, maxLength: 3 })
        .map((items) => items.filter((item): item is Json => item !== ABSENT)),
    },
    { weight: 1, arbitrary: fc.constant<Slot>(ABSENT) },
    { weight: 1, arbitrary: fc.constantFrom<Json>([], {}, { b: "x" }, [["x"]]) },
  );
}

/** Places `value` at `key`, splitting dotted keys into nested objects half of the time. */
function place(event: JsonObject, key: string, value: Json, split: boolean): JsonObject {
  const path = split && key.includes(".") ? key.split(".") : [key];
  let fragmentValue: Json = value;
  for (let i = path.length - 1; i >= 0; i--) fragmentValue = objectOf([[path[i] ?? "", fragmentValue]]);
  const merged = deepMerge(event, fragmentValue);
  return isJsonObject(merged) ? merged : event;
}

const eventCache = new WeakMap<JsonObject, fc.Arbitrary<JsonObject>>();

/** An event built to collide with `pattern`. */
export function eventFor(pattern: JsonObject): fc.Arbitrary<JsonObject> {
  const cached = eventCache.get(pattern);
  if (cached) return cached;
  const parts: fc.Arbitrary<JsonObject>[] = [];
  for (const [key, value] of Object.entries(pattern)) {
    if (key === "$or" && isOrGroup(value)) {
      const branches = value;
      parts.push(
        fc
          .subarray(branches, { minLength: 1 })
          .chain((chosen) => fc.tuple(...chosen.map((branch) => eventFor(branch))))
          .map((events) =>
            events.reduce<JsonObject>((acc, e) => {
              const merged = deepMerge(acc, e);
              return isJsonObject(merged) ? merged : acc;
            }, {}),
          ),
      );
      continue;
    }
    let slot: fc.Arbitrary<Slot>;
    if (Array.isArray(value)) {
      slot = leafValue(value);
    } else if (isJsonObject(value)) {
      const nested = eventFor(value);
      slot = fc.oneof(
        { weight: 8, arbitrary: nested },
        { weight: 4, arbitrary: fc.array(nested, { minLength: 1, maxLength: 3 }) },
        {
          weight: 1,
          arbitrary: fc.array(fc.array(nested, { minLength: 1, maxLength: 2 }), { maxLength: 2 }),
        },
        { weight: 1, arbitrary: fc.constant<Slot>(ABSENT) },
        { weight: 1, arbitrary: scalar },
      );
    } else {
      slot = scalar;
    }
    parts.push(
      fc.tuple(slot, fc.boolean()).map(([v, split]) => (v === ABSENT ? {} : place({}, key, v, split))),
    );
  }
  const noise = fc.option(
    fc
      .dictionary(fc.constantFrom(...KEYS, "d", "$or"), scalar, { minKeys: 1, maxKeys: 2 })
      .map((d) => objectOf(Object.entries(d))),
    { freq: 3 },
  );
  const arb = fc.tuple(fc.tuple(...parts), noise).map(([fragments, extra]) => {
    let event: JsonObject = extra ?? {};
    for (const f of fragments) {
      const merged = deepMerge(event, f);
      if (isJsonObject(merged)) event = merged;
    }
    return event;
  });
  eventCache.set(pattern, arb);
  return arb;
}

/** A pattern (valid most of the time) with an event that collides with it. */
export const patternEventPair: fc.Arbitrary<{ pattern: Json; event: JsonObject }> = fc.oneof(
  {
    weight: 3,
    arbitrary: patternObject(2).chain((pattern) => eventFor(pattern).map((event) => ({ pattern, event }))),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(patternObject(2), fc.nat(), fc.nat(), fc.constantFrom(...SUSPECT_MATCHERS))
      .chain(([pattern, choice, pick, replacement]) =>
        eventFor(pattern).map((event) => ({ pattern: mutate(pattern, choice, pick, replacement), event })),
      ),
  },
);

/** Generates `count` pairs deterministically from `seed`. */
export function samplePairs(seed: number, count: number): { pattern: Json; event: JsonObject }[] {
  return fc.sample(patternEventPair, { seed, numRuns: count });
}

/** Events for a fixed pattern (e.g. from a data file), deterministic from `seed`. */
export function sampleEventsFor(pattern: JsonObject, seed: number, count: number): JsonObject[] {
  return fc.sample(eventFor(pattern), { seed, numRuns: count });
}

// ---------------------------------------------------------------------------------------------
// Shapes where event-ruler's sub-rule and field bookkeeping is unreliable
// ---------------------------------------------------------------------------------------------

const PLAIN_KEYS = ["a", "b", "c"] as const;
const noStarWildcard = validMatcher.filter((m) => !JSON.stringify(m).includes('"*'));
const mixedLeaf = fc.array(noStarWildcard, { minLength: 1, maxLength: 3 });
const plainObject = (maxKeys: number) =>
  fc
    .uniqueArray(fc.tuple(fc.constantFrom<string>(...PLAIN_KEYS), mixedLeaf), {
      minLength: 1,
      maxLength: maxKeys,
      selector: (entry) => entry[0],
    })
    .map((entries) => objectOf(entries));

/**
 * Patterns whose "$or" branches share fields with overlapping matcher lists, and fields that mix
 * several kinds of matchers (no *-leading wildcards, no dotted keys) — with colliding events.
 */
export const sharedFieldPair: fc.Arbitrary<{ pattern: JsonObject; event: JsonObject }> = fc
  .tuple(
    fc.option(plainObject(2), { freq: 2 }),
    fc.array(plainObject(2), { minLength: 2, maxLength: 3 }),
    fc.nat(),
    noStarWildcard,
  )
  .map(([outside, branches, pick, extra]) => {
    const pattern = objectOf(Object.entries(outside ?? {}));
    pattern.$or = shareField(branches, pick, extra);
    return pattern;
  })
  .chain((pattern) => eventFor(pattern).map((event) => ({ pattern, event })));
