import fc from "fast-check";
import { describe, expect, it, vi } from "vitest";
import { RouteEnds } from "../../../../engine/pattern/automaton/automaton-state.js";
import { JoinedTransitions } from "../../../../engine/pattern/automaton/joined-transitions.js";
import { compilePattern, PatternIndex } from "../../../../engine/pattern/index.js";
import { PatternProgram } from "../../../../engine/pattern/walk/compiled-pattern.js";
import { samplePairs, sharedFieldPair } from "../../../conformance/support/generators.js";
import { asciiJson, matchViaBytes } from "../support/bytes.js";

/**
 * PatternIndex decides most branches in its automaton and sends the rest (and odd events) down the
 * exact per-branch walk. Whatever route a pattern takes, the answer must be the one compilePattern
 * gives that pattern alone: checked here on generated pattern/event pairs (the conformance suite's
 * generators, whose single-pattern answers are checked against event-ruler), many patterns per index.
 */
function expectSameAsAlone(patterns: readonly unknown[], events: readonly unknown[]): number {
  const index = new PatternIndex<number>();
  const alone: { key: number; matches: (e: unknown) => boolean }[] = [];
  patterns.forEach((pattern, key) => {
    try {
      index.add(key, pattern);
      const compiled = compilePattern(pattern);
      alone.push({ key, matches: (e) => compiled.matches(e) });
    } catch {
      // Rejected patterns are not added (the rejection itself is tested elsewhere).
    }
  });
  let matched = 0;
  for (const event of events) {
    const expected = alone.filter((p) => p.matches(event)).map((p) => p.key);
    const got = index.match(event);
    if (JSON.stringify(got) !== JSON.stringify(expected)) {
      const missing = expected.filter((k) => !got.includes(k));
      const extra = got.filter((k) => !expected.includes(k));
      throw new Error(
        `event ${JSON.stringify(event)}: missing ${JSON.stringify(missing.map((k) => patterns[k]))}, ` +
          `extra ${JSON.stringify(extra.map((k) => patterns[k]))}`,
      );
    }
    matched += got.length;
    // The same event as JSON text: matchText reads it without JSON.parse where it can, and must
    // answer as match does on the parsed text (JSON.stringify drops what JSON cannot say).
    let text: string | undefined;
    try {
      text = JSON.stringify(event);
    } catch {
      text = undefined;
    }
    if (text !== undefined) {
      const parsed = index.match(JSON.parse(text));
      expect(index.matchText(text), text).toEqual(parsed);
      // And as bytes (the text's ASCII spelling, which matchBytes reads itself where matchText does).
      expect(matchViaBytes(index, asciiJson(text)), text).toEqual(parsed);
    }
  }
  return matched;
}

describe("PatternIndex automaton against each pattern alone", () => {
  it("agrees on 3,000 generated pairs, 150 patterns per index, every event against every pattern", () => {
    const pairs = samplePairs(20_261_121, 3_000);
    let matched = 0;
    for (let g = 0; g < pairs.length; g += 150) {
      const group = pairs.slice(g, g + 150);
      matched += expectSameAsAlone(
        group.map((p) => p.pattern),
        group.map((p) => p.event),
      );
    }
    // The groups must exercise matches, not only misses.
    expect(matched).toBeGreaterThan(1_000);
  });

  it("agrees on patterns sharing fields across $or branches (machine-state sharing)", () => {
    const pairs = fc.sample(sharedFieldPair, { seed: 7, numRuns: 1_200 });
    for (let g = 0; g < pairs.length; g += 100) {
      const group = pairs.slice(g, g + 100);
      expectSameAsAlone(
        group.map((p) => p.pattern),
        group.map((p) => p.event),
      );
    }
  });
});

// Arrays of objects, nested arrays, scalar arrays and dotted keys colliding with nested paths.
const scalar = fc.constantFrom("a", "b", "1", 1, 2, true, null);
const eventKey = fc.constantFrom("k", "v", "w", "x.y");
const element = fc.dictionary(
  eventKey,
  fc.oneof(
    scalar,
    fc.array(scalar, { maxLength: 2 }),
    fc.dictionary(fc.constantFrom("y", "z"), scalar, { maxKeys: 2 }),
    fc.array(fc.dictionary(eventKey, scalar, { maxKeys: 2 }), { maxLength: 2 }),
  ),
  { maxKeys: 3 },
);
const arrayEvent = fc.record({
  source: fc.constantFrom("s", "t"),
  r: fc.oneof(fc.array(element, { maxLength: 3 }), element),
  q: fc.oneof(fc.array(element, { maxLength: 2 }), scalar),
  "r.k": fc.option(scalar),
});
const condition = fc.oneof(
  scalar.map((x) => [x]),
  fc.constant([{ exists: true }]),
  fc.constant([{ exists: false }]),
  fc.constant([{ prefix: "a" }]),
  fc.constant([{ "anything-but": ["a"] }]),
);
const fieldKey = fc.constantFrom("k", "v", "w", "x");
const arrayPattern = fc
  .record({
    source: fc.option(fc.constant(["s"])),
    r: fc.dictionary(
      fieldKey,
      fc.oneof(condition, fc.dictionary(fc.constantFrom("y", "z"), condition, { minKeys: 1, maxKeys: 2 })),
      { minKeys: 1, maxKeys: 3 },
    ),
    q: fc.option(fc.dictionary(fieldKey, condition, { minKeys: 1, maxKeys: 2 })),
  })
  .map(({ source, r, q }) => ({ ...(source ? { source } : {}), r, ...(q ? { q } : {}) }));

describe("PatternIndex automaton on arrays of objects", () => {
  it("agrees with each pattern alone (array consistency decided from leaves or by the exact walk)", () => {
    let matched = 0;
    for (let seed = 1; seed <= 12; seed++) {
      matched += expectSameAsAlone(
        fc.sample(arrayPattern, { seed, numRuns: 150 }),
        fc.sample(arrayEvent, { seed: seed + 1_000, numRuns: 150 }),
      );
    }
    expect(matched).toBeGreaterThan(500);
  });
});

const ec2 = { source: ["aws.ec2"] };

/** Table: [name, patterns, event, expected keys]. Each case is also checked against compilePattern. */
const CASES: [string, unknown[], unknown, number[]][] = [
  [
    "prefixes sharing a long beginning",
    [
      { a: [{ prefix: "arn:aws:ec2:" }] },
      { a: [{ prefix: "arn:aws:ecs:" }] },
      { a: [{ prefix: "arn:aws:ec2:us" }] },
      { a: [{ prefix: "" }] },
    ],
    { a: "arn:aws:ec2:us-east-1" },
    [0, 2, 3],
  ],
  [
    "suffixes",
    [{ a: [{ suffix: ".png" }] }, { a: [{ suffix: "png" }] }, { a: [{ suffix: ".jpg" }] }],
    { a: "x.png" },
    [0, 1],
  ],
  ["suffix longer than the value", [{ a: [{ suffix: "long.png" }] }], { a: ".png" }, []],
  [
    "wildcards indexed by first and last segment",
    [
      { a: [{ wildcard: "ab*yz" }] },
      { a: [{ wildcard: "*yz" }] },
      { a: [{ wildcard: "*" }] },
      { a: [{ wildcard: "ab*q" }] },
    ],
    { a: "ab-xyz" },
    [0, 1, 2],
  ],
  [
    "equals-ignore-case, ASCII and not",
    [{ a: [{ "equals-ignore-case": "HeLLo" }] }, { a: [{ "equals-ignore-case": "ÄBC" }] }],
    { a: "hello" },
    [0],
  ],
  ["equals-ignore-case non-ASCII", [{ a: [{ "equals-ignore-case": "ÄBC" }] }], { a: "äbc" }, [0]],
  [
    "numeric ranges, open and closed ends",
    [
      { n: [{ numeric: [">", 0, "<=", 5] }] },
      { n: [{ numeric: [">=", 5] }] },
      { n: [{ numeric: ["<", 5] }] },
      { n: [5] },
    ],
    { n: 5 },
    [0, 1, 3],
  ],
  ["a numeric range does not match a string", [{ n: [{ numeric: [">", 0] }] }], { n: "5" }, []],
  [
    "cidr over IPv4 values",
    [
      { ip: [{ cidr: "10.0.0.0/8" }] },
      { ip: [{ cidr: "10.1.0.0/16" }] },
      { ip: [{ cidr: "192.168.0.0/16" }] },
      { ip: ["10.1.2.3"] },
    ],
    { ip: "10.1.2.3" },
    [0, 1, 3],
  ],
  [
    "cidr against an IPv6 value",
    [{ ip: [{ cidr: "10.0.0.0/8" }] }, { ip: [{ cidr: "2001:db8::/32" }] }],
    { ip: "2001:db8::1" },
    [1],
  ],
  [
    "exists and exists:false",
    [{ a: [{ exists: true }] }, { b: [{ exists: false }] }, { a: [{ exists: false }] }],
    { a: null },
    [0, 1],
  ],
  [
    "anything-but",
    [
      { a: [{ "anything-but": ["x"] }] },
      { a: [{ "anything-but": ["y"] }] },
      { a: [{ "anything-but": { prefix: "y" } }] },
    ],
    { a: "y1" },
    [0, 1],
  ],
  ["dotted event keys reach nested paths", [{ a: { b: ["v"] } }], { "a.b": "v" }, [0]],
  [
    "shared leading conditions",
    [{ ...ec2, d: ["1"] }, { ...ec2, d: ["2"] }, { ...ec2 }],
    { source: "aws.ec2", d: "2" },
    [1, 2],
  ],
  [
    "array of objects: values from one element only",
    [{ r: { k: ["a"], v: ["2"] } }, { r: { k: ["a"], v: ["1"] } }],
    {
      r: [
        { k: "a", v: "1" },
        { k: "b", v: "2" },
      ],
    },
    [1],
  ],
  [
    "one field in an array of objects",
    [{ ...ec2, r: { k: ["b"] } }],
    { source: "aws.ec2", r: [{ k: "a" }, { k: "b" }] },
    [0],
  ],
  [
    "exists:false beside array elements",
    [{ r: { k: ["a"], z: [{ exists: false }] } }],
    { r: [{ k: "a" }, { k: "b", z: 1 }] },
    [0],
  ],
  [
    "exists:false, the path present in the same element",
    [{ r: { k: ["a"], z: [{ exists: false }] } }],
    { r: [{ k: "a", z: 1 }] },
    [],
  ],
  ["scalar arrays", [{ a: ["x"] }, { a: [1] }], { a: ["y", "x", 1] }, [0, 1]],
  [
    "a suffix reaching into the opening quote",
    [{ a: [{ suffix: '"' }] }, { a: [{ prefix: 'x"' }] }],
    { a: "" },
    [0],
  ],
  [
    "a prefix reaching into the closing quote",
    [{ a: [{ prefix: 'x"' }] }, { a: [{ wildcard: 'x"*' }] }, { a: [{ wildcard: "x*" }] }],
    { a: "x" },
    [0, 2],
  ],
  [
    "a lone surrogate reads as '?'",
    [{ a: [{ "equals-ignore-case": "?" }] }, { a: [{ prefix: "?" }] }],
    { a: "\ud800" },
    [0, 1],
  ],
  ["an empty key sends the event down the exact route", [{ a: ["x"] }], { a: "x", "": 1 }, [0]],
  [
    "a Date (toJSON) sends the event down the exact route",
    [{ a: ["x"] }],
    { a: "x", when: new Date(0) },
    [0],
  ],
  [
    "a non-finite number makes the event unreadable",
    [{ a: ["x"] }],
    { a: "x", n: Number.POSITIVE_INFINITY },
    [],
  ],
  ["not an object", [{ a: ["x"] }], ["x"], []],
];

describe("PatternIndex automaton cases", () => {
  it.each(CASES)("%s", (_name, patterns, event, expected) => {
    const index = new PatternIndex<number>();
    patterns.forEach((p, k) => {
      index.add(k, p);
    });
    expect(index.match(event)).toEqual(expected);
    expect(patterns.flatMap((p, k) => (compilePattern(p).matches(event) ? [k] : []))).toEqual(expected);
  });

  it("decides plain branches in the automaton, with no per-branch walk", () => {
    const walk = vi.spyOn(PatternProgram.prototype, "matchesAlternative");
    try {
      const index = new PatternIndex<number>();
      for (let i = 0; i < 2_000; i++) {
        index.add(i, { source: [`svc.${i % 50}`], detail: { id: [i], kind: [{ prefix: `k${i % 7}` }] } });
      }
      let total = 0;
      for (let i = 0; i < 500; i++)
        total += index.match({ source: `svc.${i % 50}`, detail: { id: i, kind: `k${i % 7}x` } }).length;
      expect(total).toBe(500);
      expect(walk).not.toHaveBeenCalled();
    } finally {
      walk.mockRestore();
    }
  });

  it("answers an event whose getter matches another event on the same index", () => {
    const index = new PatternIndex<number>();
    index.add(0, { a: ["x"] });
    index.add(1, { b: ["y"] });
    let inner: number[] = [];
    const event = {
      a: "x",
      get b() {
        inner = index.match({ b: "y" });
        return "y";
      },
    };
    expect(index.match(event)).toEqual([0, 1]);
    expect(inner).toEqual([1]);
  });

  it("decides array consistency from the leaves, and walks only nested arrays", () => {
    const walk = vi.spyOn(PatternProgram.prototype, "matchesAlternative");
    try {
      const index = new PatternIndex<number>();
      index.add(0, { r: { k: ["a"], v: ["1"] } });
      index.add(1, { source: ["x"], r: { k: ["a"] } });
      index.add(2, { n: { r: { k: ["a"], v: ["1"] } } });
      expect(
        index.match({
          source: "x",
          r: [
            { k: "a", v: "2" },
            { k: "b", v: "1" },
          ],
        }),
      ).toEqual([1]);
      expect(
        index.match({
          source: "x",
          r: [
            { k: "b", v: "2" },
            { k: "a", v: "1" },
          ],
        }),
      ).toEqual([0, 1]);
      expect(walk).not.toHaveBeenCalled();
      expect(index.match({ n: [{ r: [{ k: "a", v: "1" }] }] })).toEqual([2]);
      expect(walk).toHaveBeenCalledTimes(1);
    } finally {
      walk.mockRestore();
    }
  });
});

describe("PatternIndex answer order", () => {
  it.each([1, 5, 16, 17, 40, 300])("lists %i matches in the order their keys were first added", (n) => {
    const index = new PatternIndex<string>();
    // Keys added in an order unrelated to the automaton's (paths and values vary per key).
    const keys = Array.from({ length: n }, (_, i) => `k${(i * 7919) % 1000}`);
    keys.forEach((key, i) => {
      index.add(key, i % 3 === 0 ? { a: [{ prefix: `${i % 5}` }] } : { [`p${i % 11}`]: [{ exists: true }] });
    });
    const event: Record<string, string> = { a: "01234" };
    for (let p = 0; p < 11; p++) event[`p${p}`] = "x";
    const expected = keys.filter((_, i) => i % 3 !== 0 || "01234".startsWith(`${i % 5}`));
    expect(index.match(event)).toEqual(expected);
    expect(index.matchText(JSON.stringify(event))).toEqual(expected);
  });
});

describe("PatternIndex.matchText", () => {
  const index = new PatternIndex<number>();
  index.add(0, { source: ["s"], d: { k: ["a"] } });
  // Nested arrays and $or branches the automaton cannot decide alone take the exact walk, on the
  // text parsed then.
  index.add(1, { r: { k: ["a"], v: ["1"] } });
  index.add(2, { $or: [{ a: [{ prefix: "x" }] }, { b: [{ exists: false }] }] });
  const CASES: [string, string, number[]][] = [
    ["read from the text", '{"source":"s","d":{"k":"a"},"b":1}', [0]],
    ["escapes and whitespace", ' {"source" : "\u0073", "d": {"k": "a"}, "b": null}\n', [0]],
    ["nested arrays (exact walk)", '{"b":1,"r":[[{"k":"a","v":"1"}]]}', [1]],
    ["arrays of objects", '{"b":1,"r":[{"k":"a","v":"2"},{"k":"b","v":"1"}]}', []],
    ["$or with exists false", '{"a":"xy"}', [2]],
    ["array-index key (parsed instead)", '{"1":0,"source":"s","d":{"k":"a"},"b":0}', [0]],
    ["duplicate key (parsed instead: the last wins)", '{"source":"t","source":"s","d":{"k":"a"},"b":0}', [0]],
    ["number out of range (parsed instead)", '{"source":"s","d":{"k":"a"},"b":1e400}', []],
  ];
  it.each(CASES)("%s", (_name, text, expected) => {
    expect(index.matchText(text)).toEqual(expected);
    expect(index.match(JSON.parse(text))).toEqual(expected);
  });

  it("builds no object for an event the automaton decides alone", () => {
    const parse = vi.spyOn(JSON, "parse");
    try {
      expect(index.matchText('{"source":"s","d":{"k":"a"},"b":1}')).toEqual([0]);
      expect(parse).not.toHaveBeenCalled();
      // The exact walk needs the object: parsed once.
      expect(index.matchText('{"b":1,"r":[[{"k":"a","v":"1"}]]}')).toEqual([1]);
      expect(parse).toHaveBeenCalledTimes(1);
    } finally {
      parse.mockRestore();
    }
  });

  it("throws JSON.parse's SyntaxError on text that is not JSON", () => {
    for (const text of ['{"source":"s",}', "", "{", '{"a":01}', "[1]x"])
      expect(() => index.matchText(text), text).toThrow(SyntaxError);
  });

  it("answers a top level that is not an object as match does: no match", () => {
    for (const text of ["[1]", '"s"', "1", "null"]) expect(index.matchText(text)).toEqual([]);
  });
});

describe("PatternIndex automaton indexes with many conditions per field", () => {
  // Values shared between rules so one state holds many conditions of a kind (lists, tries, the
  // anything-but table), including lone surrogates, quotes and non-strings.
  const VALUES: unknown[] = ["a", "ab", "abc", 'a"b', "\uD800", "?", "x", "", 5, -0, null, true, "5"];
  const OPERANDS: ((v: string) => unknown)[] = [
    (v) => v,
    (v) => ({ prefix: v }),
    (v) => ({ suffix: v }),
    (v) => ({ "anything-but": v }),
    (v) => ({ "anything-but": [v, `${v}b`] }),
    (v) => ({ "equals-ignore-case": v.toUpperCase() }),
    (v) => ({ wildcard: `${v}*` }),
  ];
  const STRINGS = ["a", "ab", "abc", 'a"b', "\uD800", "?", "x", "b"];
  const patterns: unknown[] = [];
  for (const make of OPERANDS)
    for (const s of STRINGS) {
      patterns.push({ source: ["s"], f: [make(s)] });
      patterns.push({ f: [make(s)] });
    }
  patterns.push({ source: ["s"], f: [{ "anything-but": [1, 2] }] });
  patterns.push({ f: [{ "anything-but": { prefix: "a" } }] });
  const events = VALUES.flatMap((f) => [{ source: "s", f }, { f }, { source: "s", f: [f, "zz"] }]);

  it("agrees with each pattern alone", () => {
    expect(expectSameAsAlone(patterns, events)).toBeGreaterThan(100);
  });

  it("agrees when patterns are added after matching (the automaton is rebuilt)", () => {
    const index = new PatternIndex<number>();
    const half = Math.floor(patterns.length / 2);
    patterns.forEach((p, k) => {
      if (k === half) index.match(events[0]);
      index.add(k, p);
    });
    for (const event of events)
      expect(index.match(event)).toEqual(
        patterns.flatMap((p, k) => (compilePattern(p).matches(event) ? [k] : [])),
      );
  });
});

describe("PatternIndex automaton joins of exact strings on common paths", () => {
  // Most patterns pin several of the same paths (as rules pin source, detail-type, account and
  // region), which the automaton looks up as one joined key; some put another condition on one of
  // them. Events hold those paths once, several times (arrays), inside arrays of objects, as other
  // types, or not at all.
  const value = fc.oneof(
    { weight: 8, arbitrary: fc.constantFrom("s", "t") },
    { weight: 1, arbitrary: fc.constantFrom("5", "", "\uD800", 'a"b') },
  );
  const pinned = fc.oneof(
    { weight: 6, arbitrary: value.map((v) => [v]) },
    { weight: 1, arbitrary: fc.constant([{ prefix: "s" }]) },
    { weight: 1, arbitrary: fc.constant([{ "anything-but": ["t"] }]) },
    { weight: 1, arbitrary: fc.constant([{ exists: true }]) },
    { weight: 1, arbitrary: fc.constant(["s", "t"]) },
    { weight: 1, arbitrary: fc.constant([5]) },
  );
  const joinPattern = fc
    .record(
      {
        source: pinned,
        account: pinned,
        region: pinned,
        detail: fc.record(
          { kind: pinned, n: fc.constant([{ numeric: [">", 1] }]) },
          { requiredKeys: ["kind"] },
        ),
        list: fc.record({ id: pinned, tag: pinned }, { requiredKeys: [] }),
      },
      { requiredKeys: ["source", "account"] },
    )
    .map((p) => (p.list !== undefined && Object.keys(p.list).length === 0 ? { ...p, list: undefined } : p))
    .map((p) => JSON.parse(JSON.stringify(p)) as unknown);
  const leaf = fc.oneof(
    { weight: 6, arbitrary: value },
    { weight: 1, arbitrary: fc.constantFrom(5, null, true) },
    { weight: 1, arbitrary: fc.array(value, { maxLength: 3 }) },
  );
  const item = fc.record({ id: leaf, tag: leaf }, { requiredKeys: [] });
  const joinEvent = fc.record(
    {
      source: leaf,
      account: leaf,
      region: leaf,
      detail: fc.record({ kind: leaf, n: fc.constantFrom(0, 2) }, { requiredKeys: [] }),
      list: fc.oneof(item, fc.array(item, { maxLength: 3 })),
    },
    { requiredKeys: [] },
  );

  it("agrees with each pattern alone", () => {
    let matched = 0;
    for (let seed = 1; seed <= 10; seed++)
      matched += expectSameAsAlone(
        fc.sample(joinPattern, { seed, numRuns: 120 }),
        fc.sample(joinEvent, { seed: seed + 500, numRuns: 150 }),
      );
    expect(matched).toBeGreaterThan(1_000);
  });

  it("reads what the ends of routes accept where they are filed", () => {
    const report = vi.spyOn(RouteEnds.prototype, "report");
    try {
      const index = new PatternIndex<string>();
      // Ends with one entry, with several (one pattern under three keys), and in a prefix tree;
      // "joined" is accepted by the state after the join, which has fields: not an end.
      index.add("one", { source: ["aws.ec2"], detail: { kind: ["a"] } });
      for (const key of ["x", "y", "z"]) index.add(key, { source: ["aws.ec2"], detail: { kind: ["b"] } });
      index.add("joined", { source: ["aws.ec2"] });
      index.add("p1", { source: ["aws.ec2"], detail: { id: [{ prefix: "i-1" }] } });
      index.add("p2", { source: ["aws.ec2"], detail: { id: [{ prefix: "i-12" }] } });
      const a = { source: "aws.ec2", detail: { kind: "a", id: "i-123" } };
      const b = { source: "aws.ec2", detail: { kind: "b" } };
      expect(index.match(a)).toEqual(["one", "joined", "p1", "p2"]);
      expect(index.matchText(JSON.stringify(b))).toEqual(["x", "y", "z", "joined"]);
      // a: the ends of one, p1 and p2; b: the three-entry end.
      expect(report).toHaveBeenCalledTimes(4);
    } finally {
      report.mockRestore();
    }
  });

  it("looks up pinned paths as one key", () => {
    const spy = vi.spyOn(JoinedTransitions.prototype, "collect");
    try {
      const index = new PatternIndex<number>();
      for (const [k, region] of ["eu-west-1", "us-east-1", "us-west-2"].entries()) {
        index.add(k, { source: ["aws.ec2"], account: ["1"], region: [region] });
        index.add(k + 10, { source: ["aws.ec2"], account: [{ prefix: "1" }], region: [region] });
      }
      const event = { source: "aws.ec2", account: "1", region: "us-east-1" };
      expect(index.match(event)).toEqual([1, 11]);
      expect(index.matchText(JSON.stringify(event))).toEqual([1, 11]);
      // Two lists of joined paths: (source, account, region) and (source, region).
      expect(spy).toHaveBeenCalledTimes(4);
    } finally {
      spy.mockRestore();
    }
  });
});
