import type { LeafSlot } from "../reading/event-leaves.js";
import {
  type CharTrie,
  quotedAt,
  quotedPrefixRanges,
  quotedPrefixRangesAt,
} from "../structures/char-trie.js";
import { IntBuffer } from "../structures/int-buffer.js";
import { bytesEqual, pushUnits, textCells, unitAt, unitsEqual } from "../text/packed-text.js";
import type { Edge } from "./edge.js";

/**
 * A field's ways out in the form StateCode writes (see FieldTransitions.takeFlat): exact strings,
 * ASCII lower-cased equals-ignore-case strings, prefix and suffix trees (suffixes stored reversed),
 * wildcards filed by their first (last) literal segment, `exists: true`, and anything-but lists of
 * strings with the names each excludes.
 */
export interface FlatForm<N> {
  slot: number;
  /** Where the field's absence leads (`exists: false`), or null. */
  absent: N | null;
  strings: [string, N][];
  caseless: [string, N][];
  prefixes: CharTrie<N> | null;
  suffixes: CharTrie<N> | null;
  /** Wildcard edges by their first literal segment, quoted (see FieldTransitions). */
  globPrefixes: CharTrie<Edge<N>> | null;
  /** Wildcard edges by their last literal segment, quoted, stored reversed. */
  globSuffixes: CharTrie<Edge<N>> | null;
  always: N[];
  buts: { to: N; names: string[] }[];
}

/** Longest list of strings (or of anything-but lists) written as a list: each is compared in turn. */
export const FLAT_LIST = 8;

/**
 * Targets in code (and, once the automaton is built, everywhere): ends as RouteEnds numbers them
 * (their magnitude stays far below this), states as STATE_BASE plus where their code starts.
 */
export const STATE_BASE = 1 << 30;

// Sections of a field's record, in the order they are written and read.
const STRINGS = 1;
const CASELESS = 2;
const PREFIXES = 4;
const SUFFIXES = 8;
const GLOB_PREFIXES = 16;
const GLOB_SUFFIXES = 32;
const ALWAYS = 64;
const BUTS = 128;
/** Written first, right after the header, so the walk finds it at a fixed place. */
const ABSENT = 256;
/** The sections only strings can take, all written before ALWAYS. */
const STRING_SECTIONS = STRINGS | CASELESS | PREFIXES | SUFFIXES | GLOB_PREFIXES | GLOB_SUFFIXES;
/** The sections read from a leaf's bytes in place, when it is a plain ASCII string left there. */
const BYTE_SECTIONS = STRINGS | PREFIXES | SUFFIXES | ALWAYS | ABSENT;
/** The sections that read a string leaf as Java does (see LeafSlot.javaView). */
const JAVA_SECTIONS = PREFIXES | SUFFIXES | GLOB_PREFIXES | GLOB_SUFFIXES | BUTS;

/**
 * Writes states' fields into one Int32Array, so an event reaching a state reads its conditions
 * from a few neighbouring cache lines instead of a FieldTransitions object, its tree object, the
 * tree's cells and items, and the strings compared (at 10,000 rules nearly all of those miss the
 * cache, and most of an event's time went there).
 *
 * A state's fields: their number, then per field: leaf slot, sections present, record length,
 * then the sections, each led by its length (see absentAt for the first). Strings are written as
 * their length and UTF-16 units, two a cell (see pushUnits); a tree as its cells (CharTrie's
 * layout) then its items.
 */
export class StateCodeWriter<N> {
  private readonly out: number[] = [];

  /** Writes the fields of one state; where its code starts. `encode`: a target as code holds it. */
  write(fields: readonly FlatForm<N>[], encode: (to: N) => number): number {
    const out = this.out;
    const at = out.length;
    out.push(fields.length);
    for (const f of fields) {
      const start = out.length;
      out.push(f.slot, 0, 0);
      let sections = 0;
      if (f.absent !== null) {
        sections |= ABSENT;
        out.push(2, encode(f.absent));
      }
      if (f.strings.length > 0) {
        sections |= STRINGS;
        section(out, () => texts(out, f.strings, encode));
      }
      if (f.caseless.length > 0) {
        sections |= CASELESS;
        section(out, () => texts(out, f.caseless, encode));
      }
      if (f.prefixes !== null) {
        sections |= PREFIXES;
        section(out, () => tree(out, f.prefixes as CharTrie<N>, encode));
      }
      if (f.suffixes !== null) {
        sections |= SUFFIXES;
        section(out, () => tree(out, f.suffixes as CharTrie<N>, encode));
      }
      if (f.globPrefixes !== null) {
        sections |= GLOB_PREFIXES;
        section(out, () => globTree(out, f.globPrefixes as CharTrie<Edge<N>>, encode));
      }
      if (f.globSuffixes !== null) {
        sections |= GLOB_SUFFIXES;
        section(out, () => globTree(out, f.globSuffixes as CharTrie<Edge<N>>, encode));
      }
      if (f.always.length > 0) {
        sections |= ALWAYS;
        section(out, () => {
          out.push(f.always.length);
          for (const to of f.always) out.push(encode(to));
        });
      }
      if (f.buts.length > 0) {
        sections |= BUTS;
        section(out, () => {
          out.push(f.buts.length);
          for (const { to, names } of f.buts) {
            out.push(encode(to), names.length);
            for (const name of names) text(out, name);
          }
        });
      }
      out[start + 1] = sections;
      out[start + 2] = out.length - start;
    }
    return at;
  }

  /**
   * Writes a whole state: three seen marks (the walk's, zero here), how many entries it accepts,
   * each entry's id and key, the index of its fields kept as objects (or -1), then its flat fields
   * (see write). Where it starts.
   */
  state(
    accepts: readonly number[],
    keys: readonly number[],
    rest: number,
    fields: readonly FlatForm<N>[],
    encode: (to: N) => number,
  ): number {
    const out = this.out;
    const at = out.length;
    out.push(0, 0, 0, accepts.length);
    for (let k = 0; k < accepts.length; k++) out.push(accepts[k] as number, keys[k] as number);
    out.push(rest);
    this.write(fields, encode);
    return at;
  }

  /** The code of every state written. */
  finish(): Int32Array {
    return Int32Array.from(this.out);
  }
}

function section(out: number[], body: () => void): void {
  const at = out.length;
  out.push(0);
  body();
  out[at] = out.length - at;
}

function text(out: number[], s: string): void {
  out.push(s.length);
  pushUnits(out, s);
}

function texts<N>(out: number[], list: readonly [string, N][], encode: (to: N) => number): void {
  out.push(list.length);
  for (const [s, to] of list) {
    out.push(encode(to));
    text(out, s);
  }
}

function tree<N>(out: number[], trie: CharTrie<N>, encode: (to: N) => number): void {
  const { cells, items } = trie.sealed();
  out.push(cells.length);
  for (const cell of cells) out.push(cell);
  for (const item of items) out.push(encode(item));
}

/**
 * A tree of wildcards (see tree), each item the place of its wildcard's entry in the code: its
 * target, segment count, then its segments as texts (quoted as parsed: first, last, then the
 * middle ones in order), so a lookup confirms the wildcards the tree finds from the cells after it.
 */
function globTree<N>(out: number[], trie: CharTrie<Edge<N>>, encode: (to: N) => number): void {
  const { cells, items } = trie.sealed();
  out.push(cells.length);
  for (const cell of cells) out.push(cell);
  const at = out.length;
  for (let k = 0; k < items.length; k++) out.push(0);
  items.forEach((edge, k) => {
    if (edge.pattern.type !== "wildcard")
      throw new Error("internal: a wildcard tree holds another condition");
    const glob = edge.pattern.glob;
    out[at + k] = out.length;
    out.push(encode(edge.to), glob.length);
    text(out, glob[0] ?? "");
    text(out, glob[glob.length - 1] ?? "");
    for (let g = 1; g < glob.length - 1; g++) text(out, glob[g] ?? "");
  });
}

/**
 * Pushes onto `out` the target of each way out that leaf `i` of `slot` takes through the field
 * whose record starts at `at` of `code`; what FieldTransitions.collect finds for the same field.
 */
export function collectCode(code: Int32Array, at: number, slot: LeafSlot, i: number, out: IntBuffer): void {
  const sections = code[at + 1] as number;
  let p = (sections & ABSENT) !== 0 ? at + 5 : at + 3;
  if ((sections & ~BYTE_SECTIONS) === 0 && (sections & (STRINGS | PREFIXES | SUFFIXES)) !== 0) {
    const start = slot.rawStart(i);
    if (start >= 0) {
      // An ASCII leaf is its own Java view; compared in its bytes, it needs no string.
      const bytes = slot.rawBytes();
      const length = slot.rawLength(i);
      if ((sections & STRINGS) !== 0) p = equalBytes(code, p, bytes, start, length, out);
      if ((sections & PREFIXES) !== 0) p = treeItemsAt(code, p, bytes, start, length, false, out);
      if ((sections & SUFFIXES) !== 0) p = treeItemsAt(code, p, bytes, start, length, true, out);
      if ((sections & ALWAYS) !== 0) {
        const n = code[p + 1] as number;
        for (let k = 0; k < n; k++) out.push(code[p + 2 + k] as number);
      }
      return;
    }
  }
  // Leaves are made on first read (see LeafSlot.value): `exists` alone needs none.
  const value = (sections & (STRING_SECTIONS | BUTS)) !== 0 ? slot.value(i) : null;
  let view: string | null = null;
  if (typeof value === "string") {
    if ((sections & STRINGS) !== 0) p = equalTexts(code, p, value, false, out);
    if ((sections & CASELESS) !== 0) {
      // An ASCII leaf is compared folding as it goes, with no lower-cased copy made.
      if (slot.ascii(i)) p = equalTexts(code, p, value, true, out);
      else {
        const lower = slot.asciiLower(i, value);
        p = lower === null ? p + (code[p] as number) : equalTexts(code, p, lower, false, out);
      }
    }
    // Trees and anything-but names are compared with the leaf as Java reads it.
    view = (sections & JAVA_SECTIONS) !== 0 ? slot.javaView(i, value) : value;
    if ((sections & PREFIXES) !== 0) p = treeItems(code, p, view, false, false, out);
    if ((sections & SUFFIXES) !== 0) p = treeItems(code, p, view, true, false, out);
    if ((sections & GLOB_PREFIXES) !== 0) p = treeItems(code, p, view, false, true, out);
    if ((sections & GLOB_SUFFIXES) !== 0) p = treeItems(code, p, view, true, true, out);
  } else
    for (let s = STRINGS; s <= GLOB_SUFFIXES; s <<= 1)
      if ((sections & STRING_SECTIONS & s) !== 0) p += code[p] as number;
  if ((sections & ALWAYS) !== 0) {
    const n = code[p + 1] as number;
    for (let k = 0; k < n; k++) out.push(code[p + 2 + k] as number);
    p += code[p] as number;
  }
  if ((sections & BUTS) !== 0) allBut(code, p, view, out);
}

/** Where the absence of the field whose record starts at `at` leads (a target as code holds it), or -1 for nowhere. */
export function absentAt(code: Int32Array, at: number): number {
  return ((code[at + 1] as number) & ABSENT) !== 0 ? (code[at + 4] as number) : NO_TARGET;
}

/** No target: ends and states are never this (see STATE_BASE). */
export const NO_TARGET = -STATE_BASE - 1;

/** Whether the string written at `p` of `code` is `s`. */
function isText(code: Int32Array, p: number, s: string): boolean {
  const n = code[p] as number;
  return n === s.length && unitsEqual(code, p + 1, s, 0, 1, n);
}

/** Whether the string written at `p` of `code` is `s` (ASCII) with its capitals lower-cased. */
function isFoldedText(code: Int32Array, p: number, s: string): boolean {
  const n = code[p] as number;
  if (n !== s.length) return false;
  let q = p + 1;
  let k = 0;
  for (; k + 1 < n; k += 2)
    if (code[q++] !== (folded(s.charCodeAt(k)) | (folded(s.charCodeAt(k + 1)) << 16))) return false;
  return k === n || code[q] === folded(s.charCodeAt(k));
}

/** An ASCII unit lower-cased. */
function folded(c: number): number {
  return c >= 0x41 && c <= 0x5a ? c + 0x20 : c;
}

/**
 * Pushes the targets of the listed strings equal to `s` (with `folded`, to ASCII `s` lower-cased);
 * the section's end.
 */
function equalTexts(code: Int32Array, p: number, s: string, folded: boolean, out: IntBuffer): number {
  const count = code[p + 1] as number;
  let q = p + 2;
  for (let e = 0; e < count; e++) {
    if (folded ? isFoldedText(code, q + 1, s) : isText(code, q + 1, s)) out.push(code[q] as number);
    q += 2 + textCells(code[q + 1] as number);
  }
  return p + (code[p] as number);
}

/** equalTexts for the ASCII string in `bytes` [start, start + length). */
function equalBytes(
  code: Int32Array,
  p: number,
  bytes: Uint8Array,
  start: number,
  length: number,
  out: IntBuffer,
): number {
  const count = code[p + 1] as number;
  let q = p + 2;
  for (let e = 0; e < count; e++) {
    const n = code[q + 1] as number;
    if (n === length && bytesEqual(code, q + 2, bytes, start, 1, n)) out.push(code[q] as number);
    q += 2 + textCells(n);
  }
  return p + (code[p] as number);
}

/** treeItems (no wildcards) for the ASCII string in `bytes` [start, start + length). */
function treeItemsAt(
  code: Int32Array,
  p: number,
  bytes: Uint8Array,
  start: number,
  length: number,
  reversed: boolean,
  out: IntBuffer,
): number {
  const cells = p + 2;
  const items = cells + (code[p + 1] as number);
  const from = found.n;
  quotedPrefixRangesAt(code, cells, bytes, start, length, reversed, found);
  const ranges = found.items;
  for (let r = from; r < found.n; r += 2)
    for (let k = ranges[r] as number, end = k + (ranges[r + 1] as number); k < end; k++)
      out.push(code[items + k] as number);
  found.n = from;
  return p + (code[p] as number);
}

/** Item ranges found by one tree lookup; lookups do not nest, so one buffer serves. */
const found = new IntBuffer();

/**
 * Pushes the items of the tree written at `p` whose keys begin (end) the quoted `s`; the section's
 * end. With `globs` (see globTree), an item is the place of a wildcard's entry: its target is
 * pushed when the wildcard matches `s` whole.
 */
function treeItems(
  code: Int32Array,
  p: number,
  s: string,
  reversed: boolean,
  globs: boolean,
  out: IntBuffer,
): number {
  const cells = p + 2;
  const items = cells + (code[p + 1] as number);
  const from = found.n;
  quotedPrefixRanges(code, cells, s, reversed, found);
  const ranges = found.items;
  for (let r = from; r < found.n; r += 2)
    for (let k = ranges[r] as number, end = k + (ranges[r + 1] as number); k < end; k++) {
      const item = code[items + k] as number;
      if (!globs) out.push(item);
      else if (globMatches(code, item, s)) out.push(code[item] as number);
    }
  found.n = from;
  return p + (code[p] as number);
}

/**
 * Whether the quoted `s` matches the wildcard whose entry starts at `q` (see globTree) as
 * matchWildcard reads it: the first segment begins it, the last ends it, and each middle one is
 * placed leftmost after the one before, within them.
 */
function globMatches(code: Int32Array, q: number, s: string): boolean {
  const n = s.length + 2;
  const segments = code[q + 1] as number;
  const first = q + 2;
  const firstLength = code[first] as number;
  const last = first + 1 + textCells(firstLength);
  const lastLength = code[last] as number;
  if (n < firstLength + lastLength) return false;
  if (!quotedTextAt(code, first, s, n, 0) || !quotedTextAt(code, last, s, n, n - lastLength)) return false;
  let pos = firstLength;
  const end = n - lastLength;
  let p = last + 1 + textCells(lastLength);
  for (let g = 2; g < segments; g++) {
    const length = code[p] as number;
    let at = pos;
    while (at + length <= end && !quotedTextAt(code, p, s, n, at)) at++;
    if (at + length > end) return false;
    pos = at + length;
    p += 1 + textCells(length);
  }
  return true;
}

/** Whether the text written at `p` of `code` sits at `at` of the quoted `s` (of length `n`). */
function quotedTextAt(code: Int32Array, p: number, s: string, n: number, at: number): boolean {
  const length = code[p] as number;
  for (let k = 0; k < length; k++) if (quotedAt(s, n, at + k) !== unitAt(code, p + 1, k)) return false;
  return true;
}

/** Pushes the target of every anything-but list not naming `s` (every list, for a value not a string). */
function allBut(code: Int32Array, p: number, s: string | null, out: IntBuffer): void {
  const count = code[p + 1] as number;
  let q = p + 2;
  for (let l = 0; l < count; l++) {
    const to = code[q] as number;
    const names = code[q + 1] as number;
    q += 2;
    let named = false;
    for (let k = 0; k < names; k++) {
      if (!named && s !== null && isText(code, q, s)) named = true;
      q += 1 + textCells(code[q] as number);
    }
    if (!named) out.push(to);
  }
}
