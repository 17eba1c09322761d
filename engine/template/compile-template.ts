import type { EvaluationBudget } from "../evaluation-budget.js";
import type { compileLiquidTemplate } from "./liquid-template.js";
import { compileSimpleTemplate } from "./simple-template.js";
import { loadedTemplateCompiler } from "./template-loader.js";

/**
 * liquidjs, loaded with this module everywhere but in the engine bundle, where esbuild defines
 * RULEBRIDGE_ENGINE_BUNDLE, folds this to `undefined` and drops the import with it (a static
 * import would keep liquidjs in the chunk every cold start loads, even unused; see
 * template-loader.ts for how the bundle loads it).
 */
const eager: typeof compileLiquidTemplate | undefined = process.env.RULEBRIDGE_ENGINE_BUNDLE
  ? undefined
  : (await import("./liquid-template.js")).compileLiquidTemplate;

/** A variable path from the context root, e.g. `["event", "detail", "containers", 0, "name"]`. */
export type VariablePath = ReadonlyArray<string | number>;

export interface CompiledTemplate {
  readonly source: string;
  /**
   * Every context variable the template reads, as segments from the root, in order of first use,
   * without duplicates. Loop and `assign` locals are not listed; a dynamic index (`a[b.c]`) ends
   * the path of `a` there, and `b.c` is listed on its own.
   */
  readonly variables: ReadonlyArray<VariablePath>;
  /**
   * Renders against a context; throws MissingVariableError or TemplateRenderError. `budget` is
   * the event's, shared by all its templates and conditions; by default the render has its own.
   */
  render(context: Record<string, unknown>, budget?: EvaluationBudget): string;
}

/** Whether a string is a template at all; plain strings are used verbatim and never parsed. */
export function isTemplate(source: string): boolean {
  return source.includes("{{") || source.includes("{%");
}

/**
 * Parses a template once, at load time. Throws TemplateSyntaxError with a position in `source`.
 * Text with plain `{{ path }}` outputs renders without liquidjs (simple-template.ts), the same
 * way to the byte and the error. Anything else, in the engine bundle, compiles with what the
 * handler's loadTemplateCompiler() loaded once an event matched a rule.
 */
export function compileTemplate(source: string): CompiledTemplate {
  const known = simple.get(source);
  if (known !== undefined) return known;
  const template = compileSimpleTemplate(source, compileLiquid);
  if (template === undefined) return compileLiquid(source);
  if (simple.size >= MAX_SIMPLE) simple.clear();
  simple.set(source, template);
  return template;
}

/**
 * Simple templates by source: rules that write the same template (a default message, a shared
 * subject) share one, so an event matched by several of them renders it once (see
 * SimpleTemplate.render). Cleared when full; sources come from rule files, not from events.
 */
const simple = new Map<string, CompiledTemplate>();
const MAX_SIMPLE = 10_000;

function compileLiquid(source: string): CompiledTemplate {
  return (eager ?? loadedTemplateCompiler())(source);
}
