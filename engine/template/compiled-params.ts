import { EvaluationBudget } from "../evaluation-budget.js";
import { type CompiledTemplate, compileTemplate, isTemplate } from "./compile-template.js";
import {
  formatPath,
  MissingVariableError,
  TemplateRenderError,
  TemplateSyntaxError,
  type TemplateSyntaxIssue,
} from "./template-errors.js";

/** A template string found in a params object, and where: keys and array indexes from the params root. */
export interface ParamTemplate {
  path: (string | number)[];
  template: CompiledTemplate;
}

/** A template string in a params object that does not parse. */
export interface ParamTemplateIssue {
  path: (string | number)[];
  source: string;
  issue: TemplateSyntaxIssue;
}

/** Every template in a params object that failed to parse, not just the first. */
export class TemplateParamsError extends Error {
  override readonly name = "TemplateParamsError";
  readonly issues: readonly ParamTemplateIssue[];

  constructor(issues: readonly ParamTemplateIssue[]) {
    const list = issues.map(
      (i) => `${formatPath(i.path)}: ${i.issue.message} (line ${i.issue.line}, col ${i.issue.col})`,
    );
    super(`${issues.length} template${issues.length === 1 ? "" : "s"} do not parse: ${list.join("; ")}`);
    this.issues = issues;
  }
}

/**
 * Compiles every template string in a params object independently and reports all that fail,
 * so a checker can show every problem in one run. Only string values are templates; keys never are.
 */
export function scanParams(value: unknown): { templates: ParamTemplate[]; issues: ParamTemplateIssue[] } {
  const found: Found = { templates: [], issues: [] };
  planOf(value, [], new Set(), found);
  return found;
}

/** Every template string in a params object, as written (nothing is parsed). */
export function templateSources(value: unknown): string[] {
  return [...templateStrings(value, [], new Set())].map(([, source]) => source);
}

/**
 * How `render` rebuilds a params value, made once: the value's shape with each template string
 * replaced by its template, so a render neither looks templates up by path nor copies paths.
 */
type RenderPlan =
  | { kind: "value"; value: unknown }
  | { kind: "template"; template: CompiledTemplate; path: readonly (string | number)[] }
  | { kind: "array"; items: RenderPlan[] }
  | { kind: "object"; keys: string[]; items: RenderPlan[]; protoKey: boolean };

export class CompiledParams {
  readonly value: unknown;
  #compiled: { templates: readonly ParamTemplate[]; plan: RenderPlan } | undefined;

  /**
   * Throws TemplateParamsError listing every template that does not parse. With `defer`, nothing
   * is parsed until the first render (or read of `templates`), which then throws it instead: for
   * params checked before (the rule artifact's), so a cold start parses only what it renders.
   */
  constructor(value: unknown, opts: { defer?: boolean } = {}) {
    this.value = value;
    if (!opts.defer) this.#compile();
  }

  /** Every template string in the params, parsed, with its path. */
  get templates(): readonly ParamTemplate[] {
    return this.#compile().templates;
  }

  #compile(): { templates: readonly ParamTemplate[]; plan: RenderPlan } {
    if (this.#compiled) return this.#compiled;
    const found: Found = { templates: [], issues: [] };
    const plan = planOf(this.value, [], new Set(), found);
    if (found.issues.length > 0) throw new TemplateParamsError(found.issues);
    this.#compiled = { templates: found.templates, plan };
    return this.#compiled;
  }

  /**
   * Renders every template against `context`. Throws the first MissingVariableError or
   * TemplateRenderError, located with the template's path in the params (`paramPath`).
   */
  render(context: Record<string, unknown>, budget: EvaluationBudget = new EvaluationBudget()): unknown {
    return renderPlan(this.#compile().plan, context, budget);
  }

  /**
   * `{ ...base, ...render(context) }` in one pass (the value must be an object): an action's
   * params with its rendered ones in place. The merged plan is made on the first call for a base
   * and kept, so `base` must not change afterwards (a compiled action's params do not).
   */
  renderOver(
    base: Record<string, unknown>,
    context: Record<string, unknown>,
    budget: EvaluationBudget = new EvaluationBudget(),
  ): Record<string, unknown> {
    const { plan } = this.#compile();
    if (this.#over?.base !== base) this.#over = { base, plan: overPlan(base, plan) };
    const merged = this.#over.plan;
    if (merged === undefined) return { ...base, ...(renderPlan(plan, context, budget) as object) };
    return renderPlan(merged, context, budget) as Record<string, unknown>;
  }

  /** renderOver's merged plan for its last base; undefined when the spread must be kept. */
  #over: { base: Record<string, unknown>; plan: RenderPlan | undefined } | undefined;
}

/**
 * The plan of `{ ...base, ...value }` when `value`'s plan is a plain object's whose keys are all
 * the base's, in the base's order (so templates render in the same order, and the first error is
 * the same): the base's keys, each rendered as the value has it or else taken from the base as it
 * is. Undefined otherwise, or for a base with symbol keys (which spread copies).
 */
function overPlan(base: Record<string, unknown>, plan: RenderPlan): RenderPlan | undefined {
  if (plan.kind !== "object" || Object.getOwnPropertySymbols(base).length > 0) return undefined;
  const keys = Object.keys(base);
  let last = -1;
  for (const k of plan.keys) {
    const at = keys.indexOf(k);
    if (at <= last) return undefined;
    last = at;
  }
  const items = keys.map((k): RenderPlan => {
    const at = plan.keys.indexOf(k);
    return at === -1 ? { kind: "value", value: base[k] } : (plan.items[at] as RenderPlan);
  });
  return { kind: "object", keys, items, protoKey: plan.protoKey || keys.includes("__proto__") };
}

/** What planOf compiled, and what did not parse. */
interface Found {
  templates: ParamTemplate[];
  issues: ParamTemplateIssue[];
}

/**
 * The plan for `value` at `path`, compiling its templates into `found` (a template that does not
 * parse is an issue, and kept as text). Containers met again inside themselves stay as they are.
 */
function planOf(value: unknown, path: (string | number)[], ancestors: Set<object>, found: Found): RenderPlan {
  if (typeof value === "string") {
    if (!isTemplate(value)) return { kind: "value", value };
    try {
      const template = compileTemplate(value);
      found.templates.push({ path, template });
      return { kind: "template", template, path };
    } catch (err) {
      if (!(err instanceof TemplateSyntaxError)) throw err;
      found.issues.push({ path, source: value, issue: err.issue });
      return { kind: "value", value };
    }
  }
  if (!isContainer(value) || ancestors.has(value)) return { kind: "value", value };
  ancestors.add(value);
  try {
    if (Array.isArray(value)) {
      return { kind: "array", items: value.map((v, i) => planOf(v, [...path, i], ancestors, found)) };
    }
    const keys = Object.keys(value);
    return {
      kind: "object",
      keys,
      items: keys.map((k) => planOf((value as Record<string, unknown>)[k], [...path, k], ancestors, found)),
      protoKey: keys.includes("__proto__"),
    };
  } finally {
    ancestors.delete(value);
  }
}

/** A deep copy of the plan's value with each template rendered. */
function renderPlan(plan: RenderPlan, context: Record<string, unknown>, budget: EvaluationBudget): unknown {
  switch (plan.kind) {
    case "value":
      return plan.value;
    case "template":
      try {
        return plan.template.render(context, budget);
      } catch (err) {
        if (err instanceof MissingVariableError || err instanceof TemplateRenderError) {
          throw err.at([...plan.path]);
        }
        throw err;
      }
    case "array": {
      const { items } = plan;
      const out = new Array<unknown>(items.length);
      // Holes stay holes, as `map` leaves them.
      for (let i = 0; i < items.length; i++)
        if (i in items) out[i] = renderPlan(items[i] as RenderPlan, context, budget);
      return out;
    }
    case "object": {
      const { keys, items } = plan;
      // Assigning `__proto__` would set the prototype: such params get own properties defined instead.
      if (plan.protoKey)
        return Object.fromEntries(
          keys.map((k, i) => [k, renderPlan(items[i] as RenderPlan, context, budget)]),
        );
      const out: Record<string, unknown> = {};
      for (let i = 0; i < keys.length; i++)
        out[keys[i] as string] = renderPlan(items[i] as RenderPlan, context, budget);
      return out;
    }
  }
}

/** Same as `new CompiledParams(value)`. */
export function compileParams(value: unknown): CompiledParams {
  return new CompiledParams(value);
}

/** Same as `new CompiledParams(value, { defer: true })`: parsed on first render. */
export function deferParams(value: unknown): CompiledParams {
  return new CompiledParams(value, { defer: true });
}

function* templateStrings(
  value: unknown,
  path: (string | number)[],
  ancestors: Set<object>,
): Generator<[(string | number)[], string]> {
  if (typeof value === "string") {
    if (isTemplate(value)) yield [path, value];
    return;
  }
  if (!isContainer(value) || ancestors.has(value)) return;
  ancestors.add(value);
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) yield* templateStrings(value[i], [...path, i], ancestors);
  } else {
    for (const [k, v] of Object.entries(value)) yield* templateStrings(v, [...path, k], ancestors);
  }
  ancestors.delete(value);
}

/** Arrays and plain objects (the shapes YAML and JSON produce); anything else is a leaf. */
function isContainer(value: unknown): value is object {
  if (Array.isArray(value)) return true;
  if (value === null || typeof value !== "object") return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}
