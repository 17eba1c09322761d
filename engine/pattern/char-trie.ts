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

function reverse(s: string): string {
  let out = "";
  for (let i = s.length - 1; i >= 0; i--) out += s[i];
  return out;
}

export class CharTrie<T> {
  private readonly root = new RadixNode<T>("");
  size = 0;

  /** Stores `item` under `key`; with `reversed`, under the key read from its end. */
  add(key: string, item: T, reversed = false): void {
    const k = reversed ? reverse(key) : key;
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
    this.size++;
  }

  /** Pushes onto `into` every item whose key is a prefix of `s` (a suffix, when `reversed`). */
  prefixesOf(s: string, reversed: boolean, into: T[]): void {
    let node: RadixNode<T> | undefined = this.root;
    const n = s.length;
    let pos = 0;
    for (;;) {
      if (node.items !== null) for (const item of node.items) into.push(item);
      if (pos >= n || node.next === null) return;
      node = node.next.get(s.charCodeAt(reversed ? n - 1 - pos : pos));
      if (node === undefined) return;
      const edge = node.edge;
      if (pos + edge.length > n) return;
      if (!reversed) {
        if (!s.startsWith(edge, pos)) return;
      } else {
        for (let k = 1; k < edge.length; k++)
          if (s.charCodeAt(n - 1 - pos - k) !== edge.charCodeAt(k)) return;
      }
      pos += edge.length;
    }
  }
}
