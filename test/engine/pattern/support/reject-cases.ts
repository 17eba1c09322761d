/**
 * Patterns event-ruler 2.1.0 rejects (each settled with the event-ruler oracle), with a substring of
 * the reason we give (event-ruler's own wording) and where in the pattern the problem is.
 */
export interface RejectCase {
  pattern: unknown;
  message: string;
  path: (string | number)[];
}

const r = (pattern: unknown, message: string, path: (string | number)[]): RejectCase => ({
  pattern,
  message,
  path,
});

export const REJECT_CASES: readonly RejectCase[] = [
  r([], "Filter is not an object", []),
  r("source", "Filter is not an object", []),
  r({}, "Empty objects are not allowed", []),
  r({ detail: {} }, "Empty objects are not allowed", ["detail"]),
  r({ source: "aws.ec2" }, '"source" must be an object or an array', ["source"]),
  r({ source: [] }, "Empty arrays are not allowed", ["source"]),
  r({ source: [["x"]] }, "Match value must be String, number, true, false, or null", ["source", 0]),
  r({ a: [{}] }, "Match expression name not found", ["a", 0]),
  r({ a: [{ contains: "x" }] }, "Unrecognized match type contains", ["a", 0, "contains"]),
  r({ a: [{ prefix: 5 }] }, "prefix match pattern must be a string", ["a", 0, "prefix"]),
  r({ a: [{ prefix: "x", suffix: "y" }] }, "Only one key allowed in match expression", ["a", 0, "suffix"]),
  r({ a: [{ prefix: { foo: "x" } }] }, "Unsupported prefix pattern: foo", ["a", 0, "prefix", "foo"]),
  r({ a: [{ suffix: {} }] }, "Suffix expression name not found", ["a", 0, "suffix"]),
  r({ a: [{ "equals-ignore-case": ["x"] }] }, "equals-ignore-case match pattern must be a string", [
    "a",
    0,
    "equals-ignore-case",
  ]),
  r({ a: [{ wildcard: "a**b" }] }, "Consecutive wildcard characters at pos 2", ["a", 0, "wildcard"]),
  r({ a: [{ wildcard: "a\\b" }] }, "Invalid escape character at pos 2", ["a", 0, "wildcard"]),
  r({ a: [{ wildcard: "a\\" }] }, "Invalid escape character at pos 2", ["a", 0, "wildcard"]),
  r({ a: [{ exists: "true" }] }, "exists match pattern must be either true or false.", ["a", 0, "exists"]),
  r({ a: [{ numeric: 5 }] }, "Value of numeric must be an array.", ["a", 0, "numeric"]),
  r({ a: [{ numeric: [] }] }, "Invalid member in numeric match: ]", ["a", 0, "numeric"]),
  r({ a: [{ numeric: ["!=", 5] }] }, "Unrecognized numeric range operator: !=", ["a", 0, "numeric", 0]),
  r({ a: [{ numeric: [">", "5"] }] }, "Value of > must be numeric", ["a", 0, "numeric", 1]),
  r({ a: [{ numeric: ["<", 5, ">", 1] }] }, "Too many elements in numeric expression", [
    "a",
    0,
    "numeric",
    2,
  ]),
  r({ a: [{ numeric: [">", 5, ">", 9] }] }, "Bad numeric range operator: >", ["a", 0, "numeric", 2]),
  r({ a: [{ numeric: [">", 5, "<", 5] }] }, "Bottom must be less than top", ["a", 0, "numeric"]),
  r({ a: [{ numeric: [">=", 1, "<=", 2, 3] }] }, "Too many terms in numeric range expression", [
    "a",
    0,
    "numeric",
    4,
  ]),
  r({ a: [{ numeric: ["=", 5e-324] }] }, "Cannot compare number : 5e-324", ["a", 0, "numeric", 1]),
  r({ a: [{ numeric: [">", 1.7976931348623157e308] }] }, "Index 10 out of bounds", ["a", 0]),
  r(
    { a: [{ numeric: [">", 0] }], b: [{ numeric: ["=", 1] }], c: [{ "anything-but": 5e-324 }] },
    "Cannot compare number",
    ["c", 0, "anything-but"],
  ),
  r({ a: [{ "anything-but": [] }] }, "mixed type is not supported", ["a", 0, "anything-but"]),
  r({ a: [{ "anything-but": ["x", 1] }] }, "mixed type is not supported", ["a", 0, "anything-but"]),
  r({ a: [{ "anything-but": [null] }] }, "start|null|boolean is not supported", ["a", 0, "anything-but", 0]),
  r({ a: [{ "anything-but": true }] }, "must be an array or single string/number value", [
    "a",
    0,
    "anything-but",
  ]),
  r({ a: [{ "anything-but": { exists: true } }] }, "Unsupported anything-but pattern: exists", [
    "a",
    0,
    "anything-but",
    "exists",
  ]),
  r({ a: [{ "anything-but": { prefix: "" } }] }, "Null prefix/suffix not allowed", [
    "a",
    0,
    "anything-but",
    "prefix",
  ]),
  r({ a: [{ "anything-but": { suffix: [5] } }] }, "prefix/suffix match pattern must be a string", [
    "a",
    0,
    "anything-but",
    "suffix",
    0,
  ]),
  r({ a: [{ "anything-but": { wildcard: ["a**"] } }] }, "Consecutive wildcard characters", [
    "a",
    0,
    "anything-but",
    "wildcard",
    0,
  ]),
  r({ a: [{ "anything-but": { prefix: "x", suffix: "y" } }] }, "Too many elements", [
    "a",
    0,
    "anything-but",
    "suffix",
  ]),
  r({ a: [{ "anything-but": { prefix: [] } }] }, "empty list cannot be a field's first value", ["a", 0]),
  r({ a: [{ cidr: "10.0.0.0" }] }, "Malformed CIDR, one '/' required", ["a", 0, "cidr"]),
  r({ a: [{ cidr: "10.0.0.0/x" }] }, "mask bits must be an integer", ["a", 0, "cidr"]),
  r({ a: [{ cidr: "10.0.0.0/32" }] }, "IPv4 mask bits must be < 32", ["a", 0, "cidr"]),
  r({ a: [{ cidr: "::/128" }] }, "IPv6 mask bits must be < 128", ["a", 0, "cidr"]),
  r({ a: [{ cidr: "10.0.0.256/8" }] }, "Invalid IP address: 10.0.0.256", ["a", 0, "cidr"]),
  r({ a: [{ cidr: "host/8" }] }, "Nonstandard IP address: host", ["a", 0, "cidr"]),
  r({ $or: [{ a: [1] }] }, "There must have at least 2 Objects in $or relationship.", ["$or"]),
  r({ $or: [{ a: [1] }, ["b"]] }, "Only JSON object is allowed in array of $or relationship.", ["$or", 1]),
  r({ $or: { a: [1] }, b: [{ x: 1 }] }, "It must be an Array followed with $or.", ["$or"]),
  r(
    { $or: [{ a: [1] }, { numeric: [1] }] },
    "numeric is Ruler reserved fieldName which cannot be used inside $or.",
    ["$or", 1, "numeric"],
  ),
  r({ $or: [{ a: [1] }, {}] }, "Empty objects are not allowed", ["$or", 1]),
  r({ a: [Number.NaN] }, "Non-standard token 'NaN'", ["a", 0]),
];

/** Patterns that look wrong but event-ruler accepts (its legacy compiler reads "$or" as a field). */
export const ACCEPT_CASES: readonly unknown[] = [
  { $or: [{ prefix: "x" }] },
  { $or: ["a", "b"] },
  { $or: { a: [1] } },
  { $or: [{ numeric: [">", 1] }, { prefix: "a" }] },
  { a: [{ prefix: "" }] },
  { a: [{ "anything-but": { "equals-ignore-case": [] } }, "x"].reverse() },
  { a: [{ numeric: [">", -1.7976931348623157e308] }] },
  { a: [{ cidr: "1.2.3.4/24/" }] },
  { a: [{ cidr: "0.0.0.0/+0" }] },
  { a: [{ wildcard: "**".slice(1) }] },
  { a: [{ exists: false }, { "anything-but": { prefix: [] } }] },
];
