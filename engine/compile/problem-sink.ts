import type { RuleSource } from "../load/rule-file.js";
import type { JsonPath } from "../load/source-map.js";
import type { Problem, ProblemCode, Severity } from "../problem.js";

/** Collects problems for one rule document, positioning each by its path in the document. */
export class ProblemSink {
  readonly problems: Problem[] = [];

  constructor(readonly source: RuleSource) {}

  add(
    code: ProblemCode,
    path: JsonPath,
    message: string,
    opts: { key?: boolean; severity?: Severity } = {},
  ): void {
    const pos = this.source.map.locate(path, { key: opts.key ?? false });
    this.problems.push({ code, severity: opts.severity ?? "error", file: this.source.file, ...pos, message });
  }

  /** Adds a problem at an exact line and column (e.g. inside a template string). */
  addAt(code: ProblemCode, line: number, col: number, message: string): void {
    this.problems.push({ code, severity: "error", file: this.source.file, line, col, message });
  }

  get hasErrors(): boolean {
    return this.problems.some((p) => p.severity === "error");
  }
}
