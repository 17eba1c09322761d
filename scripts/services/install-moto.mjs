// Installs the pinned moto server into a venv under .cache/moto/ (see moto-requirements.txt for the pins
// and pinned-venv.mjs for how the venv is built, reused and pruned).

import { join } from "node:path";
import { cacheDir, log, root, run } from "./common.mjs";
import { installPinnedVenv } from "./pinned-venv.mjs";

/**
 * Returns the manifest section for moto, installing it first unless it is already there. `say`
 * gets the progress lines (default: stdout, with the other services').
 */
export async function installMoto({ force = false, say = log } = {}) {
  const { binary, ...section } = await installPinnedVenv(
    {
      tool: "moto",
      dir: join(cacheDir, "moto"),
      lockFile: join(root, "scripts", "services", "moto-requirements.txt"),
      pin: /^moto\[server\]==(\S+)$/m,
      binary: "moto_server",
      python: [9, Number.POSITIVE_INFINITY],
      installedVersion: (venv) => {
        const check = run(join(venv, "bin", "python"), ["-c", "import moto; print(moto.__version__)"]);
        return check?.status === 0 ? check.stdout.trim() : undefined;
      },
      log: say,
    },
    { force },
  );
  return { ...section, motoServer: binary };
}
