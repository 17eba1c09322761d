/**
 * liquidjs on demand, for the engine bundle: a cold start that matches no rule never loads it.
 * The handler awaits loadTemplateCompiler() before it evaluates an event that matched a rule;
 * compileTemplate (in the bundle) then compiles with what was loaded. Outside the bundle
 * compileTemplate imports liquidjs statically and this is only a (harmless) extra reference.
 */
import { LoadOnce } from "../load-once.js";
import type { CompiledTemplate } from "./compile-template.js";

const compiler = new LoadOnce<(source: string) => CompiledTemplate>(
  () => import("./liquid-template.js").then((m) => m.compileLiquidTemplate),
  "the template engine",
  "loadTemplateCompiler",
);

/** Loads liquidjs and the rule template setup once; later calls return the same promise. */
export function loadTemplateCompiler(): Promise<void> {
  return compiler.load();
}

/** The compiler loadTemplateCompiler loaded; throws when nothing awaited it first (a bug, not data). */
export function loadedTemplateCompiler(): (source: string) => CompiledTemplate {
  return compiler.get();
}
