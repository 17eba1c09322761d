import { createHash } from "node:crypto";
import { statSync } from "node:fs";
import { builtinModules } from "node:module";
import { extname, isAbsolute, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import type { Plugin } from "esbuild";
import type { ActionDefinition } from "../../engine/action/types.js";
import type { ProblemCode } from "../../engine/problem.js";
import { ownEntry } from "../own-package.js";

/** File kinds a project's action module may be written in; TypeScript needs no build step of the user's. */
export const ACTION_MODULE_EXTENSIONS = [".ts", ".mts", ".js", ".mjs"] as const;

/** One `actions:` entry of rulebridge.yaml, imported. */
export interface LoadedActionModule {
  /** As written in the settings file. */
  specifier: string;
  /** The module's file, absolute (for a package: its resolved entry). */
  path: string;
  definitions: ActionDefinition[];
}

/** Why a module could not be used: a stable code and a one-line cause, never a stack. */
export interface ActionModuleError {
  code: Extract<
    ProblemCode,
    "ACTION_MODULE_NOT_FOUND" | "ACTION_MODULE_COMPILE" | "ACTION_MODULE_IMPORT" | "ACTION_MODULE_INVALID"
  >;
  message: string;
}

const BUILTIN = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);

/**
 * Every bare import stays outside the compiled module but is pinned to an absolute file: the
 * module is imported from a `data:` URL, which has no folder to resolve packages from.
 * `rulebridge` imports go to the running copy (see ownEntry).
 */
function pinImports(projectRoot: string): Plugin {
  return {
    name: "rulebridge-pin-imports",
    setup(b) {
      b.onResolve({ filter: /^[^./]/ }, async (args) => {
        if (args.kind === "entry-point" || isAbsolute(args.path)) return undefined;
        if (BUILTIN.has(args.path)) return { path: args.path, external: true };
        if (args.path === "rulebridge" || args.path.startsWith("rulebridge/")) {
          const own = ownEntry(args.path);
          if (own === undefined) return { errors: [{ text: `rulebridge does not export "${args.path}"` }] };
          return { path: pathToFileURL(own).href, external: true };
        }
        if (args.pluginData === "pinned") return undefined;
        const found = await b.resolve(args.path, {
          kind: args.kind,
          resolveDir: args.resolveDir || projectRoot,
          pluginData: "pinned",
        });
        if (found.errors.length > 0) return { errors: found.errors };
        return { path: pathToFileURL(found.path).href, external: true };
      });
    },
  };
}

/** Where a specifier points: a path relative to the settings file, or a package from the project. */
async function locate(
  specifier: string,
  settingsDir: string,
  projectRoot: string,
): Promise<{ path: string } | ActionModuleError> {
  const isPath = specifier.startsWith(".") || isAbsolute(specifier);
  if (isPath) {
    const path = resolve(settingsDir, specifier);
    if (!(ACTION_MODULE_EXTENSIONS as readonly string[]).includes(extname(path))) {
      return {
        code: "ACTION_MODULE_INVALID",
        message: `\`${specifier}\` must be a ${ACTION_MODULE_EXTENSIONS.join(", ")} file`,
      };
    }
    const stat = statSync(path, { throwIfNoEntry: false });
    if (!stat?.isFile()) return { code: "ACTION_MODULE_NOT_FOUND", message: "no such file" };
    return { path };
  }
  try {
    // esbuild loads only for a project with its own actions: replay and run of built-ins never need it.
    const { build } = await import("esbuild");
    // esbuild resolves the package as Node would (exports conditions, main); loading stops at its entry.
    const result = await build({
      stdin: { contents: `import ${JSON.stringify(specifier)};`, resolveDir: projectRoot },
      bundle: true,
      write: false,
      platform: "node",
      format: "esm",
      logLevel: "silent",
      metafile: true,
      absWorkingDir: projectRoot,
      plugins: [{ name: "entry-only", setup: (b) => b.onLoad({ filter: /.*/ }, () => ({ contents: "" })) }],
    });
    const entry = Object.keys(result.metafile.inputs).find((i) => i !== "<stdin>");
    if (entry !== undefined) return { path: resolve(projectRoot, entry) };
  } catch {
    // Reported below.
  }
  return {
    code: "ACTION_MODULE_NOT_FOUND",
    message: `package \`${specifier}\` cannot be resolved from ${projectRoot} (is it installed?)`,
  };
}

/** Compiles one module (TypeScript or JavaScript, with its relative imports) to ESM text. */
async function compile(path: string, projectRoot: string): Promise<{ code: string } | ActionModuleError> {
  try {
    const { build } = await import("esbuild");
    const result = await build({
      entryPoints: [path],
      bundle: true,
      write: false,
      platform: "node",
      format: "esm",
      target: "node20",
      logLevel: "silent",
      sourcemap: "inline",
      plugins: [pinImports(projectRoot)],
    });
    return { code: result.outputFiles[0]?.text ?? "" };
  } catch (err) {
    const first = (
      err as { errors?: { text: string; location?: { file: string; line: number; column: number } | null }[] }
    ).errors?.[0];
    const where = first?.location
      ? ` (${first.location.file}:${first.location.line}:${first.location.column + 1})`
      : "";
    return { code: "ACTION_MODULE_COMPILE", message: `${first?.text ?? String(err)}${where}` };
  }
}

/** The default export as a list of definitions, or why it is not one. */
function definitionsOf(exported: unknown): ActionDefinition[] | ActionModuleError {
  const list = Array.isArray(exported) ? exported : [exported];
  if (exported === undefined) {
    return { code: "ACTION_MODULE_INVALID", message: "the module has no default export" };
  }
  for (const [i, d] of list.entries()) {
    const why = definitionFault(d);
    if (why !== undefined) {
      const which = Array.isArray(exported) ? `default export [${i}]` : "default export";
      return { code: "ACTION_MODULE_INVALID", message: `${which} is not an ActionDefinition: ${why}` };
    }
  }
  return list as ActionDefinition[];
}

function definitionFault(d: unknown): string | undefined {
  if (d === null || typeof d !== "object") return "not an object";
  const def = d as Record<string, unknown>;
  if (typeof def.type !== "string") return "`type` must be a string";
  if (typeof def.description !== "string") return "`description` must be a string";
  if (def.paramsSchema === null || typeof def.paramsSchema !== "object")
    return "`paramsSchema` must be an object";
  for (const fn of ["iam", "plan"]) if (typeof def[fn] !== "function") return `\`${fn}\` must be a function`;
  for (const fn of ["run", "check"]) {
    if (def[fn] !== undefined && typeof def[fn] !== "function") return `\`${fn}\` must be a function`;
  }
  return undefined;
}

const imported = new Map<string, Promise<unknown>>();

/**
 * Finds, compiles and imports one action module. The same compiled text is imported once per
 * process (a data: URL keyed by its hash), so commands that load a project twice share definitions.
 */
export async function importActionModule(
  specifier: string,
  settingsDir: string,
  projectRoot: string,
): Promise<LoadedActionModule | ActionModuleError> {
  const located = await locate(specifier, settingsDir, projectRoot);
  if ("code" in located) return located;
  const compiled = await compile(located.path, projectRoot);
  if ("message" in compiled) return compiled;
  const url = `data:text/javascript;base64,${Buffer.from(compiled.code).toString("base64")}`;
  const key = createHash("sha256").update(compiled.code).digest("hex");
  let loading = imported.get(key);
  if (!loading) {
    loading = import(/* @vite-ignore */ url);
    imported.set(key, loading);
  }
  let mod: { default?: unknown };
  try {
    mod = (await loading) as { default?: unknown };
  } catch (err) {
    imported.delete(key);
    const e = err as Error;
    return {
      code: "ACTION_MODULE_IMPORT",
      message: `importing it threw ${e?.name ?? "an error"}: ${oneLine(e?.message ?? String(err))}`,
    };
  }
  const definitions = definitionsOf(mod.default);
  if ("code" in definitions) return definitions;
  return { specifier, path: located.path, definitions };
}

function oneLine(text: string): string {
  const line = text.split("\n")[0] ?? "";
  return line.length > 200 ? `${line.slice(0, 200)}…` : line;
}
