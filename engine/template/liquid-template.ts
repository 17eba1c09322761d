import type { Template } from "liquidjs";
import { BudgetExceededError, EvaluationBudget } from "../evaluation-budget.js";
import type { CompiledTemplate, VariablePath } from "./compile-template.js";
import { liquid } from "./liquid-engine.js";
import { liquidjs } from "./liquidjs.js";
import { BUDGET, enforceStrictOutputs } from "./strict-outputs.js";
import {
  MissingVariableError,
  TemplateRenderError,
  TemplateSyntaxError,
  type TemplateSyntaxIssue,
} from "./template-errors.js";

/**
 * The LiquidJS side of compileTemplate (see compile-template.ts): the only module that loads
 * liquidjs, so the engine bundle can load it on the first render instead of at every cold start.
 */
export function compileLiquidTemplate(source: string): CompiledTemplate {
  if (typeof source !== "string") {
    throw new TemplateSyntaxError({ message: "a template must be a string", line: 1, col: 1 });
  }
  let templates: Template[];
  try {
    templates = liquid.parse(source);
  } catch (err) {
    throw new TemplateSyntaxError(syntaxIssue(source, err));
  }
  const variables = staticVariables(templates);
  enforceStrictOutputs(templates);
  return new LiquidTemplate(source, templates, variables);
}

class LiquidTemplate implements CompiledTemplate {
  readonly #templates: Template[];

  constructor(
    readonly source: string,
    templates: Template[],
    readonly variables: ReadonlyArray<VariablePath>,
  ) {
    this.#templates = templates;
  }

  render(context: Record<string, unknown>, budget = new EvaluationBudget()): string {
    // A shallow copy: `{% increment %}` writes into the scope it is given, and the engine shares
    // one context between a rule's templates. The budget rides along under a symbol, which no
    // template expression can name.
    const scope: Record<string | symbol, unknown> = isRecord(context) ? { ...context } : {};
    scope[BUDGET] = budget;
    let out: unknown;
    try {
      if (budget.expired()) throw new BudgetExceededError(budget.timeMessage());
      // LiquidJS's own time limit, set to what is left of the event's.
      out = liquid.renderSync(this.#templates, scope, { renderLimit: Math.max(1, budget.remainingMs()) });
    } catch (err) {
      const exceeded =
        budgetError(err) ?? (budget.expired() ? new BudgetExceededError(budget.timeMessage()) : undefined);
      if (exceeded)
        throw new TemplateRenderError(`template stopped: ${exceeded.message}`, undefined, { cause: err });
      throw renderError(err);
    }
    return typeof out === "string" ? out : String(out);
  }
}

function staticVariables(templates: Template[]): VariablePath[] {
  const seen = new Set<string>();
  const out: VariablePath[] = [];
  for (const segments of liquid.globalVariableSegmentsSync(templates)) {
    const path: (string | number)[] = [];
    for (const seg of segments) {
      if (Array.isArray(seg)) break; // a[b.c]: the rest of the path depends on data
      path.push(seg);
    }
    const key = JSON.stringify(path);
    if (path.length > 0 && !seen.has(key)) {
      seen.add(key);
      out.push(path);
    }
  }
  return out;
}

/** The BudgetExceededError behind what LiquidJS threw, if that is what stopped the render. */
function budgetError(err: unknown): BudgetExceededError | undefined {
  let cur: unknown = err;
  for (let depth = 0; depth < 8 && cur instanceof Error; depth++) {
    if (cur instanceof BudgetExceededError) return cur;
    cur = (cur as { originalError?: unknown }).originalError ?? cur.cause;
  }
  return undefined;
}

/** Turns whatever LiquidJS threw while rendering into one of the two documented errors. */
function renderError(err: unknown): MissingVariableError | TemplateRenderError {
  let cur: unknown = err;
  for (let depth = 0; depth < 8 && cur instanceof Error; depth++) {
    if (cur instanceof MissingVariableError || cur instanceof TemplateRenderError) return cur;
    const name = (cur as { variableName?: unknown }).variableName;
    if (cur.name === "InternalUndefinedVariableError" && typeof name === "string") {
      return new MissingVariableError(formatVariableName(name), "missing");
    }
    cur = (cur as { originalError?: unknown }).originalError;
  }
  const message = err instanceof Error ? stripPosition(err.message) : String(err);
  return new TemplateRenderError(`template could not be rendered: ${message}`, undefined, { cause: err });
}

/** LiquidJS names `a.b[0].c` as `a.b.0.c`; give it back as written. */
function formatVariableName(name: string): string {
  return name
    .split(".")
    .map((seg, i) => (/^\d+$/.test(seg) ? `[${seg}]` : i === 0 ? seg : `.${seg}`))
    .join("");
}

function syntaxIssue(source: string, err: unknown): TemplateSyntaxIssue {
  if (!(err instanceof Error)) return { message: String(err), line: 1, col: 1 };
  const message = stripPosition(err.message);
  if (!liquidjs.LiquidError.is(err) || !err.token) return { message, line: 1, col: 1 };
  const token = err.token;
  let offset = token.begin;
  // LiquidJS blames the whole `{{ … }}` for an unknown filter; point at the filter itself.
  const filter = /^undefined filter: (.+)$/.exec(message)?.[1];
  if (filter !== undefined) {
    const text = token.input.slice(token.begin, token.end);
    const at = new RegExp(`\\|\\s*(${escapeRegExp(filter)})(?![\\w-])`).exec(text);
    if (at) offset = token.begin + at.index + at[0].length - filter.length;
  }
  if (token.input !== source) {
    const [line = 1, col = 1] = token.getPosition();
    return { message, line, col };
  }
  return { message, ...positionAt(source, offset) };
}

function positionAt(source: string, offset: number): { line: number; col: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < source.length; i++) {
    if (source[i] === "\n") {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, col: offset - lineStart + 1 };
}

/** LiquidJS appends `, line:1, col:4` to its messages; positions are reported separately. */
function stripPosition(message: string): string {
  return message.replace(/(, file:[^,]*)?, line:\d+, col:\d+$/, "");
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}
