import type { Document, LineCounter, Node } from "yaml";
import { yaml } from "./yaml-module.js";

export type JsonPath = ReadonlyArray<string | number>;

export interface Position {
  line: number;
  col: number;
}

/** A document's syntax tree and the lines of its file. */
export interface ParsedDocument {
  doc: Document.Parsed;
  lines: LineCounter;
}

/**
 * Maps a path inside a parsed YAML document back to the line and column it came from, so
 * every problem (schema, pattern, template) can point at the node that caused it.
 */
export class SourceMap {
  #parsed: ParsedDocument | undefined;
  readonly #parse: (() => ParsedDocument) | undefined;
  readonly #start: Position | undefined;

  /**
   * From a parsed document, or lazily: `parse` gives the syntax tree when a position inside the
   * document is first asked for (a problem to report), and `start`, where the document's value
   * starts, is known without it.
   */
  constructor(doc: Document.Parsed, lines: LineCounter);
  constructor(parse: () => ParsedDocument, start: Position);
  constructor(doc: Document.Parsed | (() => ParsedDocument), second: LineCounter | Position) {
    if (typeof doc === "function") {
      this.#parse = doc;
      this.#start = second as Position;
    } else {
      this.#parsed = { doc, lines: second as LineCounter };
    }
  }

  get #tree(): ParsedDocument {
    this.#parsed ??= this.#parse!();
    return this.#parsed;
  }

  /** Position of the node at `path`; `key: true` points at the mapping key instead of its value. */
  locate(path: JsonPath, opts: { key?: boolean } = {}): Position {
    if (path.length === 0 && this.#start) return { ...this.#start };
    const { doc } = this.#tree;
    let node: unknown = doc.contents;
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
    return this.offsetPosition(rangeStart(target) ?? rangeStart(doc.contents) ?? 0);
  }

  /** The raw node at `path`, for callers that need its scalar style (e.g. template offsets). */
  nodeAt(path: JsonPath): Node | undefined {
    const node = this.#tree.doc.getIn(path as (string | number)[], true);
    const y = yaml();
    return y.isScalar(node) || y.isMap(node) || y.isSeq(node) ? node : undefined;
  }

  offsetPosition(offset: number): Position {
    const { line, col } = this.#tree.lines.linePos(offset);
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
