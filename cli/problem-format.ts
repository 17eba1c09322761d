import { appendFile } from "node:fs/promises";
import { formatProblem, type Problem } from "../engine/problem.js";
import { codeFrame, SourceLines } from "./code-frame.js";
import { escapeTerminal } from "./terminal-text.js";

export type ProblemFormat = "text" | "json" | "github";
export const PROBLEM_FORMATS: readonly ProblemFormat[] = ["text", "json", "github"];

/** Renders problems for people (text, with code frames), tools (json) or GitHub annotations. */
export function formatProblems(
  problems: readonly Problem[],
  format: ProblemFormat,
  texts: ReadonlyMap<string, string> = new Map(),
): string {
  switch (format) {
    case "json":
      return `${JSON.stringify({ problems }, null, 2)}\n`;
    case "github":
      return problems.map((p) => `${githubAnnotation(p)}\n`).join("");
    case "text": {
      // One line index per file, however many problems it has.
      const lines = new Map<string, SourceLines>();
      return problems
        .map((p) => {
          const text = texts.get(p.file);
          let frame = "";
          if (text !== undefined) {
            let source = lines.get(p.file);
            if (!source) {
              source = new SourceLines(text);
              lines.set(p.file, source);
            }
            frame = `\n${codeFrame(source, p.line, p.col)}`;
          }
          return `${escapeTerminal(formatProblem(p))}${frame}\n`;
        })
        .join("\n");
    }
  }
}

/** `::error file=…,line=…,col=…,title=CODE::message`, escaped as GitHub's workflow commands require. */
export function githubAnnotation(p: Problem): string {
  return githubCommand(p.severity === "warning" ? "warning" : "error", p, p.message, p.code);
}

/** A GitHub workflow annotation at a file position; `title` is optional (fixture failures have none). */
export function githubCommand(
  level: "error" | "warning",
  at: { file: string; line: number; col: number },
  message: string,
  title?: string,
): string {
  const props = [`file=${escapeProperty(at.file)}`, `line=${at.line}`, `col=${at.col}`];
  if (title !== undefined) props.push(`title=${escapeProperty(title)}`);
  return `::${level} ${props.join(",")}::${escapeData(message)}`;
}

function escapeData(s: string): string {
  return s.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, "%3A").replace(/,/g, "%2C");
}

/** GitHub shows at most this many annotations of each level (error, warning) per step. */
export const GITHUB_ANNOTATIONS_PER_LEVEL = 10;

/** One finding as a step summary row: a problem, or a failed fixture case. */
export interface SummaryRow {
  level: "error" | "warning";
  file: string;
  line: number;
  col: number;
  /** The problem code; absent for a failed fixture case. */
  code?: string;
  message: string;
}

export function problemRow(p: Problem): SummaryRow {
  return {
    level: p.severity === "warning" ? "warning" : "error",
    file: p.file,
    line: p.line,
    col: p.col,
    code: p.code,
    message: p.message,
  };
}

/**
 * Markdown for `$GITHUB_STEP_SUMMARY`: every finding, since GitHub drops annotations past the
 * first ten of each level in a step, and how many of them were not annotated. Rows are in the
 * order the annotations were printed, so "not annotated" are the rows past the tenth of a level.
 */
export function githubStepSummary(title: string, rows: readonly SummaryRow[], tail = ""): string {
  const errors = rows.filter((r) => r.level === "error").length;
  const warnings = rows.length - errors;
  const unannotated =
    Math.max(0, errors - GITHUB_ANNOTATIONS_PER_LEVEL) + Math.max(0, warnings - GITHUB_ANNOTATIONS_PER_LEVEL);
  const out = [`### ${title}: ${errors} error(s), ${warnings} warning(s)`, ""];
  if (unannotated > 0) {
    out.push(
      `${unannotated} not annotated: GitHub annotates the first ${GITHUB_ANNOTATIONS_PER_LEVEL} errors and ${GITHUB_ANNOTATIONS_PER_LEVEL} warnings of a step; all are listed here.`,
      "",
    );
  }
  if (rows.length > 0) {
    out.push("| | file | line | col | code | message |", "|---|---|---|---|---|---|");
    for (const r of rows) {
      const cells = [r.level, r.file, String(r.line), String(r.col), r.code ?? "", r.message].map(cell);
      out.push(`| ${cells.join(" | ")} |`);
    }
    out.push("");
  }
  if (tail) out.push(tail, "");
  return `${out.join("\n")}\n`;
}

/** A table cell: pipes, line breaks and HTML cannot break the table or render as markup. */
function cell(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/\|/g, "\\|")
    .replace(/\r?\n/g, "<br>")
    .replace(/`/g, "&#96;");
}

/**
 * Appends to the file GitHub Actions names in `GITHUB_STEP_SUMMARY` (absent outside Actions:
 * nothing is written). Returns a warning to print when the file cannot be written.
 */
export async function appendGithubStepSummary(
  env: Readonly<Record<string, string | undefined>>,
  markdown: string,
): Promise<string | undefined> {
  const path = env.GITHUB_STEP_SUMMARY;
  if (!path) return undefined;
  try {
    await appendFile(path, markdown);
    return undefined;
  } catch (err) {
    return `rulebridge: cannot write the step summary (GITHUB_STEP_SUMMARY): ${(err as Error).message}\n`;
  }
}
