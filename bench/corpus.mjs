// Deterministic benchmark corpus for bench/matching.mjs: events shaped like the AWS samples in
// examples/events/ with varied values, and rule sets (EventBridge patterns) per operator family built
// from values that occur in the corpus, so every set matches a realistic fraction of the events.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

/** mulberry32: a small seeded PRNG, so every run generates the same corpus. */
export function prng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n) => Math.floor(next() * n),
    pick: (xs) => xs[Math.floor(next() * xs.length)],
    /** Skewed index in [0, n): small indexes are much more frequent, as real values are. */
    skewed: (n, power = 2.5) => Math.floor(n * next() ** power),
  };
}

const HEX = "0123456789abcdef";
const ALNUM = "abcdefghijklmnopqrstuvwxyz0123456789";
const REGIONS = [
  "us-east-1",
  "us-east-2",
  "us-west-2",
  "eu-west-1",
  "eu-central-1",
  "ap-southeast-2",
  "ap-northeast-1",
];

function randomChars(r, alphabet, n) {
  let s = "";
  for (let i = 0; i < n; i++) s += alphabet[r.int(alphabet.length)];
  return s;
}

function uuid(r) {
  const h = (n) => randomChars(r, HEX, n);
  return `${h(8)}-${h(4)}-4${h(3)}-${HEX[8 + r.int(4)]}${h(3)}-${h(12)}`;
}

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TIME_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;
const IP_RE = /^\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}$/;
const ACCOUNT_RE = /^\d{12}$/;
const HEXID_RE = /\b(i|eni|subnet|sg|vpc|ami)-([0-9a-f]{8,17})\b/g;
const REGION_RE = /\b(us|eu|ap|sa|ca)-(east|west|central|southeast|northeast|north|south)-\d\b/g;

/** One varied copy of a string leaf: a per-path pool of variants, skewed towards the original. */
function varyString(r, value, ctx) {
  if (UUID_RE.test(value)) return uuid(r);
  if (TIME_RE.test(value)) return ctx.time;
  if (ACCOUNT_RE.test(value)) return ctx.account;
  if (IP_RE.test(value)) return value === "0.0.0.0" ? value : `10.${r.int(4)}.${r.int(256)}.${r.int(256)}`;
  if (REGIONS.includes(value)) return ctx.region;
  let out = value.replace(REGION_RE, ctx.region).replace(/\b\d{12}\b/g, ctx.account);
  out = out.replace(HEXID_RE, (_, kind, id) => `${kind}-${randomChars(r, HEX, id.length)}`);
  if (out !== value || value.length < 3 || value.length > 200) return out;
  // Low-cardinality names (statuses, services, reasons...): the original or one of a few variants.
  const v = r.skewed(24, 4);
  if (v === 0) return value;
  if (/^[A-Z_]+$/.test(value)) return `${value}_${v}`;
  return `${value}-${randomChars(prng(v * 7919 + value.length), ALNUM, 4)}`;
}

function vary(r, node, ctx, key) {
  if (typeof node === "string") {
    if (key === "source" || key === "detail-type") return node;
    return varyString(r, node, ctx);
  }
  if (typeof node === "number") {
    if (!Number.isFinite(node)) return node;
    const scaled = node * (0.25 + r.next() * 1.75);
    return Number.isInteger(node) ? Math.round(scaled) : Math.round(scaled * 1000) / 1000;
  }
  if (Array.isArray(node)) {
    // Arrays of objects get 1..n+1 elements, each varied on its own.
    if (node.length > 0 && node.every((x) => typeof x === "object" && x !== null && !Array.isArray(x))) {
      const n = 1 + r.int(node.length + 1);
      const out = [];
      for (let i = 0; i < n; i++) out.push(vary(r, node[i % node.length], ctx, key));
      return out;
    }
    return node.map((x) => vary(r, x, ctx, key));
  }
  if (node !== null && typeof node === "object") {
    const out = {};
    for (const [k, v] of Object.entries(node)) out[k] = vary(r, v, ctx, k);
    return out;
  }
  return node;
}

export function loadSamples(root) {
  const dir = join(root, "examples", "events");
  return readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((f) => JSON.parse(readFileSync(join(dir, f), "utf8")))
    .map((e) => (e && typeof e === "object" && "source" in e ? e : null))
    .filter((e) => e !== null);
}

const ACCOUNT_COUNT = 40;

/** The organisation's 40 account ids, as generateEvents(…, seed) draws them when given no pool. */
export function accountPool(seed) {
  const r = prng(seed);
  return Array.from({ length: ACCOUNT_COUNT }, () => randomChars(r, "0123456789", 12));
}

/**
 * `count` JSON lines (text), generated from the samples with a seeded PRNG. `accounts`: the account ids to
 * draw from (default: the pool of this seed, `accountPool(seed)`); pass the corpus's pool when generating
 * a second sample of the same organisation (the rule source), so rules pinning an account can match.
 */
export function generateEvents(samples, count, seed = 1, accounts = null) {
  const r = prng(seed);
  const own = Array.from({ length: ACCOUNT_COUNT }, () => randomChars(r, "0123456789", 12));
  if (accounts !== null && accounts.length !== ACCOUNT_COUNT)
    throw new Error(`${ACCOUNT_COUNT} accounts expected`);
  const pool = accounts ?? own;
  const base = Date.UTC(2026, 0, 1);
  const lines = [];
  for (let i = 0; i < count; i++) {
    const sample = samples[r.skewed(samples.length, 1.5)] ?? samples[0];
    const ctx = {
      account: pool[r.skewed(pool.length)],
      region: REGIONS[r.skewed(REGIONS.length)],
      time: new Date(base + r.int(300 * 86400) * 1000).toISOString().replace(".000Z", "Z"),
    };
    lines.push(JSON.stringify(vary(r, sample, ctx, "")));
  }
  return lines;
}

/** Leaves of an event: { path (keys, array levels dropped), value, arrayObject (path prefix of the enclosing array-of-objects element, if any), siblings }. */
function leaves(node, path = [], out = [], arrayObject = null) {
  if (Array.isArray(node)) {
    for (const item of node) {
      const inObject = item !== null && typeof item === "object" && !Array.isArray(item);
      leaves(item, path, out, inObject ? { path, element: item } : arrayObject);
    }
  } else if (node !== null && typeof node === "object") {
    for (const [k, v] of Object.entries(node)) leaves(v, [...path, k], out, arrayObject);
  } else {
    out.push({ path, value: node, arrayObject });
  }
  return out;
}

function nest(path, leaf) {
  let out = leaf;
  for (let i = path.length - 1; i >= 0; i--) out = { [path[i]]: out };
  return out;
}

/** Deep merge of pattern objects (later paths win on leaf conflicts). */
function merge(a, b) {
  const out = { ...a };
  for (const [k, v] of Object.entries(b)) {
    const cur = out[k];
    out[k] =
      cur && typeof cur === "object" && !Array.isArray(cur) && v && typeof v === "object" && !Array.isArray(v)
        ? merge(cur, v)
        : v;
  }
  return out;
}

const SAFE = /^[A-Za-z0-9 ._:/@=+,()-]+$/;
const goodString = (l) =>
  typeof l.value === "string" && l.value.length >= 4 && l.value.length <= 120 && SAFE.test(l.value);
const notEnvelope = (l) => !(l.path.length === 1 && (l.path[0] === "id" || l.path[0] === "time"));

function randomCase(r, s) {
  let out = "";
  for (const c of s) out += r.next() < 0.5 ? c.toUpperCase() : c.toLowerCase();
  return out;
}

/** What nearly every real EventBridge rule pins down: the source and the detail type. */
const anchor = (e) =>
  typeof e["detail-type"] === "string"
    ? { source: [e.source], "detail-type": [e["detail-type"]] }
    : { source: [e.source] };

function pickLeaf(r, event, filter) {
  const all = leaves(event).filter((l) => notEnvelope(l) && filter(l));
  return all.length === 0 ? null : all[r.int(all.length)];
}

/** Pattern builders per family: (r, event) => pattern | null (null: this event has no fitting leaf). */
const FAMILIES = {
  exact(r, e) {
    const l = pickLeaf(r, e, goodString);
    return l && merge(anchor(e), nest(l.path, [l.value]));
  },
  prefix(r, e) {
    const l = pickLeaf(r, e, goodString);
    return (
      l &&
      merge(
        anchor(e),
        nest(l.path, [
          { prefix: l.value.slice(0, Math.ceil(l.value.length / 2) + r.int(Math.floor(l.value.length / 2))) },
        ]),
      )
    );
  },
  suffix(r, e) {
    const l = pickLeaf(r, e, goodString);
    return (
      l &&
      merge(
        anchor(e),
        nest(l.path, [
          { suffix: l.value.slice(-(Math.ceil(l.value.length / 2) + r.int(Math.floor(l.value.length / 2)))) },
        ]),
      )
    );
  },
  "equals-ignore-case"(r, e) {
    const l = pickLeaf(r, e, goodString);
    return l && merge(anchor(e), nest(l.path, [{ "equals-ignore-case": randomCase(r, l.value) }]));
  },
  wildcard(r, e) {
    const l = pickLeaf(r, e, goodString);
    if (!l) return null;
    const a = 1 + r.int(Math.floor(l.value.length / 2));
    const b = a + r.int(l.value.length - a);
    return merge(anchor(e), nest(l.path, [{ wildcard: `${l.value.slice(0, a)}*${l.value.slice(b)}` }]));
  },
  "anything-but"(r, e) {
    const l = pickLeaf(r, e, goodString);
    return l && merge(anchor(e), nest(l.path, [{ "anything-but": [l.value, `${l.value}-x`] }]));
  },
  numeric(r, e) {
    const l = pickLeaf(
      r,
      e,
      (x) => typeof x.value === "number" && Number.isFinite(x.value) && Math.abs(x.value) < 1e9,
    );
    if (!l) return null;
    const lo = Math.floor(l.value * (0.5 + r.next() * 0.5));
    const hi = Math.ceil(l.value * (1 + r.next())) + 1;
    return merge(anchor(e), nest(l.path, [{ numeric: [">=", Math.min(lo, hi - 1), "<", hi] }]));
  },
  cidr(r, e) {
    const l = pickLeaf(
      r,
      e,
      (x) => typeof x.value === "string" && IP_RE.test(x.value) && x.value.startsWith("10."),
    );
    if (!l) return null;
    const octets = l.value.split(".");
    const bits = r.pick([16, 24, 28]);
    const net =
      bits === 16
        ? `${octets[0]}.${octets[1]}.0.0`
        : bits === 24
          ? `${octets.slice(0, 3).join(".")}.0`
          : `${octets.slice(0, 3).join(".")}.${Number(octets[3]) & 0xf0}`;
    return nest(l.path, [{ cidr: `${net}/${bits}` }]);
  },
  exists(r, e) {
    const l = pickLeaf(r, e, () => true);
    if (!l) return null;
    const other = pickLeaf(r, e, goodString);
    const base = merge(anchor(e), nest(l.path, [{ exists: true }]));
    return other && r.next() < 0.3
      ? merge(base, nest([...other.path.slice(0, -1), `${other.path.at(-1)}Missing`], [{ exists: false }]))
      : base;
  },
  $or(r, e) {
    const a = pickLeaf(r, e, goodString);
    const b = pickLeaf(r, e, goodString);
    if (!a || !b) return null;
    return {
      ...anchor(e),
      $or: [
        nest(a.path, [a.value]),
        nest(b.path, [
          { prefix: b.value.slice(0, Math.ceil(b.value.length / 2) + r.int(Math.floor(b.value.length / 2))) },
        ]),
      ],
    };
  },
  "array-objects"(r, e) {
    const l = pickLeaf(r, e, (x) => x.arrayObject !== null && goodString(x));
    if (!l) return null;
    const element = l.arrayObject.element;
    const fields = leaves(element).filter(
      (x) => x.arrayObject === null && x.path.length > 0 && goodString(x),
    );
    if (fields.length < 2) return null;
    const f1 = fields[r.int(fields.length)];
    let f2 = fields[r.int(fields.length)];
    if (f2.path.join(".") === f1.path.join(".")) f2 = fields[(fields.indexOf(f1) + 1) % fields.length];
    const base = l.arrayObject.path;
    return merge(
      merge(anchor(e), nest([...base, ...f1.path], [f1.value])),
      nest([...base, ...f2.path], [f2.value]),
    );
  },
};

export const FAMILY_NAMES = [...Object.keys(FAMILIES), "mix"];

/**
 * Rule-set variants. "dense": each pattern pins source/detail-type plus the family's leaf, so at 10,000
 * rules an event matches hundreds of rules and the size of the answer dominates the work. "scoped": the
 * same patterns, each also pinning the `account` and `region` of the event it was built from (an
 * organisation-wide bus whose rules are scoped to an account and a region); where the family's own leaf is
 * the account or region itself, the family's condition is kept.
 */
export const VARIANTS = ["scoped", "dense"];

const scope = (e) => ({ account: [e.account], region: [e.region] });

/**
 * `count` patterns of a family, each built from an event of `events` (parsed), deterministic in `seed`.
 * For the same seed, scoped pattern i is dense pattern i plus the scope of its event.
 */
export function generateRules(family, count, events, seed, variant = "dense") {
  if (!VARIANTS.includes(variant)) throw new Error(`unknown rule-set variant ${variant}`);
  const r = prng(seed);
  const names = Object.keys(FAMILIES);
  const out = [];
  let guard = 0;
  while (out.length < count && guard++ < count * 200) {
    const f = family === "mix" ? names[r.int(names.length)] : family;
    const event = events[r.int(events.length)];
    const pattern = FAMILIES[f](r, event);
    if (pattern) out.push(variant === "scoped" ? merge(scope(event), pattern) : pattern);
  }
  if (out.length < count) throw new Error(`could only build ${out.length} ${family} rules of ${count}`);
  return out;
}
