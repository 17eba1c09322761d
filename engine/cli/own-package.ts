import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

interface PackageJson {
  name?: string;
  version?: string;
  exports?: Record<string, { import?: string } | string>;
}

/** The rulebridge package this code runs from: its folder and manifest. */
function ownPackage(): { root: string; manifest: PackageJson } {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const file = join(dir, "package.json");
    if (existsSync(file)) {
      const manifest = JSON.parse(readFileSync(file, "utf8")) as PackageJson;
      if (manifest.name === "rulebridge") return { root: dir, manifest };
    }
    const up = dirname(dir);
    if (up === dir) throw new Error("rulebridge: cannot find its own package.json");
    dir = up;
  }
}

let cached: { root: string; manifest: PackageJson } | undefined;

/**
 * The file a `rulebridge` or `rulebridge/<entry>` import means, in the copy of rulebridge that is
 * running. A project's action modules are pointed here, so the contract they import (e.g.
 * ActionFailure) is the one the engine checks against, whatever copy the project has installed.
 * Undefined for a subpath the package does not export.
 */
export function ownEntry(specifier: string): string | undefined {
  cached ??= ownPackage();
  const sub = specifier === "rulebridge" ? "." : `.${specifier.slice("rulebridge".length)}`;
  const target = cached.manifest.exports?.[sub];
  const path = typeof target === "string" ? target : target?.import;
  return path === undefined ? undefined : resolve(cached.root, path);
}

/** rulebridge's own version, from its package.json. */
export function ownVersion(): string {
  cached ??= ownPackage();
  return cached.manifest.version ?? "unknown";
}
