import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { packageRoot } from "../engine/package-root.js";

type Exports = Record<string, { import?: string } | string>;

let exportsMap: Exports | undefined;

/**
 * The file a `rulebridge` or `rulebridge/<entry>` import means, in the copy of rulebridge that is
 * running. A project's action modules are pointed here, so the contract they import (e.g.
 * ActionFailure) is the one the engine checks against, whatever copy the project has installed.
 * Undefined for a subpath the package does not export.
 */
export function ownEntry(specifier: string): string | undefined {
  exportsMap ??=
    (JSON.parse(readFileSync(join(packageRoot(), "package.json"), "utf8")) as { exports?: Exports })
      .exports ?? {};
  const sub = specifier === "rulebridge" ? "." : `.${specifier.slice("rulebridge".length)}`;
  const target = exportsMap[sub];
  const path = typeof target === "string" ? target : target?.import;
  return path === undefined ? undefined : resolve(packageRoot(), path);
}
