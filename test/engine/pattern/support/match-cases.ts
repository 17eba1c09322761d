import type { JsonValue } from "../../../../engine/pattern/index.js";

/**
 * Pattern/event pairs with event-ruler 2.1.0's verdict (each was settled with the event-ruler
 * oracle; oracle-tables.test.ts re-asks it whenever the oracle is built). Grouped by operator.
 */
export interface MatchCase {
  pattern: JsonValue;
  event: JsonValue;
  matches: boolean;
  why: string;
}

const c = (why: string, pattern: JsonValue, event: JsonValue, matches: boolean): MatchCase => ({
  why,
  pattern,
  event,
  matches,
});

export const OPERATOR_CASES: Readonly<Record<string, readonly MatchCase[]>> = {
  exact: [
    c("equal string", { source: ["aws.ec2"] }, { source: "aws.ec2" }, true),
    c("other string", { source: ["aws.ec2"] }, { source: "aws.ecs" }, false),
    c("any value of the list", { state: ["pending", "running"] }, { state: "running" }, true),
    c("case matters", { state: ["running"] }, { state: "RUNNING" }, false),
    c("empty string", { name: [""] }, { name: "" }, true),
    c("empty string is not absent", { name: [""] }, {}, false),
    c("null", { id: [null] }, { id: null }, true),
    c("null is not absent", { id: [null] }, {}, false),
    c("true", { ok: [true] }, { ok: true }, true),
    c("true is not the string", { ok: [true] }, { ok: "true" }, false),
    c("string is not true", { ok: ["true"] }, { ok: true }, false),
    c("number equals numerically", { n: [300] }, { n: 300.0 }, true),
    c("number in exponent form", { n: [3e2] }, { n: 300 }, true),
    c("string never matches a number", { n: ["300"] }, { n: 300 }, false),
    c("number never matches a string", { n: [300] }, { n: "300" }, false),
    c("decimal", { n: [301.8] }, { n: 301.8 }, true),
    c("different number", { n: [301.8] }, { n: 301.9 }, false),
    c("huge integers compare by spelling", { n: [118312207493060290] }, { n: 118312207493060290 }, true),
    c('"exactly" is a plain string match', { ip: [{ exactly: "10.0.0.1" }] }, { ip: "10.0.0.01" }, false),
    c("an IP string matches the address, not the text", { ip: ["10.0.0.1"] }, { ip: "10.0.0.01" }, true),
    c(
      "an IPv6 string matches other spellings",
      { ip: ["2001:db8::1"] },
      { ip: "2001:DB8:0:0:0:0:0:1" },
      true,
    ),
  ],
  prefix: [
    c("prefix", { time: [{ prefix: "2017-10-02" }] }, { time: "2017-10-02T18:43:48Z" }, true),
    c("not a prefix", { time: [{ prefix: "2017-10-02" }] }, { time: "2017-10-03" }, false),
    c("whole string", { v: [{ prefix: "abc" }] }, { v: "abc" }, true),
    c("empty prefix matches any string", { v: [{ prefix: "" }] }, { v: "" }, true),
    c("prefix never matches numbers", { v: [{ prefix: "" }] }, { v: 5 }, false),
    c("case-sensitive", { v: [{ prefix: "ab" }] }, { v: "ABC" }, false),
    c("ignore case", { v: [{ prefix: { "equals-ignore-case": "EventB" } }] }, { v: "eventbridge" }, true),
    c(
      "ignore case, no prefix",
      { v: [{ prefix: { "equals-ignore-case": "EventB" } }] },
      { v: "event" },
      false,
    ),
  ],
  suffix: [
    c("suffix", { f: [{ suffix: ".png" }] }, { f: "a.png" }, true),
    c("not a suffix", { f: [{ suffix: ".png" }] }, { f: "a.PNG" }, false),
    c("ignore case", { f: [{ suffix: { "equals-ignore-case": ".png" } }] }, { f: "A.PNG" }, true),
    c(
      "ignore case, other suffix",
      { f: [{ suffix: { "equals-ignore-case": ".png" } }] },
      { f: "a.jpg" },
      false,
    ),
    c("empty suffix matches any string", { f: [{ suffix: "" }] }, { f: "x" }, true),
    c("suffix never matches null", { f: [{ suffix: "ll" }] }, { f: null }, false),
  ],
  "equals-ignore-case": [
    c("other case", { n: [{ "equals-ignore-case": "alice" }] }, { n: "ALICE" }, true),
    c("other letters", { n: [{ "equals-ignore-case": "alice" }] }, { n: "alicia" }, false),
    c("ß upper-cases to SS", { n: [{ "equals-ignore-case": "ß" }] }, { n: "SS" }, true),
    c("but not to ss", { n: [{ "equals-ignore-case": "ß" }] }, { n: "ss" }, false),
    c("a title-case letter does not match itself", { n: [{ "equals-ignore-case": "ǅ" }] }, { n: "ǅ" }, false),
    c("Kelvin sign lower-cases to k", { n: [{ "equals-ignore-case": "\u212a" }] }, { n: "k" }, true),
    c("emoji halves only match '?'", { n: [{ "equals-ignore-case": "😀" }] }, { n: "😀" }, false),
  ],
  wildcard: [
    c("star in the middle", { p: [{ wildcard: "dir/*.png" }] }, { p: "dir/a/b.png" }, true),
    c("star matches nothing", { p: [{ wildcard: "dir/*.png" }] }, { p: "dir/.png" }, true),
    c("literal parts must match", { p: [{ wildcard: "dir/*.png" }] }, { p: "dir/a.jpg" }, false),
    c("escaped star is literal", { p: [{ wildcard: "a\\*c" }] }, { p: "a*c" }, true),
    c("escaped star is not a wildcard", { p: [{ wildcard: "a\\*c" }] }, { p: "abc" }, false),
    c("escaped backslash", { p: [{ wildcard: "a\\\\c" }] }, { p: "a\\c" }, true),
    c("lone star matches the empty string", { p: [{ wildcard: "*" }] }, { p: "" }, true),
    c("wildcards never match numbers", { p: [{ wildcard: "*" }] }, { p: 5 }, false),
    c("no star is an exact match", { p: [{ wildcard: "abc" }] }, { p: "abcd" }, false),
  ],
  "anything-but": [
    c("other string", { s: [{ "anything-but": "initializing" }] }, { s: "running" }, true),
    c("named string", { s: [{ "anything-but": "initializing" }] }, { s: "initializing" }, false),
    c("string list", { s: [{ "anything-but": ["stopped", "overloaded"] }] }, { s: "stopped" }, false),
    c("numbers", { x: [{ "anything-but": [100, 200] }] }, { x: 100.0 }, false),
    c("other number", { x: [{ "anything-but": [100, 200] }] }, { x: 150 }, true),
    c("a string anything-but matches numbers", { x: [{ "anything-but": "x" }] }, { x: 5 }, true),
    c("a numeric anything-but matches strings", { x: [{ "anything-but": [5] }] }, { x: "5" }, true),
    c("anything-but matches null", { x: [{ "anything-but": "x" }] }, { x: null }, true),
    c("anything-but needs the field", { x: [{ "anything-but": "x" }] }, {}, false),
    c("prefix", { r: [{ "anything-but": { prefix: "us-" } }] }, { r: "eu-west-1" }, true),
    c("prefix excluded", { r: [{ "anything-but": { prefix: "us-" } }] }, { r: "us-east-1" }, false),
    c("prefix list", { r: [{ "anything-but": { prefix: ["us-", "eu-"] } }] }, { r: "eu-west-1" }, false),
    c("suffix", { f: [{ "anything-but": { suffix: ".png" } }] }, { f: "a.jpg" }, true),
    c("suffix excluded", { f: [{ "anything-but": { suffix: ".png" } }] }, { f: "a.png" }, false),
    c("ignore case", { s: [{ "anything-but": { "equals-ignore-case": "init" } }] }, { s: "INIT" }, false),
    c(
      "ignore case, other",
      { s: [{ "anything-but": { "equals-ignore-case": ["init", "x"] } }] },
      { s: "run" },
      true,
    ),
    c("wildcard", { f: [{ "anything-but": { wildcard: "*/lib/*" } }] }, { f: "a/lib/b" }, false),
    c("wildcard, other", { f: [{ "anything-but": { wildcard: "*/lib/*" } }] }, { f: "a/bin/b" }, true),
  ],
  numeric: [
    c("range inside", { c: [{ numeric: [">", 0, "<=", 5] }] }, { c: 5 }, true),
    c("range open bottom", { c: [{ numeric: [">", 0, "<=", 5] }] }, { c: 0 }, false),
    c("less than", { c: [{ numeric: ["<", 10] }] }, { c: -1e9 }, true),
    c("less than, bound excluded", { c: [{ numeric: ["<", 10] }] }, { c: 10 }, false),
    c("at least", { c: [{ numeric: [">=", 10] }] }, { c: 10 }, true),
    c("equals", { c: [{ numeric: ["=", 3.018e2] }] }, { c: 301.8 }, true),
    c("numbers only", { c: [{ numeric: [">", 0] }] }, { c: "5" }, false),
    c("full double range", { c: [{ numeric: [">", 1e300] }] }, { c: 1.7976931348623157e308 }, true),
    c(
      "a number Java prints differently is not compared",
      { c: [{ numeric: [">", 0] }] },
      { c: 5e-324 },
      false,
    ),
    c("nor is a large integer Java rounds", { c: [{ numeric: [">", 0] }] }, { c: 118312207493060290 }, false),
  ],
  exists: [
    c("present", { s: [{ exists: true }] }, { s: "x" }, true),
    c("null counts as present", { s: [{ exists: true }] }, { s: null }, true),
    c("absent", { s: [{ exists: true }] }, {}, false),
    c("an empty array has no value", { s: [{ exists: true }] }, { s: [] }, false),
    c("an object is not a leaf", { s: [{ exists: true }] }, { s: { t: 1 } }, false),
    c("exists false, absent", { s: [{ exists: false }] }, { t: 1 }, true),
    c("exists false, present", { s: [{ exists: false }] }, { s: 1 }, false),
    c("exists false on an object field", { s: [{ exists: false }] }, { s: { t: 1 } }, true),
    c("exists false on an empty array", { s: [{ exists: false }] }, { s: [] }, true),
  ],
  cidr: [
    c("IPv4 inside", { ip: [{ cidr: "10.0.0.0/24" }] }, { ip: "10.0.0.255" }, true),
    c("IPv4 outside", { ip: [{ cidr: "10.0.0.0/24" }] }, { ip: "10.0.1.0" }, false),
    c("IPv6 inside", { ip: [{ cidr: "2001:db8::/32" }] }, { ip: "2001:DB8::1" }, true),
    c("IPv6 outside", { ip: [{ cidr: "2001:db8::/32" }] }, { ip: "2001:db9::1" }, false),
    c("leading zeros are decimal", { ip: [{ cidr: "10.0.0.0/24" }] }, { ip: "010.000.000.001" }, true),
    c("not an address", { ip: [{ cidr: "10.0.0.0/24" }] }, { ip: "10.0.0" }, false),
    c("IPv4-mapped IPv6 reads as IPv4", { ip: [{ cidr: "1.2.3.0/24" }] }, { ip: "::ffff:102:304" }, true),
    c(
      "an IPv4 CIDR compares the first 8 hex digits of IPv6",
      { ip: [{ cidr: "0.0.0.0/8" }] },
      { ip: "::1" },
      true,
    ),
    c("a CIDR also runs over a number's spelling", { ip: [{ cidr: "::/0" }] }, { ip: 1 }, true),
  ],
  $or: [
    c("first branch", { $or: [{ a: ["x"] }, { b: ["y"] }] }, { a: "x" }, true),
    c("second branch", { $or: [{ a: ["x"] }, { b: ["y"] }] }, { b: "y" }, true),
    c("neither", { $or: [{ a: ["x"] }, { b: ["y"] }] }, { a: "y" }, false),
    c("with a common field", { s: ["e"], $or: [{ a: ["x"] }, { b: ["y"] }] }, { b: "y" }, false),
    c("nested", { $or: [{ a: ["x"] }, { $or: [{ b: ["y"] }, { c: ["z"] }] }] }, { c: "z" }, true),
    c("inside an object", { d: { $or: [{ a: [1] }, { b: [2] }] } }, { d: { b: 2 } }, true),
    c("a later duplicate path wins", { a: ["x"], $or: [{ a: ["y"] }, { b: ["z"] }] }, { a: "y" }, true),
    c('"$or" with one object is a field name', { $or: [{ prefix: "x" }] }, { $or: "xy" }, true),
  ],
  paths: [
    c("nested objects", { detail: { state: ["on"] } }, { detail: { state: "on" } }, true),
    c("dotted key in the event", { detail: { state: ["on"] } }, { "detail.state": "on" }, true),
    c("dotted key in the pattern", { "detail.state": ["on"] }, { detail: { state: "on" } }, true),
    c("any element of an array", { r: ["b"] }, { r: ["a", "b"] }, true),
    c("nested arrays", { r: ["b"] }, { r: [["a"], ["b"]] }, true),
    c("objects in arrays", { r: { id: [2] } }, { r: [{ id: 1 }, { id: 2 }] }, true),
    c("not a prefix of the path", { detail: ["on"] }, { detail: { state: "on" } }, false),
    c("__proto__ is a plain key", JSON.parse('{"__proto__":["x"]}'), JSON.parse('{"__proto__":"x"}'), true),
    c("a trailing empty key step is invisible", { a: { "": [1] } }, { a: { "": 1 } }, false),
    c("a leading empty key step is dropped", { "": { a: [1] } }, { a: 1 }, true),
  ],
};

/** All fields of one pattern branch must come from the same element of any array they share. */
export const ARRAY_CASES: readonly MatchCase[] = [
  c(
    "fields from one element",
    { r: { type: ["A"], id: [1] } },
    {
      r: [
        { type: "A", id: 1 },
        { type: "B", id: 2 },
      ],
    },
    true,
  ),
  c(
    "fields from different elements",
    { r: { type: ["A"], id: [2] } },
    {
      r: [
        { type: "A", id: 1 },
        { type: "B", id: 2 },
      ],
    },
    false,
  ),
  c(
    "outer and inner arrays",
    { o: { i: { a: [1], b: [2] } } },
    {
      o: [
        {
          i: [
            { a: 1, b: 9 },
            { a: 9, b: 2 },
          ],
        },
      ],
    },
    false,
  ),
  c(
    "same inner element",
    { o: { i: { a: [1], b: [2] } } },
    {
      o: [
        {
          i: [
            { a: 9, b: 9 },
            { a: 1, b: 2 },
          ],
        },
      ],
    },
    true,
  ),
  c(
    "a field outside the array goes with any element",
    { top: ["t"], r: { id: [2] } },
    { top: "t", r: [{ id: 1 }, { id: 2 }] },
    true,
  ),
  c(
    "exists false looks only at the element chosen so far",
    { x: { b: ["1"], c: [{ exists: false }] } },
    { x: [{ c: 1 }, { b: "1" }] },
    true,
  ),
  c(
    "but not when the absent field sorts first",
    { x: { a: [{ exists: false }], b: ["1"] } },
    { x: [{ a: 1 }, { b: "1" }] },
    false,
  ),
  c(
    "a dotted key outside the constrained array is not seen",
    { x: { a: [2], b: [7] } },
    { x: [{ a: 1, b: 5 }, { a: 2 }], "x.b": 7 },
    false,
  ),
  // b.c.c has values in two arrays the match has committed to; event-ruler keeps the values of the
  // first of them in its map's order (by array number: array 0 before array 1).
  c(
    "values in two committed arrays: those of the array event-ruler's map lists first",
    { "b.c": { a: ["ß"], "a.b.c": [""], c: ["bc"] } },
    { b: { c: [{ a: { "b.c": "" }, c: "bc" }] }, "b.c": [{ c: "", a: "ß" }] },
    true,
  ),
  c(
    "the same arrays numbered the other way round",
    { "b.c": { a: ["ß"], "a.b.c": [""], c: ["bc"] } },
    { "b.c": [{ c: "", a: "ß" }], b: { c: [{ a: { "b.c": "" }, c: "bc" }] } },
    false,
  ),
  c(
    "arrays under members no pattern path names take no number",
    { "b.c": { a: ["ß"], "a.b.c": [""], c: ["bc"] } },
    { z: [0], b: { c: [{ a: { "b.c": "" }, c: "bc" }] }, "b.c": [{ c: "", a: "ß" }] },
    true,
  ),
  c(
    "arrays under members a pattern path names do",
    { "b.c": { a: ["ß"], "a.b.c": [""], c: ["bc"] }, z: [0] },
    { z: [0], b: { c: [{ a: { "b.c": "" }, c: "bc" }] }, "b.c": [{ c: "", a: "ß" }] },
    false,
  ),
];

/**
 * event-ruler 2.1.0 behaviours that come from how its state machine is built, reproduced because
 * EventBridge runs event-ruler (see docs/eventbridge-parity.md).
 */
export const MACHINE_CASES: readonly MatchCase[] = [
  c("$or branches sharing a value", { $or: [{ a: ["x", "y"] }, { a: ["x"] }] }, { a: "y" }, true),
  c(
    "ignore-case added after a leading-'*' wildcard matches its own value",
    { a: [{ wildcard: "*b" }, { "equals-ignore-case": "x" }] },
    { a: "X" },
    true,
  ),
  c(
    "ignore-case added before a leading-'*' wildcard",
    { a: [{ "equals-ignore-case": "b" }, { wildcard: "*x" }] },
    { a: "q" },
    false,
  ),
  c(
    "a numeric matcher in a shared field stops CIDR matching numbers",
    { $or: [{ c: [{ cidr: "::/0" }] }, { c: [5] }] },
    { c: 1 },
    false,
  ),
  c(
    "a numeric literal matches an address whose hex digits spell it",
    { a: [12345678, "1.1.1.1"] },
    { a: "18.52.86.120" },
    true,
  ),
  c(
    "a field after a wildcard both branches add shares its matcher",
    { "0": [{ wildcard: "c*" }], $or: [{ a: [{ cidr: "0.0.0.0/0" }] }, { a: [0] }] },
    { "0": "c", a: 1 },
    false,
  ),
  c(
    "a wildcard with a cased letter after '*' is added apart by each branch, so the next field is not shared",
    { "0": [{ wildcard: "*c" }], $or: [{ a: [{ cidr: "0.0.0.0/0" }] }, { a: [0] }] },
    { "0": "c", a: 1 },
    true,
  ),
  c(
    "so does a cased letter further on",
    { "0": [{ wildcard: "*1a" }], $or: [{ a: [{ cidr: "0.0.0.0/0" }] }, { a: [0] }] },
    { "0": "1a", a: 1 },
    true,
  ),
  c(
    "caseless characters after '*' do not set the wildcard apart",
    { "0": [{ wildcard: "*12" }], $or: [{ a: [{ cidr: "0.0.0.0/0" }] }, { a: [0] }] },
    { "0": "12", a: 1 },
    false,
  ),
  c(
    "a caseless character after '*' does not set the wildcard apart",
    { "0": [{ wildcard: "*\\\\" }], $or: [{ a: [{ cidr: "0.0.0.0/0" }] }, { a: [0] }] },
    { "0": "\\", a: 1 },
    false,
  ),
  c(
    "an anything-but wildcard set is set apart only when none of its values is found again",
    {
      "0": [{ "anything-but": { wildcard: ["*x", "*y"] } }],
      $or: [{ a: [{ cidr: "0.0.0.0/0" }] }, { a: [0] }],
    },
    { "0": "c", a: 1 },
    true,
  ),
  c(
    "one found value keeps the anything-but wildcard set shared",
    {
      "0": [{ "anything-but": { wildcard: ["y", "*x"] } }],
      $or: [{ a: [{ cidr: "0.0.0.0/0" }] }, { a: [0] }],
    },
    { "0": "c", a: 1 },
    false,
  ),
];

/**
 * Pairs on which rulebridge deliberately gives the documented answer (`matches`) where event-ruler
 * 2.1.0 does not (`eventRuler`: its answer every time, or "varies" when it answers both ways): one
 * PARITY_DIFFERENCES id each (docs/eventbridge-parity.md quotes the documentation).
 */
export interface ParityCase extends MatchCase {
  difference: string;
  eventRuler: boolean | "varies";
}

const d = (
  difference: string,
  why: string,
  pattern: JsonValue,
  event: JsonValue,
  matches: boolean,
  eventRuler: boolean | "varies",
): ParityCase => ({ difference, why, pattern, event, matches, eventRuler });

export const PARITY_CASES: readonly ParityCase[] = [
  d(
    "event-ruler-wildcard-interference",
    "equals-ignore-case after a leading-'*' wildcard matches only its own value",
    { a: [{ wildcard: "*b" }, { "equals-ignore-case": "x" }] },
    { a: "q" },
    false,
    true,
  ),
  d(
    "event-ruler-wildcard-interference",
    "equals-ignore-case after an anything-but wildcard starting with '*'",
    { a: [{ "anything-but": { wildcard: "*" } }, { "equals-ignore-case": "x" }] },
    { a: "q" },
    false,
    true,
  ),
  d(
    "event-ruler-wildcard-interference",
    "a multi-byte suffix after a leading-'*' wildcard is still a suffix",
    { a: [{ wildcard: "*x" }, { suffix: "é" }] },
    { a: "è" },
    false,
    true,
  ),
  d(
    "event-ruler-wildcard-interference",
    "a multi-byte suffix after a leading-'*' wildcard does not mean 'contains'",
    { a: [{ wildcard: "*x" }, { suffix: "é" }] },
    { a: "éc" },
    false,
    true,
  ),
  d(
    "event-ruler-wildcard-interference",
    "the wildcard and the ignore-case value in different $or branches",
    { $or: [{ a: [{ wildcard: "*bb*" }], b: ["e"] }, { a: [{ "equals-ignore-case": "X" }] }] },
    { a: "q" },
    false,
    true,
  ),
  d(
    "event-ruler-sub-rule-interference",
    "a later $or branch repeating an earlier branch's value is not dropped",
    { $or: [{ a: ["x"] }, { a: ["x", "y"] }] },
    { a: "y" },
    true,
    false,
  ),
  d(
    "event-ruler-sub-rule-interference",
    "a later $or branch repeating a value after a new one",
    { $or: [{ c: ["q"] }, { c: ["ab", "q"] }] },
    { c: "ab" },
    true,
    "varies",
  ),
  d(
    "event-ruler-sub-rule-interference",
    "a field outside the $or, copied into every branch",
    { a: [null, { numeric: ["<", 0] }], $or: [{ b: ["q"] }, { b: [1] }] },
    { a: null, b: "q" },
    true,
    "varies",
  ),
  d(
    "string-value-beside-numeric-range",
    "a string value before a numeric range and another string matcher",
    { b: ["x", { numeric: ["<", 0] }, { "equals-ignore-case": "y" }] },
    { b: "x" },
    true,
    "varies",
  ),
];
