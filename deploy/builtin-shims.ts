import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { builtinModules } from "node:module";
import { join } from "node:path";

/** Bumped when what a shim says changes, so an old folder is not reused. */
const SHIM_LAYOUT = 1;

/** A file name for a built-in's shim: `fs/promises` → `fs__promises.cjs`. */
function shimFile(name: string): string {
  return `${name.replace(/\//g, "__")}.cjs`;
}

/**
 * esbuild aliases that make the engine bundle reach Node's built-in modules through
 * `process.getBuiltinModule` instead of an ES `import`. Importing a built-in from an ES module
 * makes Node build a facade that reads every export once, and several exports are lazy getters:
 * on Node 24 (the function's runtime) the facade of `node:http` loads undici for its `WebSocket`
 * export, `node:fs` loads `fs/promises`, `node:util` and `node:process` their own lazy parts,
 * none of which the engine uses. As CommonJS modules the shims are read property by property,
 * when the code uses one. Written once into `dir` (content-addressed by the layout, so the paths,
 * which esbuild's chunk hashes include, are the same for every synthesis).
 */
export function builtinShimAlias(dir: string): Record<string, string> {
  const names = builtinModules.filter((name) => !name.startsWith("_"));
  const final = join(dir, `builtins-v${SHIM_LAYOUT}`);
  if (!names.every((name) => existsSync(join(final, shimFile(name))))) {
    const temp = `${final}.tmp-${process.pid}-${Math.random().toString(36).slice(2)}`;
    try {
      mkdirSync(temp, { recursive: true });
      for (const name of names) {
        const id = JSON.stringify(`node:${name}`);
        writeFileSync(join(temp, shimFile(name)), `module.exports = process.getBuiltinModule(${id});\n`);
      }
      rmSync(final, { recursive: true, force: true });
      try {
        renameSync(temp, final);
      } catch (err) {
        // Another synthesis put the same files there first.
        if (!existsSync(final)) throw err;
      }
    } finally {
      rmSync(temp, { recursive: true, force: true });
    }
  }
  const alias: Record<string, string> = {};
  for (const name of names) {
    alias[name] = join(final, shimFile(name));
    alias[`node:${name}`] = alias[name];
  }
  return alias;
}
