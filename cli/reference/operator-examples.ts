/**
 * One example per EventBridge pattern operator rulebridge supports. Only patterns and events
 * are written here: whether each event matches is computed by the real matcher when the
 * reference is generated, so the documentation cannot claim what the matcher does not do.
 */
export interface OperatorExample {
  operator: string;
  /** The operator's syntax, as a short JSON fragment. */
  syntax: string;
  pattern: Record<string, unknown>;
  /** Events to show; at least one must match and one must not (the generator enforces it). */
  events: readonly Record<string, unknown>[];
  /** What a reader should notice, in one or two sentences. */
  note: string;
  /** Ids from PARITY_DIFFERENCES that concern this operator. */
  parity?: readonly string[];
}

const detail = (d: Record<string, unknown>) => ({ detail: d });

export const OPERATOR_EXAMPLES: readonly OperatorExample[] = [
  {
    operator: "exact (string)",
    syntax: '"f": ["a", "b"]',
    pattern: { detail: { state: ["running", "pending"] } },
    events: [
      detail({ state: "running" }),
      detail({ state: "Running" }),
      detail({ state: "stopped" }),
      detail({}),
    ],
    note: "Values of one list OR together; strings compare exactly, case included.",
    parity: ["string-value-beside-numeric-range"],
  },
  {
    operator: "exact (number, boolean)",
    syntax: '"f": [300, true]',
    pattern: { detail: { count: [300], enabled: [true] } },
    events: [
      detail({ count: 300, enabled: true }),
      detail({ count: "300", enabled: true }),
      detail({ count: 300, enabled: "true" }),
    ],
    note: "Numbers compare numerically (`300`, `300.0` and `3e2` in the JSON are equal); a string never equals a number or a boolean.",
  },
  {
    operator: "exactly",
    syntax: '{"exactly": "s"}',
    pattern: { detail: { ip: [{ exactly: "10.0.0.1" }] } },
    events: [detail({ ip: "10.0.0.1" }), detail({ ip: "10.0.0.01" })],
    note: 'Plain string equality. A plain `"10.0.0.1"` would also match other spellings of the address.',
  },
  {
    operator: "null and empty string",
    syntax: '"f": [null, ""]',
    pattern: { detail: { reason: [null, ""] } },
    events: [detail({ reason: null }), detail({ reason: "" }), detail({ reason: "x" }), detail({})],
    note: '`null` matches a null value and `""` an empty string; neither matches an absent field.',
  },
  {
    operator: "prefix",
    syntax: '{"prefix": "s"}',
    pattern: { detail: { name: [{ prefix: "abc" }] } },
    events: [
      detail({ name: "abcd" }),
      detail({ name: "abc" }),
      detail({ name: "xabc" }),
      detail({ name: "ABCD" }),
    ],
    note: 'Strings only; `""` matches every string.',
  },
  {
    operator: "prefix, ignoring case",
    syntax: '{"prefix": {"equals-ignore-case": "s"}}',
    pattern: { region: [{ prefix: { "equals-ignore-case": "eu-" } }] },
    events: [{ region: "EU-west-1" }, { region: "eu-central-1" }, { region: "us-east-1" }],
    note: "Each character may match its own lower- or upper-case form.",
    parity: ["event-ruler-wildcard-interference"],
  },
  {
    operator: "suffix",
    syntax: '{"suffix": "s"}',
    pattern: { detail: { key: [{ suffix: ".png" }] } },
    events: [detail({ key: "photo.png" }), detail({ key: "photo.PNG" }), detail({ key: "photo.png.bak" })],
    note: "Strings only.",
    parity: ["event-ruler-wildcard-interference"],
  },
  {
    operator: "suffix, ignoring case",
    syntax: '{"suffix": {"equals-ignore-case": "s"}}',
    pattern: { detail: { key: [{ suffix: { "equals-ignore-case": ".png" } }] } },
    events: [detail({ key: "photo.PNG" }), detail({ key: "photo.png" }), detail({ key: "photo.jpg" })],
    note: "Strings only.",
    parity: ["event-ruler-wildcard-interference"],
  },
  {
    operator: "equals-ignore-case",
    syntax: '{"equals-ignore-case": "s"}',
    pattern: { detail: { user: [{ "equals-ignore-case": "alice" }] } },
    events: [detail({ user: "ALICE" }), detail({ user: "Alice" }), detail({ user: "alicia" })],
    note: "Case-insensitive equality, one UTF-16 unit at a time (see the parity page on `ß`).",
    parity: ["event-ruler-wildcard-interference"],
  },
  {
    operator: "wildcard",
    syntax: '{"wildcard": "dir/*.png"}',
    pattern: { detail: { key: [{ wildcard: "dir/*.png" }] } },
    events: [detail({ key: "dir/a.png" }), detail({ key: "dir/sub/a.png" }), detail({ key: "dir/a.jpg" })],
    note: "`*` matches any run of characters, `/` included; `\\*` is a literal star; `**` is rejected.",
    parity: ["event-ruler-wildcard-interference"],
  },
  {
    operator: "anything-but",
    syntax: '{"anything-but": "s" | 5 | ["a", "b"] | [1, 2]}',
    pattern: { detail: { state: [{ "anything-but": ["stopped", "terminated"] }] } },
    events: [
      detail({ state: "running" }),
      detail({ state: 5 }),
      detail({ state: null }),
      detail({ state: "stopped" }),
      detail({}),
    ],
    note: "Every value not named, including values of other types, but never an absent field.",
  },
  {
    operator: "anything-but (numbers)",
    syntax: '{"anything-but": [1, 2]}',
    pattern: { detail: { code: [{ "anything-but": [0, 200] }] } },
    events: [detail({ code: 500 }), detail({ code: 200.0 }), detail({ code: 0 })],
    note: "A list must be all strings or all numbers.",
  },
  {
    operator: "anything-but prefix",
    syntax: '{"anything-but": {"prefix": "s"}}',
    pattern: { detail: { name: [{ "anything-but": { prefix: "test-" } }] } },
    events: [detail({ name: "prod-web" }), detail({ name: "test-web" })],
    note: "The prefix may also be a list; an empty prefix is rejected.",
  },
  {
    operator: "anything-but suffix",
    syntax: '{"anything-but": {"suffix": "s"}}',
    pattern: { detail: { key: [{ "anything-but": { suffix: ".tmp" } }] } },
    events: [detail({ key: "report.csv" }), detail({ key: "report.tmp" })],
    note: "The suffix may also be a list; an empty suffix is rejected.",
    parity: ["event-ruler-wildcard-interference"],
  },
  {
    operator: "anything-but, ignoring case",
    syntax: '{"anything-but": {"equals-ignore-case": "s" | ["a", "b"]}}',
    pattern: { detail: { env: [{ "anything-but": { "equals-ignore-case": ["dev", "test"] } }] } },
    events: [detail({ env: "prod" }), detail({ env: "DEV" }), detail({ env: "Test" })],
    note: "None of the listed values, in any case.",
    parity: ["event-ruler-wildcard-interference"],
  },
  {
    operator: "anything-but wildcard",
    syntax: '{"anything-but": {"wildcard": "s" | ["a", "b"]}}',
    pattern: { detail: { key: [{ "anything-but": { wildcard: "tmp/*" } }] } },
    events: [detail({ key: "data/a.csv" }), detail({ key: "tmp/a.csv" })],
    note: "Values no listed wildcard matches.",
    parity: ["event-ruler-wildcard-interference"],
  },
  {
    operator: "numeric",
    syntax: '{"numeric": [">", 0, "<=", 5]}',
    pattern: { detail: { count: [{ numeric: [">", 0, "<=", 5] }] } },
    events: [detail({ count: 5 }), detail({ count: 0.5 }), detail({ count: 0 }), detail({ count: "3" })],
    note: "A lower bound (`>`, `>=`) may be followed by an upper bound (`<`, `<=`); `=` alone tests equality. Numbers only.",
    parity: ["string-value-beside-numeric-range"],
  },
  {
    operator: "numeric equality",
    syntax: '{"numeric": ["=", 5]}',
    pattern: { detail: { count: [{ numeric: ["=", 300] }] } },
    events: [detail({ count: 300 }), detail({ count: 300.5 })],
    note: "Numeric equality; strings never match.",
  },
  {
    operator: "cidr",
    syntax: '{"cidr": "10.0.0.0/24"}',
    pattern: { detail: { sourceIp: [{ cidr: "10.0.0.0/24" }, { cidr: "2001:db8::/32" }] } },
    events: [
      detail({ sourceIp: "10.0.0.255" }),
      detail({ sourceIp: "2001:db8::1" }),
      detail({ sourceIp: "10.0.1.1" }),
      detail({ sourceIp: "not an ip" }),
    ],
    note: "IPv4 and IPv6 ranges.",
  },
  {
    operator: "exists: true",
    syntax: '{"exists": true}',
    pattern: { detail: { error: [{ exists: true }] } },
    events: [
      detail({ error: "timeout" }),
      detail({ error: null }),
      detail({ error: { code: 1 } }),
      detail({}),
    ],
    note: "Leaf values only: `null` exists; an object, an empty array or a missing field does not.",
  },
  {
    operator: "exists: false",
    syntax: '{"exists": false}',
    pattern: { detail: { error: [{ exists: false }] } },
    events: [detail({}), detail({ error: "timeout" })],
    note: "The field is absent (or holds no leaf value).",
  },
  {
    operator: "$or",
    syntax: '"$or": [{…}, {…}]',
    pattern: { detail: { $or: [{ state: ["stopped"] }, { exitCode: [{ numeric: [">", 0] }] }] } },
    events: [
      detail({ state: "stopped", exitCode: 0 }),
      detail({ state: "running", exitCode: 137 }),
      detail({ state: "running", exitCode: 0 }),
    ],
    note: "Any branch may match; at least two branches; allowed at any object level.",
    parity: ["event-ruler-sub-rule-interference"],
  },
  {
    operator: "several fields",
    syntax: '{"a": [..], "b": [..]}',
    pattern: { source: ["aws.ec2"], detail: { state: ["stopped"] } },
    events: [
      { source: "aws.ec2", detail: { state: "stopped" } },
      { source: "aws.ecs", detail: { state: "stopped" } },
    ],
    note: 'Fields AND together; `{"a": {"b": ..}}` and `{"a.b": ..}` name the same field.',
  },
  {
    operator: "arrays in events",
    syntax: '"f": ["a"] against "f": ["x", "a"]',
    pattern: { detail: { tags: ["prod"] } },
    events: [detail({ tags: ["web", "prod"] }), detail({ tags: ["web"] }), detail({ tags: [] })],
    note: "A value matches if any element of the event's array matches.",
  },
  {
    operator: "arrays of objects",
    syntax: '"f": {"a": [..], "b": [..]} against "f": [{…}, {…}]',
    pattern: { detail: { containers: { name: ["web"], exitCode: [137] } } },
    events: [
      detail({
        containers: [
          { name: "web", exitCode: 137 },
          { name: "sidecar", exitCode: 0 },
        ],
      }),
      detail({
        containers: [
          { name: "web", exitCode: 0 },
          { name: "sidecar", exitCode: 137 },
        ],
      }),
    ],
    note: "All fields of one pattern branch must match within the same element of an event array.",
  },
];
