import type { Document, LineCounter, Node } from "yaml";
import { yaml } from "./yaml-module.js";

export type JsonPath = ReadonlyArray<string | number>;

export interface Position {
  line: number;
  col: number;
}

/**
 * Maps a path inside a parsed YAML document back to the line and column it came from, so
 * every problem (schema, pattern, template) can point at the node that caused it.
 */
export class SourceMap {
  constructor(
    private readonly doc: Document.Parsed,
    private readonly lines: LineCounter,
  ) {}

  /** Position of the node at `path`; `key: true` points at the mapping key instead of its value. */
  locate(path: JsonPath, opts: { key?: boolean } = {}): Position {
    let node: unknown = this.doc.contents;
    let keyNode: unknown;
    let last: unknown = node;
    for (const segment of path) {
      keyNode = undefined;
      if (yaml().isMap(node)) {
        const pair = node.items.find((p) => yaml().isPair(p) && keyOf(p.key) === String(segment));
        if (!pair) break;
        keyNode = pair.key;
        node = pair.value;
      } else if (yaml().isSeq(node) && typeof segment === "number") {
        node = node.items[segment];
      } else {
        break;
      }
      if (node == null) {
        // `key:` with no value: the key is the best place to point.
        node = keyNode;
        last = node;
        break;
      }
      last = node;
    }
    const target = opts.key && keyNode ? keyNode : last;
    return this.offsetPosition(rangeStart(target) ?? rangeStart(this.doc.contents) ?? 0);
  }

  /** The raw node at `path`, for callers that need its scalar style (e.g. template offsets). */
  nodeAt(path: JsonPath): Node | undefined {
    const node = this.doc.getIn(path as (string | number)[], true);
    const y = yaml();
    return y.isScalar(node) || y.isMap(node) || y.isSeq(node) ? node : undefined;
  }

  offsetPosition(offset: number): Position {
    const { line, col } = this.lines.linePos(offset);
    return { line, col };
  }
}

function keyOf(key: unknown): string | undefined {
  if (yaml().isScalar(key)) return String(key.value);
  return undefined;
}

function rangeStart(node: unknown): number | undefined {
  if (node && typeof node === "object" && "range" in node) {
    const range = (node as { range?: [number, number, number] }).range;
    if (range) return range[0];
  }
  return undefined;
}
