/**
 * liquidjs on demand, for the engine bundle: a cold start that matches no rule never loads it.
 * The handler awaits loadTemplateCompiler() before it evaluates an event that matched a rule;
 * compileTemplate (in the bundle) then compiles with what was loaded. Outside the bundle
 * compileTemplate imports liquidjs statically and this is only a (harmless) extra reference.
 */
import type { CompiledTemplate } from "./compile-template.js";

type Compile = (source: string) => CompiledTemplate;

let compile: Compile | undefined;
let loading: Promise<void> | undefined;

/** Loads liquidjs and the rule template setup once; later calls return the same promise. */
export function loadTemplateCompiler(): Promise<void> {
  loading ??= import("./liquid-template.js").then((m) => {
    compile = m.compileLiquidTemplate;
  });
  return loading;
}

/** The compiler loadTemplateCompiler loaded; throws when nothing awaited it first (a bug, not data). */
export function loadedTemplateCompiler(): Compile {
  if (!compile) {
    throw new Error("rulebridge: the template engine is not loaded (await loadTemplateCompiler() first)");
  }
  return compile;
}
