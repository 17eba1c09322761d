import { copyFileSync, existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, isAbsolute, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { buildSync } from "esbuild";

/** Where the handler's rule files go inside the asset; the function's RULEBRIDGE_RULES_DIR. */
export const ASSET_RULES_DIR = "rules";

/**
 * ESM bundles of CommonJS dependencies still call `require` for Node built-ins; this gives them one.
 * Fixed text, so the bundle (and the asset hash) depends on the sources only.
 */
const REQUIRE_SHIM =
  'import { createRequire as __rulebridgeCreateRequire } from "node:module";\n' +
  "const require = __rulebridgeCreateRequire(import.meta.url);";

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, "..");

/** The handler's entry: the TypeScript source in a checkout, the compiled file in a package. */
function handlerEntry(): string {
  for (const candidate of [
    join(repoRoot, "engine", "handler", "index.ts"),
    join(repoRoot, "engine", "handler", "index.js"),
  ]) {
    if (existsSync(candidate)) return candidate;
  }
  throw new Error(`rulebridge: cannot find the engine handler under ${join(repoRoot, "engine", "handler")}`);
}

/** esbuild output is deterministic for the same sources; bundling once per process keeps tests fast. */
let cachedBundle: string | undefined;

function bundleHandler(): string {
  if (cachedBundle !== undefined) return cachedBundle;
  const result = buildSync({
    entryPoints: [handlerEntry()],
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node22",
    // Paths in the bundle's comments are relative to this, never to the caller's cwd.
    absWorkingDir: repoRoot,
    banner: { js: REQUIRE_SHIM },
    legalComments: "none",
    sourcemap: false,
    write: false,
    logLevel: "silent",
    outfile: "index.mjs",
  });
  const out = result.outputFiles[0];
  if (!out) throw new Error("rulebridge: esbuild produced no output for the engine handler");
  cachedBundle = out.text;
  return cachedBundle;
}

export interface BundleOptions {
  /** Folder to (re)create with `index.mjs` and `rules/`. */
  outDir: string;
  /** Folder the rule files' relative paths are resolved against. */
  rulesDir: string;
  /** Rule files to ship (relative to `rulesDir`, or absolute inside it). */
  ruleFiles: readonly string[];
}

/**
 * Builds the function's code folder: the ESM bundle of the generic handler plus exactly the rule
 * files the stack was generated from, so the deployed function and the template always agree.
 * The folder is wiped first: a stale rule file left there would run in AWS without its
 * EventBridge rule, target or IAM.
 */
export function bundleEngine(options: BundleOptions): string {
  const outDir = resolve(options.outDir);
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(join(outDir, ASSET_RULES_DIR), { recursive: true });
  writeFileSync(join(outDir, "index.mjs"), bundleHandler());
  const rulesDir = resolve(options.rulesDir);
  for (const file of [...new Set(options.ruleFiles)].sort()) {
    const source = isAbsolute(file) ? file : resolve(rulesDir, file);
    const rel = relative(rulesDir, source);
    if (rel.startsWith("..") || isAbsolute(rel)) {
      throw new Error(`rulebridge: rule file ${file} is outside the rules folder ${rulesDir}`);
    }
    const target = join(outDir, ASSET_RULES_DIR, rel);
    mkdirSync(dirname(target), { recursive: true });
    copyFileSync(source, target);
  }
  return outDir;
}
