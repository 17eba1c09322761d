import { MAX_NAME_LENGTH, MAX_NESTING_DEPTH, MAX_STRING_LENGTH } from "../syntax/json-node.js";
import { asciiText, copyBytes } from "../text/ascii-bytes.js";
import {
  EventLeaves,
  JSON_STRING,
  NESTED,
  NO_ARRAY,
  type PathStep,
  TEXT_NUMBER,
  TEXT_STRING,
} from "./event-leaves.js";
import {
  ARRAY,
  ESCAPED_KEY,
  ESCAPED_STRING,
  FALSE as FALSE_KIND,
  NULL as NULL_KIND,
  NUMBER,
  OBJECT,
  STRING,
  type TopLevelMembers,
  TRUE as TRUE_KIND,
} from "./top-level-members.js";

/**
 * Reads an event's leaves straight from its JSON text, as `leaves.read(JSON.parse(text))` would,
 * without building the object: only keys under a pattern path are compared, and leaves ending one
 * are kept as places in the text, made into strings or numbers when something reads them. True: the text is a JSON object JSON.parse accepts and the leaves are exactly read's.
 * False: take the exact route (JSON.parse + read) — invalid JSON, a non-object top level, read's
 * limits (checked on every value in the text, a superset of what JSON.parse keeps), array-index keys
 * (for-in visits them first) and duplicate keys that could change the leaves.
 */
export function readEventText(text: string, leaves: EventLeaves): boolean {
  leaves.begin();
  // Words are read little-endian; huge texts are not worth their buffer (events are KBs).
  if (!LITTLE_ENDIAN || text.length > MAX_TEXT) return false;
  reader.start(text, leaves);
  return reader.read();
}

/**
 * readEventText on the UTF-8 text in `bytes` [start, end), read from the bytes with no string made
 * of the event: leaves are made from them (as ASCII) only when read. Also false for any byte >= 0x80
 * (non-ASCII text, invalid UTF-8): the caller decodes those and reads the text. `members`, when
 * given, is filled with the top-level object's members (offsets into `bytes`); valid when true.
 */
export function readEventBytes(
  bytes: Uint8Array,
  start: number,
  end: number,
  leaves: EventLeaves,
  members?: TopLevelMembers,
): boolean {
  leaves.begin();
  members?.clear();
  if (!LITTLE_ENDIAN || end - start > MAX_TEXT) return false;
  reader.startBytes(bytes, start, end, leaves);
  reader.members = members ?? null;
  reader.origin = start;
  return reader.read();
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const COMMA = 0x2c;
const COLON = 0x3a;
const ZERO = 0x30;
const TRUE = [0x74, 0x72, 0x75, 0x65];
const FALSE = [0x66, 0x61, 0x6c, 0x73, 0x65];
const NULL = [0x6e, 0x75, 0x6c, 0x6c];
/** Key-span flags: the key is spelt with escapes or non-ASCII; the member's value holds an array. */
const ODD = 1;
const HOLDS_ARRAY = 2;

function isDigit(c: number): boolean {
  return c >= ZERO && c <= 0x39;
}

function isHex(c: number): boolean {
  return isDigit(c) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
}

/** Array-index keys (canonical 0..2^32-2): V8's for-in visits them first, not in text order. */
function isArrayIndex(key: string): boolean {
  const n = key.length;
  if (n === 0 || n > 10 || (n > 1 && key.charCodeAt(0) === ZERO)) return false;
  for (let i = 0; i < n; i++) if (!isDigit(key.charCodeAt(i))) return false;
  return n < 10 || key <= "4294967294";
}

/**
 * SWAR on a little-endian word of 4 bytes: a lane's top bit is set where the byte is < 0x20, '"',
 * '\\' or >= 0x80. Borrows only reach lanes above a flagged one, so the lowest set bit is exact.
 */
function flagged(x: number): number {
  return (
    ((x - 0x20202020) | ((x ^ 0x22222222) - 0x01010101) | ((x ^ 0x5c5c5c5c) - 0x01010101) | x) & 0x80808080
  );
}
/** By byte offset in a word: a mask of the lanes from it on, and 'A' in the lanes below. */
const KEEP_FROM = [-1, -256, -65536, -16777216];
const FILL_BELOW = [0, 0x41, 0x4141, 0x414141];
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

// The text is read as UTF-8 bytes: one bulk native copy, then typed-array reads (several times
// faster than charCodeAt) and strings skipped a word at a time. Non-ASCII bytes occur only inside
// strings, where `shift` counts the bytes beyond the UTF-16 units: text index = byte index - shift.
const encoder = new TextEncoder();
const MAX_TEXT = 1 << 22;
/** Buffers up to this size are kept for the next event. */
const KEEP_LIMIT = 1 << 20;
let kept = new Uint8Array(1 << 14);
let keptWords = new Int32Array(kept.buffer);

/** Held between calls instead of the caller's leaves, so they can be collected. */
const idle = new EventLeaves();

class TextReader {
  text = "";
  /** Reading bytes (readEventBytes): `b` itself, where leaves are made from; else null. */
  source: Uint8Array | null = null;
  b = kept;
  /** `b` as 32-bit words. */
  w = keptWords;
  /** Bytes in `b`; a 0 follows (a control character: every scan stops there). */
  end = 0;
  pos = 0;
  shift = 0;
  leaves = idle;
  /** Arrays opened so far: leaves.openArray numbers them in the order read does. */
  arrays = 0;
  /** Last object serial; never reset, so stale PathStep.mark values never collide. */
  serial = 0;
  /** Set by scanString: the string has escapes / non-ASCII characters. */
  escaped = false;
  wide = false;
  // Stack of (step, previous mark), restored as an object closes: a step reached both by a key and
  // by a nested object's key ("a.b" and "a": {"b"}) keeps the outer object's stamp.
  markSteps: PathStep[] = [];
  markPrev: number[] = [];
  markTop = 0;
  // Stack of the open objects' off-path keys: byte span and flags.
  keyStart: number[] = [];
  keyEnd: number[] = [];
  keyFlags: number[] = [];
  keyTop = 0;
  /** Where the top-level members are recorded (readEventBytes' `members`), or null. */
  members: TopLevelMembers | null = null;
  /** The offset in the caller's bytes of `b`'s first byte (reading bytes). */
  origin = 0;

  start(text: string, leaves: EventLeaves): void {
    this.reserve(3 * text.length + 8); // UTF-8 takes at most 3 bytes per UTF-16 unit
    this.end = encoder.encodeInto(text, this.b).written;
    this.b[this.end] = 0;
    this.text = text;
    this.source = null;
    this.leaves = leaves;
    leaves.source.text = text;
    leaves.source.bytes = null;
    leaves.source.raw = this.b;
    leaves.source.words = this.w;
    this.pos = this.shift = this.arrays = this.markTop = this.keyTop = 0;
  }

  /** As start, on a copy of the bytes (aligned for word reads, with the 0 after them). */
  startBytes(bytes: Uint8Array, start: number, end: number, leaves: EventLeaves): void {
    this.reserve(end - start + 8);
    copyBytes(this.b, 0, bytes, start, end);
    this.end = end - start;
    this.b[this.end] = 0;
    this.text = "";
    this.source = this.b;
    this.leaves = leaves;
    leaves.source.text = "";
    leaves.source.bytes = this.b;
    leaves.source.raw = this.b;
    leaves.source.words = this.w;
    this.pos = this.shift = this.arrays = this.markTop = this.keyTop = 0;
  }

  /** Makes `b` (and `w`) hold at least `bytes` bytes, keeping a buffer up to KEEP_LIMIT. */
  reserve(bytes: number): void {
    const need = (bytes + 3) & ~3;
    if (need <= this.b.length) return;
    this.b = new Uint8Array(need <= KEEP_LIMIT ? Math.max(need, 2 * kept.length) : need);
    this.w = new Int32Array(this.b.buffer);
    if (need <= KEEP_LIMIT) {
      kept = this.b;
      keptWords = this.w;
    }
  }

  /** Reads the event started; see readEventText. */
  read(): boolean {
    const leaves = this.leaves;
    try {
      if (this.ws() !== OPEN_OBJECT || !this.object(leaves.root, 1, NO_ARRAY, 0)) return false;
      this.ws();
      return this.pos === this.end;
    } catch {
      // Only a stack overflow (a deep text read from deep in the stack) can get here: decline.
      return false;
    } finally {
      this.text = "";
      this.source = null;
      this.leaves = idle;
      this.members = null;
      this.b = kept;
      this.w = keptWords;
    }
  }

  /** The text at byte offsets [start, end) (shifted to text offsets by the caller when reading text). */
  slice(start: number, end: number): string {
    return this.source === null ? this.text.slice(start, end) : asciiText(this.source, start, end);
  }

  /** Skips JSON whitespace; the byte there. */
  ws(): number {
    const b = this.b;
    let p = this.pos;
    let c = b[p]!;
    while (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) c = b[++p]!;
    this.pos = p;
    return c;
  }

  /** Validates the string at pos (its opening quote); the index of its closing quote, or -1. */
  scanString(): number {
    const b = this.b;
    const w = this.w;
    let p = this.pos + 1;
    let escaped = false;
    let wide = false;
    for (;;) {
      // Word by word from p (bytes before p in its word read as 'A') to the first flagged byte.
      let i = p >> 2;
      const k = p & 3;
      let f = flagged(k === 0 ? w[i]! : (w[i]! & KEEP_FROM[k]!) | FILL_BELOW[k]!);
      // Two words a turn: strings run to a few words, and half the loop tests go.
      while (f === 0) {
        f = flagged(w[++i]!);
        if (f !== 0) break;
        f = flagged(w[++i]!);
      }
      p = (i << 2) + ((31 - Math.clz32(f & -f)) >> 3);
      const c = b[p]!;
      if (c === QUOTE) break;
      if (c >= 0x80) {
        // Bytes read as bytes are ASCII only (see readEventBytes).
        if (this.source !== null) return -1;
        // UTF-8: continuation bytes add no UTF-16 unit; a 4-byte sequence makes two.
        wide = true;
        if (c < 0xc0) this.shift++;
        else if (c >= 0xf0) this.shift--;
        p++;
        continue;
      }
      if (c !== BACKSLASH) return -1; // control character or end of text
      escaped = true;
      const e = b[p + 1]!;
      if (e === 0x75) {
        if (!(isHex(b[p + 2]!) && isHex(b[p + 3]!) && isHex(b[p + 4]!) && isHex(b[p + 5]!))) return -1;
        p += 6;
      } else if (e === QUOTE || e === BACKSLASH || e === 0x2f || e === 0x62 || e === 0x66) p += 2;
      else if (e === 0x6e || e === 0x72 || e === 0x74) p += 2;
      else return -1;
    }
    this.escaped = escaped;
    this.wide = wide;
    return p;
  }

  /** One value starting with byte `c` at pos, in a container at `depth`. */
  value(c: number, step: PathStep | undefined, depth: number, array: number, element: number): boolean {
    const p = this.pos;
    if (c === QUOTE) {
      const shift = this.shift;
      const end = this.scanString();
      // Escapes and UTF-8 only lengthen the text: its length bounds the string's.
      if (end < 0 || end - p - 1 > MAX_STRING_LENGTH) return false;
      this.pos = end + 1;
      if (step !== undefined && step.slot >= 0) {
        // Made from the text only if read (see LeafSlot.pushText).
        if (this.escaped)
          this.leaves.textLeaf(
            p - shift,
            end + 1 - this.shift,
            JSON_STRING,
            step,
            array,
            element,
            false,
            false,
          );
        else
          this.leaves.textLeaf(
            p + 1 - shift,
            end - this.shift,
            TEXT_STRING,
            step,
            array,
            element,
            !this.wide,
            shift === 0,
          );
      }
      return true;
    }
    if (c === OPEN_OBJECT) return this.object(step, depth + 1, array, element);
    if (c === OPEN_ARRAY) return this.list(step, depth + 1, array, element);
    const word = c === 0x74 ? TRUE : c === 0x66 ? FALSE : c === 0x6e ? NULL : undefined;
    if (word === undefined) return this.number(step, array, element);
    for (let k = 1; k < word.length; k++) if (this.b[p + k] !== word[k]) return false;
    this.pos = p + word.length;
    if (step !== undefined)
      this.leaves.leaf(word === NULL ? null : word === TRUE, step, array, element, false);
    return true;
  }

  number(step: PathStep | undefined, array: number, element: number): boolean {
    const b = this.b;
    const start = this.pos;
    let p = start;
    let c = b[p]!;
    if (c === 0x2d) c = b[++p]!;
    if (c === ZERO) c = b[++p]!;
    else if (isDigit(c)) while (isDigit(c)) c = b[++p]!;
    else return false;
    if (c === 0x2e) {
      c = b[++p]!;
      if (!isDigit(c)) return false;
      while (isDigit(c)) c = b[++p]!;
    }
    let exponent = false;
    if (c === 0x65 || c === 0x45) {
      c = b[++p]!;
      if (c === 0x2b || c === 0x2d) c = b[++p]!;
      if (!isDigit(c)) return false;
      while (isDigit(c)) c = b[++p]!;
      exponent = true;
    }
    this.pos = p;
    const onPath = step !== undefined && step.slot >= 0;
    // Without an exponent, under 300 characters stay far below the largest double.
    if (!exponent && p - start < 300) {
      if (onPath)
        this.leaves.textLeaf(
          start - this.shift,
          p - this.shift,
          TEXT_NUMBER,
          step,
          array,
          element,
          false,
          false,
        );
      return true;
    }
    // Number() reads the JSON grammar's numbers to the same double as JSON.parse.
    const n = Number(this.slice(start - this.shift, p - this.shift));
    if (!Number.isFinite(n)) return false;
    if (onPath) this.leaves.leaf(n, step, array, element, false);
    return true;
  }

  object(step: PathStep | undefined, depth: number, array: number, element: number): boolean {
    if (depth > MAX_NESTING_DEPTH) return false;
    const b = this.b;
    const id = ++this.serial;
    const marks = this.markTop;
    const keys = this.keyTop;
    let holdsArray = false;
    const parent = step !== undefined && step.children.size > 0 ? step : undefined;
    // Only the top level's members are recorded (a test per member, none below).
    const members = depth === 1 ? this.members : null;
    this.pos++;
    let c = this.ws();
    if (c === CLOSE_OBJECT) {
      this.pos++;
      return true;
    }
    for (;;) {
      if (c !== QUOTE) return false;
      const shift = this.shift;
      const end = this.scanString();
      const start = this.pos + 1;
      if (end < 0 || end - start > MAX_NAME_LENGTH) return false;
      const odd = this.escaped || this.wide;
      let child: PathStep | undefined;
      if (odd) {
        let key = this.slice(start - shift, end - this.shift);
        if (this.escaped) key = JSON.parse(`"${key}"`);
        if (isArrayIndex(key)) return false;
        child = parent?.child(key);
      } else {
        if (isDigit(b[start]!) && isArrayIndex(this.slice(start - shift, end - shift))) return false;
        if (parent !== undefined) child = parent.childAt(b, this.w, start, end);
      }
      let span = -1;
      if (child !== undefined) {
        // A repeated key on a path: JSON.parse keeps its last value at its first place; decline.
        if (child.mark === id) return false;
        this.markSteps[this.markTop] = child;
        this.markPrev[this.markTop++] = child.mark;
        child.mark = id;
      } else {
        span = this.keyTop++;
        this.keyStart[span] = start;
        this.keyEnd[span] = end;
        this.keyFlags[span] = odd ? ODD : 0;
      }
      // Compact text (no whitespace around ':' and ',') is read without calling ws.
      let p = end + 1;
      if (b[p] !== COLON) {
        this.pos = p;
        if (this.ws() !== COLON) return false;
        p = this.pos;
      }
      c = b[++p]!;
      this.pos = p;
      if (c <= 0x20) c = this.ws();
      const valueStart = this.pos;
      if (child === undefined && c === QUOTE) {
        // An off-path string: only checked.
        const close = this.scanString();
        if (close < 0 || close - this.pos - 1 > MAX_STRING_LENGTH) return false;
        this.pos = close + 1;
      } else {
        const arrays = this.arrays;
        if (!this.value(c, child, depth, array, element)) return false;
        if (span >= 0 && this.arrays !== arrays) {
          this.keyFlags[span]! |= HOLDS_ARRAY;
          holdsArray = true;
        }
      }
      if (members !== null) this.record(members, start, end, valueStart, c, odd);
      c = b[this.pos]!;
      if (c <= 0x20) c = this.ws();
      if (c === COMMA) {
        c = b[++this.pos]!;
        if (c <= 0x20) c = this.ws();
      } else if (c === CLOSE_OBJECT) break;
      else return false;
    }
    this.pos++;
    for (let i = this.markTop - 1; i >= marks; i--) this.markSteps[i]!.mark = this.markPrev[i]!;
    this.markTop = marks;
    // A repeated key off every path adds no leaf, and all its values passed the limit checks (read
    // sees a subset of them). It can only renumber arrays (read meets the last value's arrays at the
    // first occurrence's place), so it matters only when it holds an array.
    if (holdsArray && !this.distinctKeys(keys)) return false;
    this.keyTop = keys;
    return true;
  }

  /** Records a top-level member whose value (starting with byte `c`) was just read. */
  record(
    members: TopLevelMembers,
    start: number,
    end: number,
    valueStart: number,
    c: number,
    odd: boolean,
  ): void {
    const kind =
      c === QUOTE
        ? this.escaped
          ? ESCAPED_STRING
          : STRING
        : c === OPEN_OBJECT
          ? OBJECT
          : c === OPEN_ARRAY
            ? ARRAY
            : c === 0x74
              ? TRUE_KIND
              : c === 0x66
                ? FALSE_KIND
                : c === 0x6e
                  ? NULL_KIND
                  : NUMBER;
    const o = this.origin;
    members.push(start + o, end + o, valueStart + o, this.pos + o, odd ? kind | ESCAPED_KEY : kind);
  }

  /** No off-path key holding an array occurs twice in the closing object (key spans from `base`). */
  distinctKeys(base: number): boolean {
    const b = this.b;
    for (let i = base; i < this.keyTop; i++) {
      if ((this.keyFlags[i]! & HOLDS_ARRAY) === 0) continue;
      const from = this.keyStart[i]!;
      const n = this.keyEnd[i]! - from;
      for (let j = base; j < this.keyTop; j++) {
        if (j === i) continue;
        // Escaped or non-ASCII spellings are not compared: count them as the same key.
        if ((this.keyFlags[i]! | this.keyFlags[j]!) & ODD) return false;
        const at = this.keyStart[j]!;
        if (this.keyEnd[j]! - at !== n) continue;
        let k = 0;
        while (k < n && b[from + k] === b[at + k]) k++;
        if (k === n) return false;
      }
    }
    return true;
  }

  list(step: PathStep | undefined, depth: number, array: number, element: number): boolean {
    if (depth > MAX_NESTING_DEPTH) return false;
    const id = this.leaves.openArray();
    this.arrays = id + 1;
    // Only object and array elements are "in" the array; scalars share the array's membership.
    const inner = array === NO_ARRAY ? id : NESTED;
    this.pos++;
    let c = this.ws();
    if (c === CLOSE_ARRAY) {
      this.pos++;
      return true;
    }
    for (let i = 0; ; i++) {
      const ok =
        c === OPEN_OBJECT
          ? this.object(step, depth + 1, inner, i)
          : c === OPEN_ARRAY
            ? this.list(step, depth + 1, inner, i)
            : this.value(c, step, depth, array, element);
      if (!ok) return false;
      c = this.ws();
      if (c === COMMA) {
        this.pos++;
        c = this.ws();
      } else if (c === CLOSE_ARRAY) {
        this.pos++;
        return true;
      } else return false;
    }
  }
}

const reader = new TextReader();
