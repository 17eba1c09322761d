// Installs the pinned cfn-lint into a venv under .cache/cfn-lint/ (see cfn-lint-requirements.txt for the
// pins and pinned-venv.mjs for how the venv is built, reused and pruned). The caller holds the install
// lock (scripts/setup-cfn-lint.mjs takes it).

import { join } from "node:path";
import { cacheDir, root, run } from "./common.mjs";
import { installPinnedVenv } from "./pinned-venv.mjs";

export const cfnLintDir = join(cacheDir, "cfn-lint");
/** What the last successful install recorded; test/support/cfn-lint.ts reads it. */
export const cfnLintManifestPath = join(cfnLintDir, "cfn-lint.json");

export function log(message) {
  process.stdout.write(`[setup-cfn-lint] ${message}\n`);
}

/** Returns { version, python, venv, cfnLint }, installing cfn-lint first unless it is already there. */
export async function installCfnLint({ force = false } = {}) {
  const { binary, ...section } = await installPinnedVenv(
    {
      tool: "cfn-lint",
      dir: cfnLintDir,
      lockFile: join(root, "scripts", "services", "cfn-lint-requirements.txt"),
      pin: /^cfn-lint==(\S+)$/m,
      binary: "cfn-lint",
      // cfn-lint 1.58.0 declares Requires-Python >=3.10,<3.15.
      python: [10, 14],
      installedVersion: (venv) => {
        const check = run(join(venv, "bin", "cfn-lint"), ["--version"]);
        return check?.status === 0 ? check.stdout.trim().replace(/^cfn-lint /, "") : undefined;
      },
      log,
    },
    { force },
  );
  return { ...section, cfnLint: binary };
}
