import type { RuleSource } from "../load/rule-file.js";
import type { JsonPath, Position } from "../load/source-map.js";
import { yaml } from "../load/yaml-module.js";

/**
 * Where a position inside a template string lands in the file. Exact for plain and quoted
 * single-line scalars; for block scalars the line is exact and the column is relative to the
 * block's indentation, which is as close as the YAML text allows without re-scanning it.
 */
export function templatePosition(source: RuleSource, path: JsonPath, line: number, col: number): Position {
  const node = source.map.nodeAt(path);
  const start = source.map.locate(path);
  if (!yaml().isScalar(node)) return start;
  switch (node.type) {
    case yaml().Scalar.QUOTE_DOUBLE:
    case yaml().Scalar.QUOTE_SINGLE:
      return line === 1 ? { line: start.line, col: start.col + col } : start;
    case yaml().Scalar.BLOCK_LITERAL:
    case yaml().Scalar.BLOCK_FOLDED: {
      const indent = blockIndent(source.text, start.line + 1);
      return { line: start.line + line, col: indent + col };
    }
    default:
      return line === 1 ? { line: start.line, col: start.col + col - 1 } : start;
  }
}

function blockIndent(text: string, line: number): number {
  const l = text.split("\n")[line - 1] ?? "";
  return l.length - l.trimStart().length;
}
