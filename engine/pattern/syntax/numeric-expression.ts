import { isComparableNumber } from "../text/java-double.js";
import { CompileFailure, type NodePath, type PatternEntry } from "./compile-failure.js";
import type { JsonNode } from "./json-node.js";

/**
 * `{"numeric": [...]}`: "=", or one bound (">", ">=", "<", "<="), or a lower bound followed by an
 * upper bound. Checks run in event-ruler's token order so the first problem found is the one it names.
 */

/** The text Jackson's getText() gives for the token a node starts with. */
export function tokenText(node: JsonNode | undefined): string {
  if (node === undefined) return "]";
  switch (node.kind) {
    case "object":
      return "{";
    case "array":
      return "[";
    case "string":
      return node.value;
    case "number":
    case "literal":
      return node.text;
  }
}

function requireNumber(node: JsonNode | undefined, message: string, path: NodePath): number {
  if (node?.kind !== "number") throw new CompileFailure(message, path);
  return node.value;
}

function comparable(node: JsonNode | undefined, path: NodePath): number {
  if (node?.kind !== "number") throw new CompileFailure("Value must be numeric", path);
  if (!isComparableNumber(node.value)) throw new CompileFailure(`Cannot compare number : ${node.text}`, path);
  return node.value;
}

function lowerRange(items: JsonNode[], op: string, path: NodePath): PatternEntry {
  const lowOpen = op === ">";
  const bound = items[2];
  if (bound?.kind !== "string")
    throw new CompileFailure(`Bad value in numeric range: ${tokenText(bound)}`, [...path, 2]);
  const upperOp = bound.value;
  if (upperOp !== "<" && upperOp !== "<=") {
    throw new CompileFailure(`Bad numeric range operator: ${upperOp}`, [...path, 2]);
  }
  requireNumber(items[3], `Value of ${upperOp} must be numeric`, [...path, 3]);
  if (items.length > 4) throw new CompileFailure("Too many terms in numeric range expression", [...path, 4]);
  const low = comparable(items[1], [...path, 1]);
  const high = comparable(items[3], [...path, 3]);
  if (!(low < high)) throw new CompileFailure("Bottom must be less than top", path);
  return {
    pattern: { type: "numeric-range", low, lowOpen, high, highOpen: upperOp === "<" },
    path,
  };
}

/** Compiles the array of a numeric expression found at `path`. */
export function compileNumeric(items: JsonNode[], path: NodePath): PatternEntry {
  const first = items[0];
  if (first?.kind !== "string")
    throw new CompileFailure(`Invalid member in numeric match: ${tokenText(first)}`, path);
  const op = first.value;
  const operandPath = [...path, 1];
  switch (op) {
    case "=": {
      requireNumber(items[1], "Value of equals must be numeric", operandPath);
      if (items.length > 2) throw new CompileFailure("Too many elements in numeric expression", [...path, 2]);
      return { pattern: { type: "numeric-equals", value: comparable(items[1], operandPath) }, path };
    }
    case ">":
    case ">=": {
      requireNumber(items[1], `Value of ${op} must be numeric`, operandPath);
      if (items.length > 2) return lowerRange(items, op, path);
      const low = comparable(items[1], operandPath);
      const pattern = {
        type: "numeric-range",
        low,
        lowOpen: op === ">",
        high: Number.MAX_VALUE,
        highOpen: false,
      } as const;
      return { pattern, path, degenerateRange: low === Number.MAX_VALUE };
    }
    case "<":
    case "<=": {
      requireNumber(items[1], `Value of ${op} must be numeric`, operandPath);
      if (items.length > 2) throw new CompileFailure("Too many elements in numeric expression", [...path, 2]);
      const high = comparable(items[1], operandPath);
      const pattern = {
        type: "numeric-range",
        low: -Number.MAX_VALUE,
        lowOpen: false,
        high,
        highOpen: op === "<",
      } as const;
      return { pattern, path, degenerateRange: high === -Number.MAX_VALUE };
    }
    default:
      throw new CompileFailure(`Unrecognized numeric range operator: ${op}`, [...path, 0]);
  }
}
