import { createHash } from "node:crypto";
import { existsSync, writeFileSync } from "node:fs";
import { builtinModules } from "node:module";
import { join } from "node:path";
import { publishFolder } from "./publish-folder.js";

/** Bumped when what a shim says changes, so an old folder is not reused. */
const SHIM_LAYOUT = 2;

/**
 * Built-ins that Node does not load while it starts and that take milliseconds to load: their
 * shims load them on first use (see shimSource). The others are loaded already, or cheap, and a
 * lazy shim would only add its list of names to the asset.
 */
const LAZY: ReadonlySet<string> = new Set([
  "child_process",
  "crypto",
  "http",
  "http2",
  "https",
  "net",
  "tls",
  "zlib",
]);

/** A file name for a built-in's shim: `fs/promises` → `fs__promises.cjs`. */
function shimFile(name: string): string {
  return `${name.replace(/\//g, "__")}.cjs`;
}

/**
 * A built-in as a CommonJS module for the bundle. For the LAZY ones, the exports are getters that
 * load the built-in on first use: esbuild's interop copies names, not values, so an import the
 * start never calls (Powertools Logger's `randomInt`, the idempotency keys' `createHash`) does not
 * load node:crypto. Names are the synthesizing Node's.
 */
function shimSource(name: string): string {
  const id = JSON.stringify(`node:${name}`);
  const mod: unknown = LAZY.has(name) ? process.getBuiltinModule(`node:${name}`) : undefined;
  if (mod === null || typeof mod !== "object") return `module.exports = process.getBuiltinModule(${id});\n`;
  const names = Object.getOwnPropertyNames(mod).sort();
  return [
    "let loaded;",
    `const load = () => (loaded ??= process.getBuiltinModule(${id}));`,
    `for (const name of ${JSON.stringify(names)}) {`,
    "  Object.defineProperty(module.exports, name, {",
    "    enumerable: true,",
    "    get: () => load()[name],",
    "    set: (value) => {",
    "      load()[name] = value;",
    "    },",
    "  });",
    "}",
    "",
  ].join("\n");
}

/**
 * esbuild aliases that make the engine bundle reach Node's built-in modules through
 * `process.getBuiltinModule` instead of an ES `import`. Importing a built-in from an ES module
 * makes Node build a facade that reads every export once, and several exports are lazy getters:
 * on Node 24 (the function's runtime) the facade of `node:http` loads undici for its `WebSocket`
 * export, `node:fs` loads `fs/promises`, `node:util` and `node:process` their own lazy parts,
 * none of which the engine uses. As CommonJS modules (see shimSource) the shims are read property
 * by property, when the code uses one. Written once into `dir`, in a folder named after their
 * content (esbuild's chunk hashes include the paths, so the same shims give the same bundle).
 */
export function builtinShimAlias(dir: string): Record<string, string> {
  const names = builtinModules.filter((name) => !name.startsWith("_"));
  const sources = new Map(names.map((name) => [name, shimSource(name)]));
  const key = createHash("sha256")
    .update(JSON.stringify([SHIM_LAYOUT, [...sources]]))
    .digest("hex")
    .slice(0, 16);
  const final = join(dir, `builtins-${key}`);
  if (!existsSync(final)) {
    publishFolder(final, (dir) => {
      for (const [name, source] of sources) writeFileSync(join(dir, shimFile(name)), source);
    });
  }
  const alias: Record<string, string> = {};
  for (const name of names) {
    alias[name] = join(final, shimFile(name));
    alias[`node:${name}`] = alias[name];
  }
  return alias;
}
