/** Where a template fails to parse: 1-based line and column inside the template source itself. */
export interface TemplateSyntaxIssue {
  message: string;
  line: number;
  col: number;
}

/** A template that does not parse (bad syntax, unknown filter, disallowed tag). Raised at load time. */
export class TemplateSyntaxError extends Error {
  override readonly name = "TemplateSyntaxError";
  readonly issue: TemplateSyntaxIssue;

  constructor(issue: TemplateSyntaxIssue) {
    super(`${issue.message} (line ${issue.line}, col ${issue.col})`);
    this.issue = issue;
  }
}

/**
 * Why an output could not be rendered: its variable is `missing` (or a parent of it is), `null`, an
 * `empty` string, or the variable was fine but the output as a whole rendered to nothing (`blank`).
 */
export type MissingReason = "missing" | "null" | "empty" | "blank";

/**
 * A template referred to a variable that is missing, null or an empty string (outside `default`).
 * Strict on purpose: a tag value or message with a silent blank in it is worse than a reported error.
 */
export class MissingVariableError extends Error {
  override readonly name = "MissingVariableError";
  /** The variable as written from its root, e.g. `instance.tags.Env` or `event.detail.containers[0].name`. */
  readonly variable: string;
  readonly reason: MissingReason;
  /** For `blank`: the whole output, e.g. `{{ x | split: "." | slice: 5 }}`. */
  readonly expression: string | undefined;
  /** Where in a params object the template sits, when rendered through `CompiledParams`. */
  readonly paramPath: ReadonlyArray<string | number> | undefined;

  constructor(
    variable: string,
    reason: MissingReason,
    options: { expression?: string | undefined; paramPath?: ReadonlyArray<string | number> | undefined } = {},
  ) {
    const where = options.paramPath ? ` (in ${formatPath(options.paramPath)})` : "";
    super(`${describe(variable, reason, options.expression)}${where}`);
    this.variable = variable;
    this.reason = reason;
    this.expression = options.expression;
    this.paramPath = options.paramPath;
  }

  /** The same error, located inside a params object. */
  at(paramPath: ReadonlyArray<string | number>): MissingVariableError {
    return new MissingVariableError(this.variable, this.reason, { expression: this.expression, paramPath });
  }
}

/**
 * Any other failure while rendering a parsed template: a date that cannot be read, a render that
 * exceeds its time or memory budget, a filter that throws on the value it was given.
 */
export class TemplateRenderError extends Error {
  override readonly name = "TemplateRenderError";
  readonly paramPath: ReadonlyArray<string | number> | undefined;

  constructor(message: string, paramPath?: ReadonlyArray<string | number>, options?: { cause?: unknown }) {
    super(`${message}${paramPath ? ` (in ${formatPath(paramPath)})` : ""}`, options);
    this.paramPath = paramPath;
  }

  /** The same error, located inside a params object. */
  at(paramPath: ReadonlyArray<string | number>): TemplateRenderError {
    return new TemplateRenderError(this.message, paramPath, { cause: this.cause });
  }
}

function describe(variable: string, reason: MissingReason, expression: string | undefined): string {
  switch (reason) {
    case "missing":
      return `template variable \`${variable}\` is not defined`;
    case "null":
      return `template variable \`${variable}\` is null`;
    case "empty":
      return `template variable \`${variable}\` is an empty string`;
    case "blank":
      return `template output \`${expression ?? variable}\` rendered nothing (add a \`default\` filter if that is intended)`;
  }
}

/** `tags.Name`, `blocks[0].text`: a params path as a reader would write it. */
export function formatPath(path: ReadonlyArray<string | number>): string {
  let out = "";
  for (const seg of path) {
    if (typeof seg === "number") out += `[${seg}]`;
    else out += out === "" ? seg : `.${seg}`;
  }
  return out === "" ? "(root)" : out;
}
