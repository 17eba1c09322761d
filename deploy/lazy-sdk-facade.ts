import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";

/**
 * For the engine bundle, every `@aws-sdk/client-*` package is replaced (esbuild `alias`) by a
 * small facade module: its clients, commands and errors are the stand-ins of
 * handler/lazy-sdk.ts, and each real client and command (from the package's ES-module
 * build) is a dynamic import that esbuild splits into chunks; unused stand-ins are tree-shaken
 * with their imports. So importing the engine compiles no SDK client, and an action's first
 * `send` loads only the client and commands it uses. Enums are plain constants and are
 * re-exported as they are. Generated from the package's own files: its `commands/` folder, its
 * `*Client.js`, and the classes of `models/errors.js`; a name outside these (a paginator, the
 * aggregated client) is not in the facade, and esbuild fails the bundle naming the import.
 */

/** Where `@aws-sdk` packages can be found from `root`: its node_modules and its parents'. */
export function sdkScopes(root: string): string[] {
  const scopes: string[] = [];
  for (let dir = root; ; dir = dirname(dir)) {
    const scope = join(dir, "node_modules", "@aws-sdk");
    if (existsSync(scope)) scopes.push(scope);
    if (dirname(dir) === dir) return scopes;
  }
}

function esEntry(packageDir: string): string | undefined {
  const manifest = JSON.parse(readFileSync(join(packageDir, "package.json"), "utf8")) as { module?: unknown };
  if (typeof manifest.module !== "string") return undefined;
  const entry = join(packageDir, manifest.module);
  return existsSync(entry) ? entry : undefined;
}

function jsNames(dir: string, suffix: RegExp): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith(".js") && suffix.test(f.slice(0, -3)))
    .map((f) => f.slice(0, -3))
    .sort();
}

function errorClasses(modelsDir: string): string[] {
  const names = new Set<string>();
  for (const file of jsNames(modelsDir, /^(errors|models_\d+)$/)) {
    const text = readFileSync(join(modelsDir, `${file}.js`), "utf8");
    for (const m of text.matchAll(/^export class (\w+) extends __BaseException/gm)) names.add(m[1]!);
  }
  return [...names].sort();
}

/**
 * A copy of a client package's ES-module build whose schemas esbuild can tree-shake. The SDK
 * writes its shape schemas as arrays holding objects with computed keys, `{ [_xN]: … }`, where
 * `_xN` is a string constant of the same file; esbuild cannot prove such a key free of side
 * effects and keeps every schema of the service (EC2: 540 KB minified, where one command needs
 * 30). Writing the constant's literal in place of the name (`{ ["xmlName"]: … }`) builds the same
 * object and lets the unused schemas go. The copy's bare imports resolve through esbuild's
 * `nodePaths`; a package with its own node_modules is left as it is.
 */
export function stageTreeShakable(packageDir: string, stageDir: string): string {
  if (existsSync(join(packageDir, "node_modules"))) return packageDir;
  const entry = esEntry(packageDir);
  if (!entry) return packageDir;
  mkdirSync(stageDir, { recursive: true });
  cpSync(join(packageDir, "package.json"), join(stageDir, "package.json"));
  const esDir = dirname(entry);
  const staged = join(stageDir, esDir.slice(packageDir.length));
  cpSync(esDir, staged, { recursive: true });
  const schemas = join(staged, "schemas");
  for (const name of jsNames(schemas, /^schemas_\d+$/)) {
    const file = join(schemas, `${name}.js`);
    const text = readFileSync(file, "utf8");
    const constants = new Map(
      [...text.matchAll(/^const (_\w+) = ("[^"\\\n]*");$/gm)].map((m) => [m[1]!, m[2]!] as const),
    );
    writeFileSync(
      file,
      text.replace(/\[(_\w+)\]:/g, (all, id: string) => {
        const literal = constants.get(id);
        return literal === undefined ? all : `[${literal}]:`;
      }),
    );
  }
  return stageDir;
}

/** Marks a stand-in in the probe build; the names found in its output are those the engine uses. */
const PROBE = "@@rulebridge-sdk";

/** Which stand-ins of which packages survived tree-shaking in a probe build's output. */
export function usedSdkNames(outputs: Iterable<string>): Map<string, Set<string>> {
  const used = new Map<string, Set<string>>();
  for (const text of outputs) {
    for (const m of text.matchAll(/@@rulebridge-sdk:([@\w/-]+):(\w+)/g)) {
      const names = used.get(m[1]!) ?? new Set<string>();
      names.add(m[2]!);
      used.set(m[1]!, names);
    }
  }
  return used;
}

/**
 * The facade's source for one client package, or undefined when it has no ES-module build.
 * Without `used`, a probe: stand-ins load nothing and are marked so `usedSdkNames` can find the
 * ones the engine imports (esbuild keeps every dynamic import target, used or not, so the real
 * build lists only those).
 */
export function facadeSource(
  specifier: string,
  packageDir: string,
  runtimePath: string,
  used?: ReadonlySet<string>,
): string | undefined {
  const entry = esEntry(packageDir);
  if (!entry) return undefined;
  const es = dirname(entry);
  const models = join(es, "models");
  const q = JSON.stringify;
  const wanted = (name: string): boolean => used === undefined || used.has(name);
  const loader = (file: string, name: string): string =>
    used === undefined
      ? `null, ${q(`${PROBE}:${specifier}:${name}`)}`
      : `() => import(${q(file)}), ${q(name)}`;
  const lines = [`import { lazyClient, lazyCommand, lazyError } from ${q(runtimePath)};`];
  if (existsSync(join(models, "enums.js"))) lines.push(`export * from ${q(join(models, "enums.js"))};`);
  for (const name of jsNames(es, /^\w+Client$/).filter(wanted)) {
    lines.push(`export const ${name} = /* @__PURE__ */ lazyClient(${loader(join(es, `${name}.js`), name)});`);
  }
  for (const name of jsNames(join(es, "commands"), /^\w+Command$/).filter(wanted)) {
    const file = join(es, "commands", `${name}.js`);
    lines.push(`export const ${name} = /* @__PURE__ */ lazyCommand(${loader(file, name)});`);
  }
  for (const name of jsNames(models, /^\w+ServiceException$/)) {
    lines.push(`export const ${name} = /* @__PURE__ */ lazyError(${q(name)}, true);`);
  }
  for (const name of errorClasses(models)) {
    lines.push(`export const ${name} = /* @__PURE__ */ lazyError(${q(name)});`);
  }
  return `${lines.join("\n")}\n`;
}

/**
 * Writes a facade per client package reachable from `root` into `dir` and returns esbuild's
 * `alias` map (package name → facade file). The first package found for a name wins, as Node
 * would resolve it from `root`. Without `used`, probe facades (see facadeSource).
 */
export function writeLazySdkFacades(
  root: string,
  dir: string,
  runtimePath: string,
  used?: ReadonlyMap<string, ReadonlySet<string>>,
  stageDir?: string,
): Record<string, string> {
  const alias: Record<string, string> = {};
  for (const scope of sdkScopes(root)) {
    for (const name of readdirSync(scope).sort()) {
      const specifier = `@aws-sdk/${name}`;
      if (!name.startsWith("client-") || specifier in alias) continue;
      const names = used === undefined ? undefined : (used.get(specifier) ?? new Set<string>());
      let packageDir = join(scope, name);
      if (stageDir !== undefined && names !== undefined && names.size > 0) {
        packageDir = stageTreeShakable(packageDir, join(stageDir, name));
      }
      const source = facadeSource(specifier, packageDir, runtimePath, names);
      if (source === undefined) continue;
      const file = join(dir, `${name}.mjs`);
      writeFileSync(file, source);
      alias[specifier] = file;
    }
  }
  return alias;
}

/** The versions of the packages Node would resolve from `root`, for cache keys. */
export function sdkVersions(root: string, specifiers: Iterable<string>): Record<string, string> {
  const out: Record<string, string> = {};
  const scopes = sdkScopes(root);
  for (const specifier of specifiers) {
    const name = specifier.replace(/^@aws-sdk\//, "");
    const scope = scopes.find((s) => existsSync(join(s, name, "package.json")));
    if (!scope) continue;
    const manifest = JSON.parse(readFileSync(join(scope, name, "package.json"), "utf8")) as {
      version?: unknown;
    };
    out[specifier] = String(manifest.version);
  }
  return out;
}
