/**
 * String keys in a radix tree (edges carry runs of characters), for finding every stored key that
 * is a prefix of a string in one pass over the string, however many keys there are; fed strings
 * backwards (keys stored reversed) it finds suffixes. Compressed edges keep the walk to a few
 * comparisons even when thousands of keys share long beginnings (ARNs, hostnames).
 */
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

/** Up to this many keys are kept in a list and compared one by one: fewer objects to reach. */
const LIST_SIZE = 4;

export class CharTrie<T> {
  private readonly root = new RadixNode<T>("");
  /** The keys (as stored: reversed for suffixes) and items while there are few; then null. */
  private listKeys: string[] | null = [];
  private listItems: T[] = [];
  size = 0;

  /** Stores `item` under `key`; with `reversed`, under the key read from its end. */
  add(key: string, item: T, reversed = false): void {
    const k = reversed ? reverse(key) : key;
    this.size++;
    if (this.listKeys !== null) {
      if (this.listKeys.length < LIST_SIZE) {
        this.listKeys.push(k);
        this.listItems.push(item);
        return;
      }
      const keys = this.listKeys;
      this.listKeys = null;
      for (let i = 0; i < keys.length; i++) this.file(keys[i] as string, this.listItems[i] as T);
      this.listItems = [];
    }
    this.file(k, item);
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

  /**
   * Pushes onto `into` every item whose key is a prefix (a suffix, when `reversed`) of `"` + `s` +
   * `"`, the quoted form prefix and suffix operands are written in, without making that string.
   */
  quotedPrefixesOf(s: string, reversed: boolean, into: T[]): void {
    // Positions in the quoted string: 0 and n - 1 are the quotes.
    const n = s.length + 2;
    const keys = this.listKeys;
    if (keys !== null) {
      for (let i = 0; i < keys.length; i++)
        if (quotedStartsWith(s, keys[i] as string, reversed)) into.push(this.listItems[i] as T);
      return;
    }
    let node: RadixNode<T> | undefined = this.root;
    let pos = 0;
    for (;;) {
      if (node.items !== null) for (const item of node.items) into.push(item);
      if (pos >= n || node.next === null) return;
      node = node.next.get(quotedAt(s, n, reversed ? n - 1 - pos : pos));
      if (node === undefined) return;
      const edge = node.edge;
      if (pos + edge.length > n) return;
      for (let k = 1; k < edge.length; k++)
        if (quotedAt(s, n, reversed ? n - 1 - pos - k : pos + k) !== edge.charCodeAt(k)) return;
      pos += edge.length;
    }
  }
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
function quotedAt(s: string, n: number, p: number): number {
  return p === 0 || p === n - 1 ? QUOTE : s.charCodeAt(p - 1);
}
