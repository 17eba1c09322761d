import {
  BAIL,
  type Bail,
  readDoubleQuoted,
  readFlowNode,
  readSingleQuoted,
  resolvePlain,
} from "./simple-yaml-scalars.js";

/**
 * A reader for the plain YAML most rule files are written in: documents split by `---` lines,
 * each a block mapping of name keys, block sequences, one-line flow collections, one-line quoted
 * and plain scalars, comments. It yields the same values as the yaml package (core schema) and
 * keeps no syntax tree: the yaml package's parse is slow to start and holds a tree per document.
 * Anything else (anchors, tags, block scalars, multi-line scalars or flow collections, tabs, CR,
 * merge keys, duplicate keys, empty values, a document that is not a mapping, any error) makes the
 * whole file go to the yaml package, which then also reports the problems.
 */
export interface SimpleDocument {
  /** 0-based index of the document in its file, as the yaml package counts them. */
  index: number;
  value: Record<string, unknown>;
  /** Offset of the document's first key: where its mapping starts. */
  start: number;
}

export interface SimpleFile {
  documents: SimpleDocument[];
  /** Offsets where each line starts, line 1 first. */
  lineStarts: number[];
}

interface Line {
  indent: number;
  /** The line from its first non-space character. */
  text: string;
  /** Offset of `text` in the file. */
  offset: number;
}

/** Characters and sequences the reader leaves to the yaml package, wherever they appear. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it looks for.
const UNSUPPORTED = /[\r\t\u0000-\u0008\u000b-\u001f\u007f-\u009f\ufeff\u2028\u2029]|<</;
const KEY = /^([A-Za-z_][A-Za-z0-9_-]*):(?: |$)/;

/** The file's documents, or undefined when it is not all within the subset (or not valid YAML). */
export function parseSimpleYaml(text: string): SimpleFile | undefined {
  if (UNSUPPORTED.test(text)) return undefined;
  const lineStarts: number[] = [0];
  const documents: SimpleDocument[] = [];
  let lines: Line[] = [];
  let index = 0;
  let marked = false; // whether the current document began with `---`
  const finish = (): boolean => {
    if (lines.length > 0) {
      const doc = readDocument(lines);
      if (doc === BAIL) return false;
      documents.push({ index, value: doc, start: lines[0]!.offset });
    }
    // A document counts if it has content or began with `---` (comments alone before the first do not).
    if (lines.length > 0 || marked) index++;
    lines = [];
    return true;
  };
  let offset = 0;
  while (offset <= text.length) {
    let end = text.indexOf("\n", offset);
    if (end < 0) end = text.length;
    else lineStarts.push(end + 1);
    const line = text.slice(offset, end);
    if (line === "---") {
      if (!finish()) return undefined;
      marked = true;
    } else if (line.startsWith("---") || line.startsWith("...") || line.startsWith("%")) {
      return undefined;
    } else {
      let indent = 0;
      while (line.charCodeAt(indent) === 32) indent++;
      if (indent < line.length && line[indent] !== "#") {
        lines.push({ indent, text: line.slice(indent), offset: offset + indent });
      }
    }
    offset = end + 1;
  }
  if (!finish()) return undefined;
  return { documents, lineStarts };
}

function readDocument(lines: Line[]): Record<string, unknown> | Bail {
  const first = lines[0]!;
  if (first.indent !== 0 || !KEY.test(first.text)) return BAIL;
  const cursor = { lines, at: 0 };
  const value = readMap(cursor, 0);
  return value === BAIL || cursor.at !== lines.length ? BAIL : value;
}

interface Cursor {
  lines: Line[];
  at: number;
}

function readMap(c: Cursor, indent: number): Record<string, unknown> | Bail {
  const map: Record<string, unknown> = {};
  while (c.at < c.lines.length) {
    const line = c.lines[c.at]!;
    if (line.indent < indent) break;
    if (line.indent > indent) return BAIL;
    const m = KEY.exec(line.text);
    if (!m) return BAIL;
    const key = m[1]!;
    if (Object.hasOwn(map, key) || key === "__proto__" || resolvePlain(key) !== key) return BAIL;
    c.at++;
    const value = readEntryValue(c, line, m[0].length, indent);
    if (value === BAIL) return BAIL;
    map[key] = value;
  }
  return map;
}

function readSeq(c: Cursor, indent: number): unknown[] | Bail {
  const items: unknown[] = [];
  while (c.at < c.lines.length) {
    const line = c.lines[c.at]!;
    if (line.indent < indent || (line.indent === indent && !line.text.startsWith("- "))) break;
    if (line.indent > indent) return BAIL;
    let extra = 2;
    while (line.text.charCodeAt(extra) === 32) extra++;
    const rest = line.text.slice(extra);
    if (KEY.test(rest)) {
      // `- key: value`: a mapping whose keys line up with this first one.
      const itemIndent = indent + extra;
      c.lines[c.at] = { indent: itemIndent, text: rest, offset: line.offset + extra };
      const map = readMap(c, itemIndent);
      if (map === BAIL) return BAIL;
      items.push(map);
      continue;
    }
    c.at++;
    const value = readInline(rest, 0);
    if (value === BAIL || value === EMPTY) return BAIL;
    items.push(value);
  }
  return items;
}

/** The value of `key:` on `line` (from `from`): on the line itself, or the block below it. */
function readEntryValue(c: Cursor, line: Line, from: number, indent: number): unknown {
  const inline = readInline(line.text, from);
  if (inline !== EMPTY) return inline;
  const next = c.lines[c.at];
  if (!next) return BAIL; // a null value: left to the yaml package
  const isSeq = next.text.startsWith("- ");
  if (next.indent > indent) return isSeq ? readSeq(c, next.indent) : readMap(c, next.indent);
  if (next.indent === indent && isSeq) return readSeq(c, indent);
  return BAIL;
}

const EMPTY: unique symbol = Symbol("empty");

/** A scalar or flow collection filling the rest of `text` from `from`; EMPTY if only a comment. */
function readInline(text: string, from: number): unknown {
  let i = from;
  while (text.charCodeAt(i) === 32) i++;
  if (i === text.length || text[i] === "#") return EMPTY;
  const c = text[i];
  if (c === "{" || c === "[" || c === '"' || c === "'") {
    const read =
      c === '"' ? readDoubleQuoted(text, i) : c === "'" ? readSingleQuoted(text, i) : readFlowNode(text, i);
    if (read === BAIL) return BAIL;
    const after = text.slice(read.end);
    return after.trimEnd() === "" || /^ +#/.test(after) ? read.value : BAIL;
  }
  let plain = text.slice(i);
  const comment = plain.indexOf(" #");
  if (comment >= 0) plain = plain.slice(0, comment);
  plain = plain.trimEnd();
  if (plain.includes(": ") || plain.endsWith(":")) return BAIL;
  return resolvePlain(plain);
}

/** 1-based line and column of `offset`, counted as the yaml package's LineCounter does. */
export function positionAt(lineStarts: readonly number[], offset: number): { line: number; col: number } {
  let low = 0;
  let high = lineStarts.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (lineStarts[mid]! < offset) low = mid + 1;
    else high = mid;
  }
  if (lineStarts[low] === offset) return { line: low + 1, col: 1 };
  return { line: low, col: offset - lineStarts[low - 1]! + 1 };
}
