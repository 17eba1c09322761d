import { bytesEqual, pushUnits, textCells, unitAt, unitsEqual } from "../text/packed-text.js";
import { IntBuffer } from "./int-buffer.js";

/** A node of CharTrie while keys are added (lookups read the cells CharTrie.seal writes). */
class RadixNode<T> {
  /** Children by the first UTF-16 unit of their edge. */
  next: Map<number, RadixNode<T>> | null = null;
  items: T[] | null = null;
  constructor(public edge: string) {}
}

export function reverse(s: string): string {
  let out = "";
  for (let i = s.length - 1; i >= 0; i--) out += s[i];
  return out;
}

/**
 * String keys in a radix tree (edges carry runs of characters), for finding every stored key that
 * is a prefix of a string in one pass over the string, however many keys there are; fed strings
 * backwards (keys stored reversed) it finds suffixes. Compressed edges keep the walk to a few
 * comparisons even when thousands of keys share long beginnings (ARNs, hostnames).
 */
export class CharTrie<T> {
  private readonly root = new RadixNode<T>("");
  /**
   * The tree as lookups read it (see seal), made on the first lookup after an addition: at 10,000
   * rules most lookups miss the cache, and one typed array holds what a tree of nodes, maps and
   * strings spreads over many objects.
   */
  private cells: Int32Array | null = null;
  private items: T[] = [];

  /** Stores `item` under `key`; with `reversed`, under the key read from its end. */
  add(key: string, item: T, reversed = false): void {
    this.file(reversed ? reverse(key) : key, item);
    this.cells = null;
  }

  private file(k: string, item: T): void {
    let node = this.root;
    let pos = 0;
    while (pos < k.length) {
      node.next ??= new Map();
      const code = k.charCodeAt(pos);
      const child = node.next.get(code);
      if (child === undefined) {
        const leaf = new RadixNode<T>(k.slice(pos));
        node.next.set(code, leaf);
        node = leaf;
        pos = k.length;
        break;
      }
      let common = 0;
      const edge = child.edge;
      while (common < edge.length && pos + common < k.length && edge[common] === k[pos + common]) common++;
      if (common < edge.length) {
        // Split the edge where the new key leaves it.
        const middle = new RadixNode<T>(edge.slice(0, common));
        child.edge = edge.slice(common);
        middle.next = new Map([[child.edge.charCodeAt(0), child]]);
        node.next.set(code, middle);
        node = middle;
      } else node = child;
      pos += common;
    }
    if (node.items === null) node.items = [item];
    else node.items.push(item);
  }

  /** Calls `f` with every item. */
  forEach(f: (item: T) => void): void {
    this.eachNode((items) => {
      for (const item of items) f(item);
    });
  }

  /** Replaces every item by `f(item)`. */
  retarget(f: (item: T) => T): void {
    this.eachNode((items) => {
      for (let i = 0; i < items.length; i++) items[i] = f(items[i] as T);
    });
    this.cells = null;
  }

  private eachNode(f: (items: T[]) => void): void {
    const visit = (node: RadixNode<T>): void => {
      if (node.items !== null) f(node.items);
      node.next?.forEach(visit);
    };
    visit(this.root);
  }

  /**
   * Writes the tree into one Int32Array, depth first, so a lookup reads forwards through it. A node
   * is: its edge's length and UTF-16 units (two a cell, see pushUnits), the start and count of its
   * items (in `items`), its child count, then (first unit, cell) per child, sorted by unit.
   */
  private seal(): Int32Array {
    const cells: number[] = [];
    const items: T[] = [];
    const write = (node: RadixNode<T>): number => {
      const at = cells.length;
      cells.push(node.edge.length);
      pushUnits(cells, node.edge);
      cells.push(items.length, node.items?.length ?? 0);
      if (node.items !== null) items.push(...node.items);
      const children = node.next === null ? [] : [...node.next].sort((a, b) => a[0] - b[0]);
      cells.push(children.length);
      const table = cells.length;
      for (const [code] of children) cells.push(code, 0);
      children.forEach(([, child], c) => {
        cells[table + 2 * c + 1] = write(child);
      });
      return at;
    };
    write(this.root);
    this.items = items;
    this.cells = Int32Array.from(cells);
    return this.cells;
  }

  /** The tree as `seal` writes it, and the items its nodes address by position. */
  sealed(): { cells: Int32Array; items: readonly T[] } {
    const cells = this.cells ?? this.seal();
    return { cells, items: this.items };
  }

  /**
   * Pushes onto `into` every item whose key is a prefix (a suffix, when `reversed`) of `"` + `s` +
   * `"`, the quoted form prefix and suffix operands are written in, without making that string.
   */
  quotedPrefixesOf(s: string, reversed: boolean, into: T[]): void {
    const cells = this.cells ?? this.seal();
    const from = ranges.n;
    quotedPrefixRanges(cells, 0, s, reversed, ranges);
    const items = this.items;
    const found = ranges.items;
    for (let r = from; r < ranges.n; r += 2)
      for (let i = found[r] as number, end = i + (found[r + 1] as number); i < end; i++)
        into.push(items[i] as T);
    ranges.n = from;
  }
}

/** Item ranges found by one lookup; lookups do not nest, so one buffer serves. */
const ranges = new IntBuffer();

/**
 * For a tree written by CharTrie's seal at `base` of `cells`: pushes onto `out` the start and count
 * of the items of each node whose key is a prefix (a suffix, when `reversed`) of `"` + `s` + `"`.
 */
export function quotedPrefixRanges(
  cells: Int32Array,
  base: number,
  s: string,
  reversed: boolean,
  out: IntBuffer,
): void {
  // Positions in the quoted string: 0 and n - 1 are the quotes.
  const n = s.length + 2;
  let at = base;
  let pos = 0;
  for (;;) {
    const length = cells[at] as number;
    if (pos + length > n) return;
    // The edge's first unit was matched when its node was chosen.
    if (pos + length < n) {
      // Inside the quotes: units 1.. are the string's from `pos` (backwards from its end when
      // reversed), compared two to a cell after the first cell's second unit, with no quote test
      // per unit (measured: bench/README.md, "Figures moved from code comments").
      if (!(reversed ? edgeEquals(cells, at, s, s.length - pos - 1, -1) : edgeEquals(cells, at, s, pos, 1)))
        return;
    } else
      for (let k = 1; k < length; k++)
        if (quotedAt(s, n, reversed ? n - 1 - pos - k : pos + k) !== unitAt(cells, at + 1, k)) return;
    pos += length;
    at += 1 + textCells(length);
    const count = cells[at + 1] as number;
    if (count > 0) {
      out.push(cells[at] as number);
      out.push(count);
    }
    const children = cells[at + 2] as number;
    if (pos >= n || children === 0) return;
    const child = childAt(cells, at + 3, children, quotedAt(s, n, reversed ? n - 1 - pos : pos));
    if (child < 0) return;
    at = base + child;
  }
}

/**
 * quotedPrefixRanges for the ASCII string in `bytes` [start, start + length) (its units are its
 * bytes), read there: no string is made of it.
 */
export function quotedPrefixRangesAt(
  cells: Int32Array,
  base: number,
  bytes: Uint8Array,
  start: number,
  length: number,
  reversed: boolean,
  out: IntBuffer,
): void {
  const n = length + 2;
  let at = base;
  let pos = 0;
  for (;;) {
    const edge = cells[at] as number;
    if (pos + edge > n) return;
    if (pos + edge < n) {
      if (
        edge >= 2 &&
        !(reversed
          ? (cells[at + 1] as number) >>> 16 === bytes[start + length - pos - 1] &&
            bytesEqual(cells, at + 2, bytes, start + length - pos - 2, -1, edge - 2)
          : (cells[at + 1] as number) >>> 16 === bytes[start + pos] &&
            bytesEqual(cells, at + 2, bytes, start + pos + 1, 1, edge - 2))
      )
        return;
    } else
      for (let k = 1; k < edge; k++)
        if (quotedByteAt(bytes, start, n, reversed ? n - 1 - pos - k : pos + k) !== unitAt(cells, at + 1, k))
          return;
    pos += edge;
    at += 1 + textCells(edge);
    const count = cells[at + 1] as number;
    if (count > 0) {
      out.push(cells[at] as number);
      out.push(count);
    }
    const children = cells[at + 2] as number;
    if (pos >= n || children === 0) return;
    const child = childAt(
      cells,
      at + 3,
      children,
      quotedByteAt(bytes, start, n, reversed ? n - 1 - pos : pos),
    );
    if (child < 0) return;
    at = base + child;
  }
}

/** quotedAt for the ASCII string of `n` - 2 bytes from `start` of `bytes`. */
function quotedByteAt(bytes: Uint8Array, start: number, n: number, p: number): number {
  return p === 0 || p === n - 1 ? QUOTE : (bytes[start + p - 1] as number);
}

/**
 * Whether units 1 to length - 1 of the edge written at `at` are `s` from index `first` on, read
 * forwards (`step` 1) or backwards (-1). Unit 0 was matched when the node was chosen; unit 1 is the
 * first cell's high half, and the rest start on a cell.
 */
function edgeEquals(cells: Int32Array, at: number, s: string, first: number, step: number): boolean {
  const length = cells[at] as number;
  if (length < 2) return true;
  return (
    (cells[at + 1] as number) >>> 16 === s.charCodeAt(first) &&
    unitsEqual(cells, at + 2, s, first + step, step, length - 2)
  );
}

/** The cell of the child whose edge begins with `code`, in a sorted table of (unit, cell); or -1. */
function childAt(cells: Int32Array, table: number, count: number, code: number): number {
  let low = 0;
  let high = count - 1;
  // Most nodes have one or two children: read them in turn; search larger tables.
  if (count <= 8) {
    for (let c = 0; c < count; c++) {
      const unit = cells[table + 2 * c] as number;
      if (unit === code) return cells[table + 2 * c + 1] as number;
      if (unit > code) return -1;
    }
    return -1;
  }
  while (low <= high) {
    const mid = (low + high) >> 1;
    const unit = cells[table + 2 * mid] as number;
    if (unit === code) return cells[table + 2 * mid + 1] as number;
    if (unit < code) low = mid + 1;
    else high = mid - 1;
  }
  return -1;
}

const QUOTE = 0x22;

/**
 * Whether `key` begins the quoted form of `s` (`"` + s + `"`), or with `reversed`, whether `key` read
 * backwards ends it (keys are stored that way for suffixes).
 */
export function quotedStartsWith(s: string, key: string, reversed: boolean): boolean {
  const n = s.length + 2;
  if (key.length > n) return false;
  for (let k = 0; k < key.length; k++)
    if (quotedAt(s, n, reversed ? n - 1 - k : k) !== key.charCodeAt(k)) return false;
  return true;
}

/** The UTF-16 unit at `p` of the quoted form (length `n`) of `s`. */
export function quotedAt(s: string, n: number, p: number): number {
  return p === 0 || p === n - 1 ? QUOTE : s.charCodeAt(p - 1);
}
