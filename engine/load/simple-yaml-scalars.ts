/**
 * Scalars and one-line flow collections of the YAML subset simple-yaml.ts reads. Every reader
 * returns BAIL for anything outside the subset, or anything the yaml package could read
 * differently or report as an error, and the caller then hands the whole file to the yaml package.
 */

/** "Not in the subset": the file is parsed by the yaml package instead. */
export const BAIL: unique symbol = Symbol("bail");
export type Bail = typeof BAIL;

/** A value read from `line` at some position, and the position just after it. */
export interface Read {
  value: unknown;
  end: number;
}

// Core schema (YAML 1.2) resolution of plain scalars, as the yaml package does it.
const NULL = /^(?:~|[Nn]ull|NULL)?$/;
const BOOL = /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/;
const INT = /^[-+]?[0-9]+$/;
const FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/;
const FLOAT_EXP = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/;
/** Resolved by other core tags (hex, octal, .inf, .nan): left to the yaml package. */
const OTHER_CORE = /^(?:0x|0o|[-+]?\.(?:inf|Inf|INF)$|\.nan$|\.NaN$|\.NAN$)/;
/** What a plain scalar may start with here: no indicator (`- ` `? ` `: ` `[` `{` `&` `*` `!` `|` `>` `'` `"` `%` `@` `` ` `` `#` `,`). */
const PLAIN_START = /^(?:[A-Za-z0-9_.$/+~(<=^]|-[A-Za-z0-9_.])/;

/** The value of a plain scalar as the core schema resolves it, or BAIL. */
export function resolvePlain(text: string): unknown {
  if (!PLAIN_START.test(text) || text.includes("#") || text.includes("\t")) return BAIL;
  // Most plain scalars are words: no core tag but null and bool resolves one that starts with a letter.
  if (/^[a-eg-mo-su-zA-EG-MO-SU-Z]/.test(text)) return text;
  if (NULL.test(text)) return null;
  if (BOOL.test(text)) return text[0] === "t" || text[0] === "T";
  if (INT.test(text)) return Number.parseInt(text, 10);
  if (FLOAT.test(text) || FLOAT_EXP.test(text)) return Number.parseFloat(text);
  if (OTHER_CORE.test(text)) return BAIL;
  return text;
}

/** A double-quoted scalar starting at `line[start]` (the quote), on one line. */
export function readDoubleQuoted(line: string, start: number): Read | Bail {
  let out = "";
  let i = start + 1;
  for (;;) {
    const q = line.indexOf('"', i);
    const b = line.indexOf("\\", i);
    if (q < 0) return BAIL; // multi-line or unterminated
    if (b < 0 || q < b) return { value: out + line.slice(i, q), end: q + 1 };
    out += line.slice(i, b);
    const c = line[b + 1];
    if (c === '"' || c === "\\" || c === "/") out += c;
    else if (c === "n") out += "\n";
    else if (c === "t") out += "\t";
    else if (c === "r") out += "\r";
    else if (c === "u") {
      const hex = line.slice(b + 2, b + 6);
      if (!/^[0-9a-fA-F]{4}$/.test(hex)) return BAIL;
      const code = Number.parseInt(hex, 16);
      if (code >= 0xd800 && code <= 0xdfff) return BAIL;
      out += String.fromCharCode(code);
      i = b + 6;
      continue;
    } else return BAIL;
    i = b + 2;
  }
}

/** A single-quoted scalar starting at `line[start]`, on one line (`''` is a quote). */
export function readSingleQuoted(line: string, start: number): Read | Bail {
  let out = "";
  let i = start + 1;
  for (;;) {
    const q = line.indexOf("'", i);
    if (q < 0) return BAIL;
    out += line.slice(i, q);
    if (line[q + 1] !== "'") return { value: out, end: q + 1 };
    out += "'";
    i = q + 2;
  }
}

function skipSpaces(line: string, i: number): number {
  while (line.charCodeAt(i) === 32) i++;
  return i;
}

/** A flow node (collection, quoted or plain scalar) at `line[start]`, all on this line. */
export function readFlowNode(line: string, start: number): Read | Bail {
  const c = line[start];
  if (c === "{") return readFlowMap(line, start);
  if (c === "[") return readFlowSeq(line, start);
  if (c === '"') return readDoubleQuoted(line, start);
  if (c === "'") return readSingleQuoted(line, start);
  // A plain scalar in flow context ends at a flow indicator; `:` and `#` are left to the yaml package.
  let end = start;
  for (;;) {
    const ch = line[end];
    if (ch === undefined || ch === "," || ch === "]" || ch === "}") break;
    if (ch === ":" || ch === "#" || ch === "[" || ch === "{" || ch === '"' || ch === "'") return BAIL;
    end++;
  }
  const text = line.slice(start, end).trimEnd();
  if (text === "") return BAIL;
  const value = resolvePlain(text);
  return value === BAIL ? BAIL : { value, end: start + text.length };
}

function readFlowSeq(line: string, start: number): Read | Bail {
  const items: unknown[] = [];
  let i = skipSpaces(line, start + 1);
  if (line[i] === "]") return { value: items, end: i + 1 };
  for (;;) {
    const item = readFlowNode(line, i);
    if (item === BAIL) return BAIL;
    items.push(item.value);
    i = skipSpaces(line, item.end);
    if (line[i] === "]") return { value: items, end: i + 1 };
    if (line[i] !== ",") return BAIL; // `[a: 1]` pairs, multi-line, or an error
    i = skipSpaces(line, i + 1);
    if (line[i] === "]" || line[i] === ",") return BAIL; // trailing or empty entry
  }
}

function readFlowMap(line: string, start: number): Read | Bail {
  const map: Record<string, unknown> = {};
  let i = skipSpaces(line, start + 1);
  if (line[i] === "}") return { value: map, end: i + 1 };
  for (;;) {
    const c = line[i];
    const quoted = c === '"' || c === "'";
    const key =
      c === '"' ? readDoubleQuoted(line, i) : c === "'" ? readSingleQuoted(line, i) : plainKey(line, i);
    if (key === BAIL || typeof key.value !== "string") return BAIL;
    i = skipSpaces(line, key.end);
    if (line[i] !== ":") return BAIL; // a key without a value
    const after = line[i + 1];
    // After a plain key `:` needs a space; after a quoted (JSON-like) key the value may follow at once.
    if (!(after === " " || (quoted && after !== undefined))) return BAIL;
    // Duplicates are left to the yaml package, which reports them.
    if (Object.hasOwn(map, key.value) || key.value === "__proto__") return BAIL;
    i = skipSpaces(line, i + 1);
    if (line[i] === "," || line[i] === "}") return BAIL; // empty value
    const value = readFlowNode(line, i);
    if (value === BAIL) return BAIL;
    map[key.value] = value.value;
    i = skipSpaces(line, value.end);
    if (line[i] === "}") return { value: map, end: i + 1 };
    if (line[i] !== ",") return BAIL;
    i = skipSpaces(line, i + 1);
    if (line[i] === "}" || line[i] === ",") return BAIL;
  }
}

const PLAIN_KEY = /[A-Za-z_][A-Za-z0-9_-]*/y;

/** A plain mapping key in flow context: a name, ending where `:` follows. */
function plainKey(line: string, start: number): Read | Bail {
  PLAIN_KEY.lastIndex = start;
  const m = PLAIN_KEY.exec(line);
  if (!m || resolvePlain(m[0]) !== m[0]) return BAIL;
  return { value: m[0], end: start + m[0].length };
}
