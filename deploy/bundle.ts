import { createHash } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, extname, isAbsolute, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { type BuildOptions, buildSync } from "esbuild";
import { builtinActions, registerBuiltins } from "../actions/builtins.js";
import { ActionRegistry } from "../engine/action/registry.js";
import type { ActionDefinition } from "../engine/action/types.js";
import { RULE_ARTIFACT_FILE } from "../engine/compile/rule-artifact.js";
import { ruleSchemaHash, writeRuleArtifact } from "../engine/compile/rule-artifact-writer.js";
import type { CompiledRule } from "../engine/compile/rule-compiler.js";
import { packageVersion } from "../engine/package-root.js";
import { builtinShimAlias } from "./builtin-shims.js";
import { sdkScopes, sdkVersions, usedSdkNames, writeLazySdkFacades } from "./lazy-sdk-facade.js";
import { publishFolder } from "./publish-folder.js";

/** The function's env var naming the rule artifact (the generated entry's default: beside index.mjs). */
export const RULES_ARTIFACT_ENV = "RULEBRIDGE_RULES_ARTIFACT";
export { RULE_ARTIFACT_FILE };

/**
 * ESM bundles of CommonJS dependencies still call `require` for Node built-ins; this gives them one.
 * Fixed text, so the bundle (and the asset hash) depends on the sources only.
 */
const REQUIRE_SHIM =
  'import { createRequire as __rulebridgeCreateRequire } from "node:module";\n' +
  "const require = __rulebridgeCreateRequire(import.meta.url);";

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, "..");
const ACTION_MODULE_EXTENSIONS = new Set([".ts", ".mts", ".js", ".mjs"]);

/** A source of the engine: the TypeScript file in a checkout, the compiled file in a package. */
function engineSource(...parts: string[]): string {
  const base = join(repoRoot, ...parts);
  for (const candidate of [`${base}.ts`, `${base}.js`]) if (existsSync(candidate)) return candidate;
  throw new Error(`rulebridge: cannot find ${base}.ts or .js`);
}

/**
 * The bundle's entry, generated: the version and rule schema the artifact must come from, the
 * artifact beside the bundle unless the env names one, and the actions: declared by type (with
 * their secret patterns, which every log line is scrubbed with), their code behind dynamic
 * imports, one per built-in (its folder, `actions/<type>/index`) and one for the project's
 * modules, each loaded when an event first reaches a rule using one of its actions.
 */
function entrySource({ actionModules, schemaHash, declared }: EntryInputs): string {
  const q = JSON.stringify;
  const regex = (r: RegExp): string => `new RegExp(${q(r.source)}, ${q(r.flags)})`;
  const declaredText = declared.map((d) => {
    const patterns = d.secretPatterns?.map(
      (p) =>
        `{ id: ${q(p.id)}, label: ${q(p.label)}, pattern: ${regex(p.pattern)}${p.advice !== undefined ? `, advice: ${q(p.advice)}` : ""} }`,
    );
    return `{ type: ${q(d.type)}${patterns ? `, secretPatterns: [${patterns.join(", ")}]` : ""} }`;
  });
  const builtinTypes = builtinActions.map((a) => a.type);
  const builtinGroups = builtinTypes.map(
    (type) =>
      `{ types: [${q(type)}], load: () => import(${q(engineSource("actions", type, "index"))}).then((m) => exportedDefinitions(m, ${q(type)})) }`,
  );
  const projectTypes = declared.map((d) => d.type).filter((t) => !builtinTypes.includes(t));
  const imports = actionModules.map((m) => `import(${q(m)})`);
  const projectGroup =
    actionModules.length === 0
      ? []
      : [
          `{ types: ${q(projectTypes)}, load: () => Promise.all([${imports.join(", ")}]).then((modules) => modules.flatMap((module, i) => moduleDefinitions({ source: ${q(actionModules)}[i], module }))) }`,
        ];
  return [
    `import { exportedDefinitions, moduleDefinitions, startArtifactHandler } from ${q(engineSource("handler", "artifact-handler"))};`,
    "export const handler = startArtifactHandler({",
    `  artifact: process.env.${RULES_ARTIFACT_ENV} || new URL(${q(`./${RULE_ARTIFACT_FILE}`)}, import.meta.url),`,
    `  version: ${q(packageVersion())},`,
    `  schemaHash: ${q(schemaHash)},`,
    "  actions: {",
    `    declared: [${declaredText.join(", ")}],`,
    `    groups: [${[...builtinGroups, ...projectGroup].join(",\n      ")}],`,
    "  },",
    "});",
    "",
  ].join("\n");
}

interface BuiltBundle {
  /** Output files by path relative to the asset folder (`index.mjs`, `chunks/…`). */
  files: Map<string, string>;
  /** Source maps by the same paths plus `.map`: written beside the asset, never into it. */
  maps: Map<string, string>;
}

/** esbuild output is deterministic for the same sources; bundling once per module list keeps tests fast. */
const cache = new Map<string, BuiltBundle>();

/** Forgets the bundles built in this process (tests use it to check a fresh build gives the same bytes). */
export function forgetBundles(): void {
  cache.clear();
}

/** What the generated entry says: the project's action modules, the rule schema's hash, the actions. */
interface EntryInputs {
  actionModules: readonly string[];
  schemaHash: string;
  /** Every registered action's type and secret patterns (see handler/deferred-actions.ts). */
  declared: readonly Pick<ActionDefinition, "type" | "secretPatterns">[];
}

function esbuildOptions(
  entry: EntryInputs,
  alias: Record<string, string>,
  outdir: string,
): BuildOptions & { write: false } {
  return {
    stdin: { contents: entrySource(entry), resolveDir: repoRoot, sourcefile: "engine-entry.mjs" },
    bundle: true,
    splitting: true,
    platform: "node",
    format: "esm",
    target: "node22",
    // The SDK's ES-module builds: tree-shaken, and much smaller than the CommonJS `main`.
    mainFields: ["module", "main"],
    // A project's action imports `rulebridge`/`rulebridge/actions`: the same modules the engine is
    // built from, so there is one registry contract and one ActionFailure in the bundle.
    alias: {
      ...alias,
      rulebridge: engineSource("engine", "index"),
      // Lambda gives the function its credentials in the environment: no SSO, STS or IMDS clients.
      "@aws-sdk/credential-provider-node": engineSource("handler", "env-credentials"),
      "rulebridge/actions": engineSource("actions", "index"),
    },
    // The SDK's browser user-agent parser: imported on demand only in browsers, never on Lambda.
    external: ["bowser"],
    // The actions' reference-doc samples are folded away: the engine never documents itself.
    define: { "process.env.RULEBRIDGE_ENGINE_BUNDLE": "true" },
    minify: true,
    keepNames: true,
    // Paths in the source maps are relative to this, never to the caller's cwd.
    absWorkingDir: repoRoot,
    banner: { js: REQUIRE_SHIM },
    legalComments: "none",
    write: false,
    logLevel: "silent",
    outdir,
    entryNames: "index",
    chunkNames: "chunks/[name]-[hash]",
    outExtension: { ".js": ".mjs" },
  };
}

/** Bumped when what stagedFacades writes changes, so an old staged folder is not reused. */
const STAGE_LAYOUT = 1;

/**
 * The facades and staged SDK copies of the real build, in a folder named after what they hold
 * under the checkout's (or package's) `.cache`: esbuild names chunks by hashes that include the
 * inputs' paths, so a fixed place keeps the asset byte-identical across processes and machines.
 * Written whole by publishFolder, so concurrent syntheses never read a half-written one.
 */

function stagedFacades(
  runtime: string,
  used: ReadonlyMap<string, ReadonlySet<string>>,
): Record<string, string> {
  const names = [...used].map(([k, v]) => [k, [...v].sort()] as const).sort(([a], [b]) => (a < b ? -1 : 1));
  const key = createHash("sha256")
    .update(
      JSON.stringify({
        layout: STAGE_LAYOUT,
        names,
        versions: sdkVersions(repoRoot, used.keys()),
        runtime: relative(repoRoot, runtime),
      }),
    )
    .digest("hex")
    .slice(0, 16);
  const final = join(repoRoot, ".cache", "engine-bundle", key);
  const aliasFile = join(final, "alias.json");
  if (!existsSync(aliasFile)) {
    publishFolder(final, (temp) => {
      // Sources point at the final folder: generated in the temp one, then rewritten.
      const alias = writeLazySdkFacades(
        repoRoot,
        mkdirp(join(temp, "facades")),
        runtime,
        used,
        join(temp, "sdk"),
      );
      for (const file of Object.values(alias)) {
        writeFileSync(file, readFileSync(file, "utf8").split(temp).join(final));
      }
      const finalAlias = Object.fromEntries(
        Object.entries(alias).map(([k, v]) => [k, v.split(temp).join(final)]),
      );
      writeFileSync(join(temp, "alias.json"), JSON.stringify(finalAlias));
    });
  }
  return JSON.parse(readFileSync(aliasFile, "utf8")) as Record<string, string>;
}

function mkdirp(dir: string): string {
  mkdirSync(dir, { recursive: true });
  return dir;
}

/**
 * Two builds: a probe with SDK stand-ins that load nothing, to learn which clients and commands
 * the engine and the project's actions use, then the bundle with stand-ins for exactly those.
 */
function bundleHandler(entry: EntryInputs): BuiltBundle {
  const key = entrySource(entry);
  const cached = cache.get(key);
  if (cached) return cached;
  const work = mkdtempSync(join(tmpdir(), "rulebridge-bundle-"));
  try {
    const runtime = engineSource("handler", "lazy-sdk");
    // Nothing is written there (write: false); a fixed path keeps chunk hashes the same everywhere.
    const outdir = join(repoRoot, ".cache", "engine-bundle", "out");
    mkdirSync(join(work, "probe"));
    const probeAlias = writeLazySdkFacades(repoRoot, join(work, "probe"), runtime);
    const builtins = builtinShimAlias(join(repoRoot, ".cache", "engine-bundle"));
    const probe = buildSync(esbuildOptions(entry, { ...builtins, ...probeAlias }, outdir));
    const used = usedSdkNames(probe.outputFiles.map((f) => f.text));
    const alias = stagedFacades(runtime, used);
    const result = buildSync({
      ...esbuildOptions(entry, { ...builtins, ...alias }, outdir),
      sourcemap: "external",
      // Bare imports of the staged SDK copies (see stageTreeShakable) resolve where Node would.
      nodePaths: sdkScopes(repoRoot).map((scope) => dirname(scope)),
    });
    const built: BuiltBundle = { files: new Map(), maps: new Map() };
    for (const out of result.outputFiles) {
      const rel = relative(outdir, out.path).split("\\").join("/");
      (rel.endsWith(".map") ? built.maps : built.files).set(rel, out.text);
    }
    dropUnusedRequireShims(built);
    if (!built.files.has("index.mjs")) throw new Error("rulebridge: esbuild produced no engine entry");
    cache.set(key, built);
    return built;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/**
 * The banner gives every output file a `require`, but only chunks holding CommonJS code use it,
 * and creating one loads `node:module` (a few ms of every cold start when the entry has it). So
 * files that never name `require` lose the banner, and their source maps the two lines it took.
 */
function dropUnusedRequireShims(built: BuiltBundle): void {
  const banner = `${REQUIRE_SHIM}\n`;
  for (const [rel, text] of built.files) {
    if (!text.startsWith(banner) || /\brequire\b/.test(text.slice(banner.length))) continue;
    const mapRel = `${rel}.map`;
    const mapText = built.maps.get(mapRel);
    if (mapText !== undefined) {
      const map = JSON.parse(mapText) as { mappings?: unknown };
      // The banner's two lines have no mappings: the map starts with two empty lines (or is
      // empty, for esbuild's own helpers).
      if (typeof map.mappings !== "string") continue;
      if (map.mappings.startsWith(";;")) map.mappings = map.mappings.slice(2);
      else if (map.mappings !== "") continue;
      built.maps.set(mapRel, JSON.stringify(map));
    }
    built.files.set(rel, text.slice(banner.length));
  }
}

export interface BundleOptions {
  /** Folder to (re)create with `index.mjs`, its chunks and `rules.json`. */
  outDir: string;
  /** The rules to ship, compiled without errors (`loadRuleSet(...).rules`). */
  rules: readonly CompiledRule[];
  /** The registry the rules were compiled with (default: the built-ins). */
  registry?: ActionRegistry;
  /**
   * Absolute paths of the project's action modules (.ts, .mts, .js, .mjs) whose default export
   * is an ActionDefinition or an array of them; the engine registers them beside the built-ins.
   */
  actionModules?: readonly string[];
  /** Where the source maps go (default: `<outDir>.sourcemap`); never inside the asset. */
  sourceMapDir?: string;
}

function checkActionModules(modules: readonly string[]): void {
  for (const m of modules) {
    if (!isAbsolute(m)) throw new Error(`rulebridge: action module ${m} must be an absolute path`);
    if (!ACTION_MODULE_EXTENSIONS.has(extname(m))) {
      throw new Error(`rulebridge: action module ${m} must end in .ts, .mts, .js or .mjs`);
    }
    if (!existsSync(m)) throw new Error(`rulebridge: action module ${m} does not exist`);
  }
}

/**
 * Builds the function's code folder: the minified ESM bundle of the engine (SDK clients in chunks
 * loaded on first use) and the rule artifact of exactly the rules the stack was generated from,
 * so the deployed function and the template always agree. The folder is wiped first: a stale
 * file left there would ship with the next deploy.
 */
export function bundleEngine(options: BundleOptions): string {
  const outDir = resolve(options.outDir);
  const actionModules = [...(options.actionModules ?? [])];
  checkActionModules(actionModules);
  const registry = options.registry ?? registerBuiltins(new ActionRegistry());
  const built = bundleHandler({
    actionModules,
    schemaHash: ruleSchemaHash(registry),
    declared: registry.all().map((d) => ({
      type: d.type,
      ...(d.secretPatterns !== undefined ? { secretPatterns: d.secretPatterns } : {}),
    })),
  });
  const mapDir = resolve(options.sourceMapDir ?? `${outDir}.sourcemap`);
  for (const dir of [outDir, mapDir]) rmSync(dir, { recursive: true, force: true });
  for (const [files, dir] of [
    [built.files, outDir],
    [built.maps, mapDir],
  ] as const) {
    for (const [rel, text] of files) {
      mkdirSync(dirname(join(dir, rel)), { recursive: true });
      writeFileSync(join(dir, rel), text);
    }
  }
  writeFileSync(
    join(outDir, RULE_ARTIFACT_FILE),
    writeRuleArtifact(options.rules, registry, packageVersion()),
  );
  return outDir;
}
