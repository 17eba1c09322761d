import { spawnSync } from "node:child_process";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");

/** Runs one provisioning script; a failure stops the whole test run with the script's reason. */
function provision(script: string): void {
  const path = join(repoRoot, script);
  const result = spawnSync(process.execPath, [path], { cwd: repoRoot, stdio: "inherit" });
  if (result.error) {
    throw new Error(`could not run ${script}: ${result.error.message}`);
  }
  if (result.status !== 0) {
    throw new Error(
      `${script} failed (exit ${result.status ?? result.signal}); its output above says why. ` +
        "The suite needs it: fix the cause and run the tests again.",
    );
  }
}

/** Provisions the real components the suite talks to; each must fail loudly when it cannot be had. */
export default async function setup(): Promise<void> {
  // AWS's own EventBridge matcher (event-ruler), the oracle of test/conformance.
  provision("scripts/setup-oracle.mjs");
}
