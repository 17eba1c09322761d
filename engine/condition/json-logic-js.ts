import { createRequire } from "node:module";
import type JsonLogic from "json-logic-js";

/**
 * The json-logic-js package, a CommonJS module: Node gets it through `require`, which skips the
 * export-name scan an ES import of CommonJS costs on every start; the engine bundle (esbuild,
 * which defines RULEBRIDGE_ENGINE_BUNDLE) takes it through an import it can bundle.
 */
export const jsonLogicModule: typeof JsonLogic = process.env.RULEBRIDGE_ENGINE_BUNDLE
  ? (await import("json-logic-js")).default
  : (createRequire(import.meta.url)("json-logic-js") as typeof JsonLogic);
