import { caseUnits } from "../text/ignore-case.js";
import { isComparableNumber } from "../text/java-double.js";
import { javaUtf8View } from "../text/java-text.js";
import type { AnythingButSet } from "../values/value-pattern.js";
import { parseWildcard, type WildcardGlob } from "../values/wildcard.js";
import { CompileFailure, type NodePath, type PatternEntry } from "./compile-failure.js";
import type { JsonNode } from "./json-node.js";

/**
 * `{"anything-but": ...}`. The current compiler accepts a value, a list, or an object naming
 * equals-ignore-case / prefix / suffix / wildcard over a value or list; the legacy compiler (used
 * when a pattern spells "$or" as a plain field) only knows equals-ignore-case lists and single
 * prefix/suffix strings.
 */
type SetKind = "equals-ignore-case" | "prefix" | "suffix" | "wildcard";

const TOO_MANY = "Too many elements in numeric expression";

function plainValues(operand: JsonNode, path: NodePath): PatternEntry {
  const strings = new Set<string>();
  const numbers: number[] = [];
  const add = (node: JsonNode, at: NodePath, inList: boolean): void => {
    if (node.kind === "string") {
      strings.add(javaUtf8View(`"${node.value}"`));
    } else if (node.kind === "number") {
      // In a list the failure is reported as a parse error; a lone number's escapes uncaught.
      if (!isComparableNumber(node.value))
        throw new CompileFailure(`Cannot compare number : ${node.text}`, at, inList);
      numbers.push(node.value);
    } else {
      const message = inList
        ? "Inside anything but list, start|null|boolean is not supported."
        : "Inside anything-but list, start|null|boolean is not supported.";
      throw new CompileFailure(message, at);
    }
  };
  if (operand.kind === "array") {
    operand.items.forEach((item, i) => {
      add(item, [...path, i], true);
    });
    if (strings.size > 0 === numbers.length > 0) {
      throw new CompileFailure(
        "Inside anything but list, either all values are number or string, mixed type is not supported",
        path,
      );
    }
  } else {
    add(operand, path, false);
  }
  return { pattern: { type: "anything-but", strings, numbers }, path };
}

function setValues(kind: SetKind, operand: JsonNode, path: NodePath, legacy: boolean): PatternEntry {
  const texts: { text: string; path: NodePath }[] = [];
  const items =
    operand.kind === "array"
      ? operand.items.map((item, i) => ({ item, at: [...path, i] }))
      : [{ item: operand, at: path }];
  for (const { item, at } of items) {
    if (item.kind !== "string") {
      let message = "prefix/suffix match pattern must be a string";
      if (kind === "equals-ignore-case") {
        message = legacy
          ? "Inside anything-but/ignore-case list, number|start|null|boolean is not supported."
          : "Inside anything-but/equals-ignore-case list, number|start|null|boolean is not supported.";
      } else if (kind === "wildcard") {
        message = "wildcard match pattern must be a string";
      }
      throw new CompileFailure(message, at);
    }
    if ((kind === "prefix" || kind === "suffix") && item.value === "") {
      throw new CompileFailure("Null prefix/suffix not allowed", at);
    }
    texts.push({ text: item.value, path: at });
  }
  let pattern: AnythingButSet;
  switch (kind) {
    case "equals-ignore-case":
      pattern = {
        type: "anything-but-ignore-case",
        values: texts.map(({ text }) => caseUnits(`"${text}"`)),
        texts: texts.map(({ text }) => text),
      };
      break;
    case "prefix":
      pattern = { type: "anything-but-prefix", values: texts.map(({ text }) => javaUtf8View(`"${text}`)) };
      break;
    case "suffix":
      pattern = { type: "anything-but-suffix", values: texts.map(({ text }) => javaUtf8View(`${text}"`)) };
      break;
    case "wildcard": {
      const globs: WildcardGlob[] = [];
      for (const { text, path: at } of texts) {
        const parsed = parseWildcard(text);
        if ("error" in parsed) throw new CompileFailure(parsed.error, at);
        globs.push(parsed.glob);
      }
      pattern = { type: "anything-but-wildcard", values: globs };
      break;
    }
  }
  return { pattern, path, emptySet: texts.length === 0 };
}

/**
 * Compiles the value of an "anything-but" key at `path`. `extraOuterKey` is set when the enclosing
 * match expression has more than one key (reported only after the operand has been read).
 */
export function compileAnythingBut(
  value: JsonNode,
  path: NodePath,
  extraOuterKey: NodePath | null,
  legacy: boolean,
): PatternEntry {
  let kind: SetKind | null = null;
  let operand = value;
  let operandPath = path;
  let extraInnerKey: NodePath | null = null;
  if (value.kind === "object") {
    const [first, second] = value.members;
    if (first === undefined) throw new CompileFailure("Anything-But expression name not found", path);
    const [op, inner] = first;
    operandPath = [...path, op];
    if (second !== undefined) extraInnerKey = [...path, second[0]];
    const known = legacy
      ? ["equals-ignore-case", "prefix", "suffix"]
      : ["equals-ignore-case", "prefix", "suffix", "wildcard"];
    if (!known.includes(op)) throw new CompileFailure(`Unsupported anything-but pattern: ${op}`, operandPath);
    kind = op as SetKind;
    operand = inner;
    if (legacy && kind !== "equals-ignore-case") {
      // The legacy compiler reads exactly one non-empty string here.
      if (operand.kind !== "string")
        throw new CompileFailure("prefix/suffix match pattern must be a string", operandPath);
      if (operand.value === "") throw new CompileFailure("Null prefix/suffix not allowed", operandPath);
      if (extraInnerKey) throw new CompileFailure("Only one key allowed in match expression", extraInnerKey);
      if (extraOuterKey) throw new CompileFailure("Only one key allowed in match expression", extraOuterKey);
      return setValues(kind, operand, operandPath, legacy);
    }
  }
  if (operand.kind !== "array" && operand.kind !== "string" && operand.kind !== "number") {
    throw new CompileFailure(
      "Value of anything-but must be an array or single string/number value.",
      operandPath,
    );
  }
  const entry =
    kind === null ? plainValues(operand, operandPath) : setValues(kind, operand, operandPath, legacy);
  if (kind !== null && extraInnerKey) throw new CompileFailure(TOO_MANY, extraInnerKey);
  if (extraOuterKey) throw new CompileFailure(TOO_MANY, extraOuterKey);
  return entry;
}
