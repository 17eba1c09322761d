import { literalParts, literalPrefix } from "../template-string.js";

/**
 * OpenSearch index naming rules (OpenSearch "create index" docs and its index-name validation):
 * lowercase; none of `\ / * ? " < > | , # :` or space; not starting with `-`, `_` or `+`;
 * not `.` or `..`; at most 255 bytes.
 */
const FORBIDDEN = /[\\/*?"<>|,# :]/;
const INDEX_MAX_BYTES = 255;

/** Why OpenSearch would refuse this index name, or null. */
export function indexNameProblem(name: string): string | null {
  if (name === "") return "an index name cannot be empty";
  if (name === "." || name === "..") return `"${name}" cannot be an index name`;
  return (
    charactersProblem(name) ??
    startProblem(name) ??
    (Buffer.byteLength(name) > INDEX_MAX_BYTES
      ? `index name is ${Buffer.byteLength(name)} bytes; OpenSearch allows at most ${INDEX_MAX_BYTES}`
      : null)
  );
}

/**
 * What the fixed text of an index template already gets wrong; rendered parts are checked in
 * the plan. Uppercase in a filter argument (`date: "%Y"`) is inside a template span, so not seen.
 */
export function indexTemplateProblem(template: string): string | null {
  for (const part of literalParts(template)) {
    const problem = charactersProblem(part);
    if (problem) return problem;
  }
  const prefix = literalPrefix(template);
  if (prefix !== "") {
    const problem = startProblem(prefix);
    if (problem) return problem;
  }
  const fixedBytes = literalParts(template).reduce((n, part) => n + Buffer.byteLength(part), 0);
  if (fixedBytes > INDEX_MAX_BYTES) {
    return `index name has ${fixedBytes} bytes of fixed text alone; OpenSearch allows at most ${INDEX_MAX_BYTES}`;
  }
  return null;
}

function charactersProblem(text: string): string | null {
  if (text !== text.toLowerCase()) return `index names must be lowercase ("${text}")`;
  const bad = FORBIDDEN.exec(text);
  if (bad) return `index names cannot contain ${bad[0] === " " ? "spaces" : `"${bad[0]}"`} ("${text}")`;
  return null;
}

function startProblem(text: string): string | null {
  return /^[-_+]/.test(text) ? `index names cannot start with "-", "_" or "+" ("${text}")` : null;
}
