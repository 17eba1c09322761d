import { createRequire } from "node:module";
import type * as Liquidjs from "liquidjs";

/**
 * The liquidjs package. For Node it ships only a CommonJS build, and importing that from an ES
 * module makes Node scan the whole file for export names on every start (several times the cost
 * of loading it), so Node gets it through `require`. The engine bundle (esbuild, which defines
 * RULEBRIDGE_ENGINE_BUNDLE) takes the ES build instead, in the chunk loaded on first render.
 */
export const liquidjs: typeof Liquidjs = process.env.RULEBRIDGE_ENGINE_BUNDLE
  ? await import("liquidjs")
  : (createRequire(import.meta.url)("liquidjs") as typeof Liquidjs);
