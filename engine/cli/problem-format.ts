import { formatProblem, type Problem } from "../problem.js";
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
