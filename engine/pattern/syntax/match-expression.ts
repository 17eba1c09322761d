import { caseUnits } from "../text/ignore-case.js";
import { cidrRange } from "../text/ip-address.js";
import { javaUtf8View } from "../text/java-text.js";
import { parseWildcard } from "../values/wildcard.js";
import { compileAnythingBut } from "./anything-but-expression.js";
import { CompileFailure, type NodePath, type PatternEntry } from "./compile-failure.js";
import type { JsonNode } from "./json-node.js";
import { compileNumeric } from "./numeric-expression.js";

/**
 * One `{operator: operand}` object from a field's value list. Like event-ruler, the operand is
 * validated before the "one key only" rule, and every message is event-ruler's own.
 */
const ONE_KEY = "Only one key allowed in match expression";

function requireString(node: JsonNode, message: string, path: NodePath): string {
  if (node.kind !== "string") throw new CompileFailure(message, path);
  return node.value;
}

function noExtraKey(extra: NodePath | null, message = ONE_KEY): void {
  if (extra) throw new CompileFailure(message, extra);
}

/** `{"prefix": {"equals-ignore-case": s}}` and the suffix twin. */
function affixIgnoreCase(
  node: JsonNode & { kind: "object" },
  which: "Prefix" | "Suffix",
  path: NodePath,
): string {
  const [first, second] = node.members;
  if (first === undefined) throw new CompileFailure(`${which} expression name not found`, path);
  const [op, operand] = first;
  if (op !== "equals-ignore-case")
    throw new CompileFailure(`Unsupported ${which.toLowerCase()} pattern: ${op}`, [...path, op]);
  const text = requireString(operand, "equals-ignore-case match pattern must be a string", [...path, op]);
  noExtraKey(second ? [...path, second[0]] : null);
  return text;
}

export function compileMatchExpression(
  node: JsonNode & { kind: "object" },
  path: NodePath,
  legacy: boolean,
): PatternEntry {
  const [first, second] = node.members;
  if (first === undefined) throw new CompileFailure("Match expression name not found", path);
  const [name, operand] = first;
  const at = [...path, name];
  const extra = second ? [...path, second[0]] : null;
  switch (name) {
    case "exactly": {
      const text = requireString(operand, "exact match pattern must be a string", at);
      noExtraKey(extra);
      return { pattern: { type: "exact", value: `"${text}"` }, path };
    }
    case "prefix":
    case "suffix": {
      const isPrefix = name === "prefix";
      if (operand.kind === "object") {
        const text = affixIgnoreCase(operand, isPrefix ? "Prefix" : "Suffix", at);
        noExtraKey(extra);
        const operandText = isPrefix ? `"${text}` : `${text}"`;
        const type = isPrefix ? "prefix-ignore-case" : "suffix-ignore-case";
        return { pattern: { type, units: caseUnits(operandText), text: operandText }, path };
      }
      const text = requireString(operand, `${name} match pattern must be a string`, at);
      noExtraKey(extra);
      const value = javaUtf8View(isPrefix ? `"${text}` : `${text}"`);
      return { pattern: { type: isPrefix ? "prefix" : "suffix", value }, path };
    }
    case "numeric": {
      if (operand.kind !== "array") throw new CompileFailure("Value of numeric must be an array.", at);
      const entry = compileNumeric(operand.items, at);
      noExtraKey(extra, "Too many elements in numeric expression");
      return { ...entry, path };
    }
    case "anything-but":
      return { ...compileAnythingBut(operand, at, extra, legacy), path };
    case "exists": {
      if (operand.kind !== "literal" || typeof operand.value !== "boolean") {
        throw new CompileFailure("exists match pattern must be either true or false.", at);
      }
      noExtraKey(extra);
      return { pattern: operand.value ? { type: "exists" } : "absent", path };
    }
    case "cidr": {
      const text = requireString(operand, "prefix match pattern must be a string", at);
      const cidr = cidrRange(text);
      // event-ruler lets this exception escape unconverted, so no fallback compiler gets a go.
      if ("error" in cidr) throw new CompileFailure(cidr.error, at, false);
      noExtraKey(extra);
      return { pattern: { type: "cidr", range: cidr.range }, path };
    }
    case "equals-ignore-case": {
      const text = requireString(operand, "equals-ignore-case match pattern must be a string", at);
      noExtraKey(extra);
      const operandText = `"${text}"`;
      return {
        pattern: { type: "equals-ignore-case", units: caseUnits(operandText), text: operandText },
        path,
      };
    }
    case "wildcard": {
      const text = requireString(operand, "wildcard match pattern must be a string", at);
      const parsed = parseWildcard(text);
      if ("error" in parsed) throw new CompileFailure(parsed.error, at);
      noExtraKey(extra);
      return { pattern: { type: "wildcard", glob: parsed.glob }, path };
    }
    default:
      throw new CompileFailure(`Unrecognized match type ${name}`, at);
  }
}
