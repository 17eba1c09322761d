import type { Document, LineCounter } from "yaml";
import type { Problem, ProblemCode } from "../problem.js";
import { parseSimpleYaml, positionAt, type SimpleFile } from "./simple-yaml.js";
import { type ParsedDocument, SourceMap } from "./source-map.js";
import { yaml } from "./yaml-module.js";

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
 * Parses every YAML document of a file into plain values that remember their positions.
 * Malformed YAML and duplicate keys become problems; documents with errors are not returned
 * (half-parsed values would only produce misleading follow-up findings), and empty documents
 * (e.g. a trailing `---`) are skipped. Shared by rule files, fixture files and settings.
 */
export function parseYamlDocuments(file: string, text: string): ParsedFile {
  const simple = parseSimpleYaml(text);
  if (simple) return simpleSources(file, text, simple);
  const lines = new (yaml().LineCounter)();
  const problems: Problem[] = [];
  const sources: RuleSource[] = [];
  const docs = yaml().parseAllDocuments(text, { lineCounter: lines, uniqueKeys: true, prettyErrors: false });
  // A merge key is spelt `<<`: a file without those characters has none, and needs no visit.
  const mayMerge = text.includes("<<");
  // A stream with no documents at all (empty file) parses to an EmptyStream, which is iterable.
  let index = -1;
  for (const doc of docs) {
    index++;
    const map = new SourceMap(doc, lines);
    if (doc.errors.length > 0) {
      for (const err of doc.errors) {
        const code: ProblemCode = err.code === "DUPLICATE_KEY" ? "DUPLICATE_KEY" : "YAML_SYNTAX";
        problems.push({
          code,
          severity: "error",
          file,
          ...map.offsetPosition(err.pos[0]),
          message: firstLine(err.message),
        });
      }
      continue;
    }
    const merges = mayMerge ? mergeKeyOffsets(doc, text) : [];
    if (merges.length > 0) {
      // Resolving `<<` would follow YAML 1.1, keeping it would put a field named "<<" into an
      // event pattern (and the synthesized EventPattern); neither is what the author meant.
      for (const offset of merges) {
        problems.push({
          code: "YAML_SYNTAX",
          severity: "error",
          file,
          ...map.offsetPosition(offset),
          message:
            '`<<` merge keys are YAML 1.1, not YAML 1.2: write the keys out (quote it, `"<<"`, for a field of that name)',
        });
      }
      continue;
    }
    if (
      doc.contents === null ||
      (yaml().isScalar(doc.contents) && doc.contents.value === null && !doc.contents.source)
    ) {
      continue;
    }
    try {
      sources.push({ file, index, value: doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }), map, text });
    } catch (err) {
      const pos = map.offsetPosition(doc.contents.range?.[0] ?? 0);
      problems.push({
        code: "YAML_SYNTAX",
        severity: "error",
        file,
        ...pos,
        message: (err as Error).message,
      });
    }
  }
  return { sources, problems };
}

/**
 * Sources of a file simple-yaml.ts read (valid, so no problems). Their syntax trees are parsed,
 * by the yaml package, only if a problem inside one of the documents needs a position.
 */
function simpleSources(file: string, text: string, simple: SimpleFile): ParsedFile {
  const trees = syntaxTrees(text);
  const sources = simple.documents.map(
    ({ index, value, start }): RuleSource => ({
      file,
      index,
      value,
      map: new SourceMap(() => trees(start), positionAt(simple.lineStarts, start)),
      text,
    }),
  );
  return { sources, problems: [] };
}

/** The yaml package's tree of the document whose value starts at an offset; the file parsed once. */
function syntaxTrees(text: string): (start: number) => ParsedDocument {
  let parsed: { docs: Document.Parsed[]; lines: LineCounter } | undefined;
  return (start) => {
    if (!parsed) {
      const lines = new (yaml().LineCounter)();
      const opts = { lineCounter: lines, uniqueKeys: true, prettyErrors: false };
      parsed = { docs: [...yaml().parseAllDocuments(text, opts)], lines };
    }
    const doc = parsed.docs.find((d) => d.contents?.range?.[0] === start);
    if (!doc) throw new Error(`no YAML document starts at offset ${start}`);
    return { doc, lines: parsed.lines };
  };
}

/** Parses a rule file: one rule per YAML document, each a mapping. */
export function parseRuleFile(file: string, text: string): ParsedFile {
  const parsed = parseYamlDocuments(file, text);
  const sources: RuleSource[] = [];
  for (const source of parsed.sources) {
    const { value } = source;
    if (value !== null && typeof value === "object" && !Array.isArray(value)) {
      sources.push(source);
      continue;
    }
    parsed.problems.push({
      code: "NOT_A_RULE",
      severity: "error",
      file,
      ...source.map.locate([]),
      message: "a rule document must be a mapping (name, on, actions, …)",
    });
  }
  return { sources, problems: parsed.problems };
}

/** Offsets of plain `<<` mapping keys (merge keys in YAML 1.1; a `%YAML 1.1` document would merge them). */
function mergeKeyOffsets(doc: Document.Parsed, text: string): number[] {
  const found: number[] = [];
  yaml().visit(doc, {
    Pair(_, pair) {
      const key = pair.key;
      if (!yaml().isScalar(key) || key.type !== "PLAIN" || !key.range) return;
      if (text.slice(key.range[0], key.range[1]) === "<<") found.push(key.range[0]);
    },
  });
  return found;
}

function firstLine(message: string): string {
  // yaml's messages append "at line X, column Y" and a code frame; we report positions ourselves.
  return message.split("\n")[0]!.replace(/ at line \d+, column \d+:?$/, "");
}
