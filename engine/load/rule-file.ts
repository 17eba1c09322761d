import { isScalar, LineCounter, parseAllDocuments } from "yaml";
import type { Problem, ProblemCode } from "../problem.js";
import { SourceMap } from "./source-map.js";

/** One YAML document of a rule file: the plain value plus a way back to positions. */
export interface RuleSource {
  file: string;
  /** 0-based index of the document in its file. */
  index: number;
  value: unknown;
  map: SourceMap;
  /** The file's text, for code frames. */
  text: string;
}

export interface ParsedFile {
  sources: RuleSource[];
  problems: Problem[];
}

/** Limits alias expansion so a hostile file ("billion laughs") cannot exhaust memory. */
const MAX_ALIAS_COUNT = 100;

/**
 * Parses a rule file: one rule per YAML document. Malformed YAML and duplicate keys become
 * problems with positions; documents with errors are not returned (half-parsed rules would only
 * produce misleading follow-up findings).
 */
export function parseRuleFile(file: string, text: string): ParsedFile {
  const lines = new LineCounter();
  const problems: Problem[] = [];
  const sources: RuleSource[] = [];
  const docs = parseAllDocuments(text, { lineCounter: lines, uniqueKeys: true, prettyErrors: false });
  // A stream with no documents at all (empty file) parses to an EmptyStream, which is iterable.
  let index = 0;
  for (const doc of docs) {
    const map = new SourceMap(doc, lines);
    const at = (offset: number) => map.offsetPosition(offset);
    if (doc.errors.length > 0) {
      for (const err of doc.errors) {
        const pos = at(err.pos[0]);
        const code: ProblemCode = err.code === "DUPLICATE_KEY" ? "DUPLICATE_KEY" : "YAML_SYNTAX";
        problems.push({ code, severity: "error", file, ...pos, message: firstLine(err.message) });
      }
      index++;
      continue;
    }
    if (
      doc.contents === null ||
      (isScalar(doc.contents) && doc.contents.value === null && !doc.contents.source)
    ) {
      // An empty document (e.g. a trailing `---`) holds no rule; it is not an error.
      index++;
      continue;
    }
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch (err) {
      const pos = at(doc.contents.range?.[0] ?? 0);
      problems.push({
        code: "YAML_SYNTAX",
        severity: "error",
        file,
        ...pos,
        message: (err as Error).message,
      });
      index++;
      continue;
    }
    if (value === null || typeof value !== "object" || Array.isArray(value)) {
      const pos = at(doc.contents.range?.[0] ?? 0);
      problems.push({
        code: "NOT_A_RULE",
        severity: "error",
        file,
        ...pos,
        message: "a rule document must be a mapping (name, on, actions, …)",
      });
      index++;
      continue;
    }
    sources.push({ file, index, value, map, text });
    index++;
  }
  return { sources, problems };
}

function firstLine(message: string): string {
  // yaml's messages append "at line X, column Y" and a code frame; we report positions ourselves.
  return message.split("\n")[0]!.replace(/ at line \d+, column \d+:?$/, "");
}
