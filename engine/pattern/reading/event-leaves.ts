import { pushPacked, sameBytes } from "../structures/byte-words.js";
import { IntBuffer } from "../structures/int-buffer.js";
import { MAX_NAME_LENGTH, MAX_NESTING_DEPTH, MAX_STRING_LENGTH, numberText } from "../syntax/json-node.js";
import { asciiText } from "../text/ascii-bytes.js";
import { isAscii, javaUtf8View } from "../text/java-text.js";
import { EventValue } from "../values/event-value.js";

/** No array membership, or (as a slot's `array`) no single array. */
export const NO_ARRAY = -1;
/** Membership in elements of more than one array (nested arrays of objects). */
export const NESTED = -2;

/** A leaf value of a parsed JSON event. */
export type Scalar = string | number | boolean | null;

/** How a leaf left in the text is made (see LeafSlot.pushText). */
export const TEXT_STRING = 0;
/** A string with escapes: its JSON text, quotes included. */
export const JSON_STRING = 1;
/** A JSON number that is finite (no exponent, under 300 characters: the reader checks). */
export const TEXT_NUMBER = 2;

// A leaf's four cells in LeafSlot.cells: where it is in the text, how it is made, its flags, its element.
const START = 0;
const END = 1;
const FLAGS = 2;
const ELEMENT = 3;
const STRIDE = 4;
// Flags: array membership, pure ASCII, and which of its lazy forms are made.
const MEMBERED = 1;
const ASCII = 2;
const MADE = 4;
const VIEWED = 8;
const JAVA = 16;
const LOWERED = 32;
/** A plain ASCII string (no escapes) at the same offsets in LeafSource's `raw` bytes. */
const RAW = 64;

/**
 * What a text reader reads the current event from: the text (or, reading bytes, "" and the bytes,
 * which are ASCII), and the bytes it scans (the text's UTF-8, or those bytes), with their words.
 */
export class LeafSource {
  text = "";
  bytes: Uint8Array | null = null;
  raw = new Uint8Array(4);
  words = new Int32Array(1);
}

/**
 * The leaves found at one pattern path in the current event; reused from event to event. A leaf
 * is four cells of one Int32Array (its place in the text, its flags, its element), so keeping it
 * writes one cache line: at 10,000 rules an event keeps leaves on many of its paths, and the
 * forms made on first read (value, Java view, lower case, EventValue) are in arrays written only then.
 */
export class LeafSlot {
  /** `source`: where leaves left in the text are (its EventLeaves', see pushText). */
  constructor(private readonly source: LeafSource = new LeafSource()) {}

  n = 0;
  private cells = new Int32Array(4 * STRIDE);
  /** Leaf values, where MADE (see pushText). */
  private readonly values: (Scalar | undefined)[] = [];
  private readonly views: (EventValue | undefined)[] = [];
  private readonly texts: (string | undefined)[] = [];
  private readonly lowers: (string | null | undefined)[] = [];
  /** Some leaf here has array membership. */
  anyMembered = false;
  /**
   * The one array (numbered per event) whose elements hold every leaf here, each directly (no array
   * further out); NO_ARRAY when there is no single such array.
   */
  array = NO_ARRAY;

  /**
   * `ascii`: the value is a string known to hold only ASCII characters (the text reader sees that
   * as it scans): then it is its own Java view and lower-cases as ASCII, with no scan per character
   * (one scan of a 40-character leaf costs about a hash lookup: bench/README.md).
   */
  push(value: Scalar, array: number, element: number, ascii: boolean): void {
    const i = this.place(array, element, ascii ? ASCII | MADE : MADE);
    set(this.values, i, value);
  }

  /**
   * A leaf still in `text` at [start, end), made (`form`: TEXT_STRING, JSON_STRING or TEXT_NUMBER)
   * only when something reads it: at 10,000 rules an event holds leaves on many paths, and most of
   * them lead nowhere from the states the event reaches (or only through `exists`).
   */
  pushText(start: number, end: number, form: number, array: number, element: number, flags: number): void {
    const at = STRIDE * this.place(array, element, flags);
    this.cells[at + START] = start;
    this.cells[at + END] = (end << 2) | form;
  }

  private place(array: number, element: number, flags: number): number {
    const membered = array !== NO_ARRAY;
    if (this.n === 0) {
      this.anyMembered = false;
      this.array = array;
    } else if (this.array !== array) this.array = NO_ARRAY;
    if (membered) this.anyMembered = true;
    const i = this.n++;
    const at = STRIDE * i;
    if (at + STRIDE > this.cells.length) {
      const cells = new Int32Array(2 * this.cells.length);
      cells.set(this.cells);
      this.cells = cells;
    }
    this.cells[at + FLAGS] = membered ? flags | MEMBERED : flags;
    this.cells[at + ELEMENT] = element;
    return i;
  }

  private flags(i: number): number {
    return this.cells[STRIDE * i + FLAGS] as number;
  }

  /** Sets `flag` on leaf `i`, as its lazy form `flag` names is made. */
  private made(i: number, flag: number): void {
    this.cells[STRIDE * i + FLAGS] = this.flags(i) | flag;
  }

  /**
   * Where leaf `i`'s bytes start in `rawWords()` when it is a plain ASCII string left in them (see
   * EventLeaves.textLeaf), else -1: compared there, it needs no string made (rawLength: how many).
   */
  rawStart(i: number): number {
    return ((this.cells[STRIDE * i + FLAGS] as number) & RAW) !== 0
      ? (this.cells[STRIDE * i + START] as number)
      : -1;
  }

  rawLength(i: number): number {
    return ((this.cells[STRIDE * i + END] as number) >> 2) - (this.cells[STRIDE * i + START] as number);
  }

  /** The bytes rawStart's offsets are in (this event's, see LeafSource), and as words. */
  rawBytes(): Uint8Array {
    return this.source.raw;
  }

  rawWords(): Int32Array {
    return this.source.words;
  }

  /** Whether leaf `i` is a string known to hold only ASCII characters (see push). */
  ascii(i: number): boolean {
    return (this.flags(i) & ASCII) !== 0;
  }

  /** Whether leaf `i` sits inside an element of an array of objects (or arrays). */
  membered(i: number): boolean {
    return (this.flags(i) & MEMBERED) !== 0;
  }

  /** For a leaf inside exactly one such element: which element it is (see `array`). */
  element(i: number): number {
    return this.cells[STRIDE * i + ELEMENT] as number;
  }

  /** Leaf `i`'s value. */
  value(i: number): Scalar {
    return (this.flags(i) & MADE) !== 0 ? (this.values[i] as Scalar) : this.make(i);
  }

  private make(i: number): Scalar {
    const at = STRIDE * i;
    const code = this.cells[at + END] as number;
    const start = this.cells[at + START] as number;
    const { text: whole, bytes } = this.source;
    const text = bytes === null ? whole.slice(start, code >> 2) : asciiText(bytes, start, code >> 2);
    const form = code & 3;
    const v: Scalar =
      form === TEXT_STRING ? text : form === JSON_STRING ? (JSON.parse(text) as string) : Number(text);
    set(this.values, i, v);
    this.made(i, MADE);
    return v;
  }

  /**
   * A string leaf as Java's UTF-8 bytes see it (lone surrogates read as '?'): the value itself
   * unless it holds a lone surrogate, made on first use. Prefix and suffix operands are compared with
   * it (inside quotes, see CharTrie.quotedPrefixesOf).
   */
  javaView(i: number, value: string): string {
    const flags = this.flags(i);
    if ((flags & ASCII) !== 0) return value;
    if ((flags & JAVA) !== 0) return this.texts[i] as string;
    const t = javaUtf8View(value);
    set(this.texts, i, t);
    this.made(i, JAVA);
    return t;
  }

  /** A string leaf (as Java sees it) lower-cased when it is ASCII (else null), made on first use. */
  asciiLower(i: number, value: string): string | null {
    const flags = this.flags(i);
    if ((flags & LOWERED) !== 0) return this.lowers[i] as string | null;
    let l: string | null;
    if ((flags & ASCII) !== 0) l = value.toLowerCase();
    else {
      // Java reads a lone surrogate as '?', which equals-ignore-case "?" then matches.
      const view = javaUtf8View(value);
      l = isAscii(view) ? (hasUpperAscii(view) ? view.toLowerCase() : view) : null;
    }
    set(this.lowers, i, l);
    this.made(i, LOWERED);
    return l;
  }

  /** The leaf in the form matchValuePattern reads, made on first use. */
  view(i: number): EventValue {
    const flags = this.flags(i);
    if ((flags & VIEWED) !== 0) return this.views[i] as EventValue;
    const v = toEventValue(this.value(i), (flags & ASCII) !== 0);
    set(this.views, i, v);
    // made() reads the flags afresh: making the value above set MADE.
    this.made(i, VIEWED);
    return v;
  }
}

/** `list[i] = x`, first filling any gap below `i`, so the list never turns sparse. */
function set<T>(list: (T | undefined)[], i: number, x: T): void {
  while (list.length < i) list.push(undefined);
  list[i] = x;
}

/** Some character is an ASCII capital (else lower-casing would give back the same string). */
function hasUpperAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x41 && c <= 0x5a) return true;
  }
  return false;
}

function toEventValue(value: Scalar, ascii: boolean): EventValue {
  if (typeof value === "string") return EventValue.string(value, ascii);
  if (typeof value === "number") return EventValue.number(value, numberText(value));
  if (value === null) return EventValue.literal("null");
  return EventValue.literal(value ? "true" : "false");
}

/** One key step of the pattern paths; `slot` >= 0 where a path ends. */
export class PathStep {
  /** childAt's table for a step without children (never written): most steps are leaves. */
  private static readonly noTable = new Int32Array(1).fill(-1);
  readonly children = new Map<string, PathStep>();
  slot = -1;
  /** For text readers' duplicate-key check: the serial of the open object whose key reached this step. */
  mark = -1;
  // `children` indexed for childAt, rebuilt when it grows (children are only ever added), in one
  // Int32Array: bucket heads by first byte, length and last byte (the low `mask` + 1 cells), then
  // per ASCII name a record of its length, the next record in its bucket, its index in `steps`,
  // and its bytes four to a cell (little-endian, as the reader's words). So a key meets about one
  // candidate and reads two cache lines (at 10,000 rules a step under `detail` has dozens of names,
  // and arrays per field missed the cache several times per key), and compares four bytes at once.
  private indexed = 0;
  private table = PathStep.noTable;
  private mask = 0;
  private steps: PathStep[] = [];
  private empty = -1;
  /**
   * Bits by first byte (its low five bits) of the names a dotted key ("a.b") can go on from: the
   * names with children, and any key starting with a dot when the empty name has children. Other
   * keys that miss are not scanned for dots.
   */
  private dotted = 0;

  private index(): void {
    const names = [...this.children.keys()];
    this.steps = [...this.children.values()];
    this.indexed = names.length;
    let size = 8;
    while (size < 2 * names.length) size *= 2;
    const table: number[] = new Array<number>(size).fill(-1);
    this.empty = -1;
    this.dotted = 0;
    names.forEach((name, i) => {
      if (name === "") this.empty = i;
      if ((this.steps[i] as PathStep).children.size > 0)
        this.dotted |= 1 << ((name === "" ? 0x2e : name.charCodeAt(0)) & 31);
      // A key the reader compares in place is ASCII: other names are found by `child`.
      if (name === "" || !isAscii(name)) return;
      const b = bucketOf(name.charCodeAt(0), name.length, name.charCodeAt(name.length - 1), size - 1);
      const at = table.length;
      table.push(name.length, table[b] as number, i);
      pushPacked(table, name);
      table[b] = at;
    });
    this.table = Int32Array.from(table);
    this.mask = size - 1;
  }

  /**
   * The step `key` leads to: a child, or for a dotted key the nested path it spells ("a.b" = a → b).
   * Keys with an empty dot-part lead to no path: automaton paths have none.
   */
  child(key: string): PathStep | undefined {
    const child = this.children.get(key);
    if (child !== undefined || !key.includes(".")) return child;
    let step: PathStep | undefined = this;
    for (const part of key.split(".")) step = step?.children.get(part);
    return step;
  }

  /**
   * The step the key in `bytes` [start, end) (ASCII, no escapes) leads to, as EventLeaves.read finds
   * it: a child, or for a dotted key the nested path it spells. `words`: the same bytes as
   * little-endian 32-bit words, readable a word past `end`. Compared in place: no key string is
   * made or hashed.
   */
  childAt(bytes: Uint8Array, words: Int32Array, start: number, end: number): PathStep | undefined {
    if (this.indexed !== this.children.size) this.index();
    const length = end - start;
    if (length === 0) return this.empty < 0 ? undefined : this.steps[this.empty];
    const i = this.find(bytes, words, start, length);
    if (i >= 0) return this.steps[i];
    if ((this.dotted & (1 << ((bytes[start] as number) & 31))) === 0) return undefined;
    // A dotted key ("a.b"): its first dot-part, then the rest from there (names have no dot).
    for (let dot = start; dot < end; dot++)
      if (bytes[dot] === 0x2e) {
        const j = dot > start ? this.find(bytes, words, start, dot - start) : this.empty;
        return j < 0 ? undefined : (this.steps[j] as PathStep).childAt(bytes, words, dot + 1, end);
      }
    return undefined;
  }

  /** The index in `steps` of the name spelt by `length` (> 0) bytes from `start`, or -1. */
  private find(bytes: Uint8Array, words: Int32Array, start: number, length: number): number {
    const table = this.table;
    const b = bucketOf(bytes[start] as number, length, bytes[start + length - 1] as number, this.mask);
    for (let r = table[b] as number; r >= 0; r = table[r + 1] as number)
      if (table[r] === length && sameBytes(table, r + 3, words, start, length)) return table[r + 2] as number;
    return -1;
  }
}

/** A name's bucket (see PathStep.index) from its first byte, length and last byte. */
function bucketOf(first: number, length: number, last: number, mask: number): number {
  return (first * 31 + length * 7 + last) & mask;
}

/**
 * The paths some pattern tests, as a trie of key steps, and the leaves of the current event at each.
 * Reading an event visits every member once (as event-ruler's parser does, which also refuses the
 * whole event past its limits) but keeps only leaves on a pattern path, with no per-leaf objects;
 * anything outside plain JSON data makes `read` decline, and the caller takes the exact route.
 */
export class EventLeaves {
  /** The empty path: the event itself. */
  readonly root = new PathStep();
  readonly slots: LeafSlot[] = [];
  /** The slots holding leaves of the current event. */
  private readonly touched = new IntBuffer();
  /** What the text reader reads (see LeafSource), set by it for each event. */
  readonly source = new LeafSource();
  private arrays = 0;

  /** The slot of `path` (dot-joined steps), added if new. */
  slotOf(path: string): number {
    let step = this.root;
    for (const part of path.split(".")) {
      let next = step.children.get(part);
      if (next === undefined) {
        next = new PathStep();
        step.children.set(part, next);
      }
      step = next;
    }
    if (step.slot < 0) {
      step.slot = this.slots.length;
      this.slots.push(new LeafSlot(this.source));
    }
    return step.slot;
  }

  /** Forgets the previous event's leaves (readers other than `read` call this first). */
  begin(): void {
    const { touched, slots } = this;
    for (let i = 0; i < touched.n; i++) (slots[touched.items[i] as number] as LeafSlot).n = 0;
    touched.clear();
    this.arrays = 0;
  }

  /** A new array's number for the current event (see LeafSlot.array). */
  openArray(): number {
    return this.arrays++;
  }

  /** Collects the event's leaves; false when this event needs the exact route. */
  read(event: unknown): boolean {
    this.begin();
    if (typeof event !== "object" || event === null || Array.isArray(event)) return false;
    try {
      return this.object(event, this.root, 1, NO_ARRAY, 0);
    } catch {
      // A throwing getter or a revoked proxy: the exact route decides (it finds no match).
      return false;
    }
  }

  private object(
    node: object,
    step: PathStep | undefined,
    depth: number,
    array: number,
    element: number,
  ): boolean {
    // Plain objects only (what JSON.parse makes): for-in then sees exactly the own keys.
    if (depth > MAX_NESTING_DEPTH) return false;
    const proto: unknown = Object.getPrototypeOf(node);
    if (proto !== Object.prototype && proto !== null) return false;
    const record = node as Record<string, unknown>;
    for (const key in record) {
      if (key.length > MAX_NAME_LENGTH) return false;
      if (!this.member(record[key], step?.child(key), depth, array, element)) return false;
    }
    return true;
  }

  /** Keeps `value` when `step` ends a pattern path: array/element as in LeafSlot.push. */
  leaf(value: Scalar, step: PathStep | undefined, array: number, element: number, ascii: boolean): void {
    if (step === undefined || step.slot < 0) return;
    this.touch(step).push(value, array, element, ascii);
  }

  /**
   * Keeps the leaf at [start, end) of the source's text (or, when it has `bytes`, of those) when
   * `step` ends a pattern path (see LeafSlot.pushText). `ascii`: a string of ASCII characters only;
   * `raw`: also a TEXT_STRING at the same offsets in the source's `raw` bytes.
   */
  textLeaf(
    start: number,
    end: number,
    form: number,
    step: PathStep,
    array: number,
    element: number,
    ascii: boolean,
    raw: boolean,
  ): void {
    this.touch(step).pushText(start, end, form, array, element, ascii ? (raw ? ASCII | RAW : ASCII) : 0);
  }

  /** The slot of a path-ending `step`, recorded as holding leaves of the current event. */
  private touch(step: PathStep): LeafSlot {
    const slot = this.slots[step.slot] as LeafSlot;
    if (slot.n === 0) this.touched.push(step.slot);
    return slot;
  }

  private member(
    value: unknown,
    step: PathStep | undefined,
    depth: number,
    array: number,
    element: number,
  ): boolean {
    switch (typeof value) {
      case "string":
        if (value.length > MAX_STRING_LENGTH) return false;
        this.leaf(value, step, array, element, false);
        return true;
      case "number":
        if (!Number.isFinite(value)) return false;
        this.leaf(value, step, array, element, false);
        return true;
      case "boolean":
        this.leaf(value, step, array, element, false);
        return true;
      case "object":
        if (value === null) {
          this.leaf(null, step, array, element, false);
          return true;
        }
        if (Array.isArray(value)) return this.list(value, step, depth + 1, array, element);
        return this.object(value, step, depth + 1, array, element);
      default:
        return false;
    }
  }

  private list(
    items: unknown[],
    step: PathStep | undefined,
    depth: number,
    array: number,
    element: number,
  ): boolean {
    if (depth > MAX_NESTING_DEPTH || Object.getPrototypeOf(items) !== Array.prototype) return false;
    const id = this.openArray();
    for (let i = 0; i < items.length; i++) {
      if (!(i in items)) return false;
      const item = items[i];
      // Only object and array elements are "in" the array; scalars share the array's membership.
      const ok =
        typeof item === "object" && item !== null
          ? this.member(item, step, depth, array === NO_ARRAY ? id : NESTED, i)
          : this.member(item, step, depth, array, element);
      if (!ok) return false;
    }
    return true;
  }
}
