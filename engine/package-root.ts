import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** The CI workflow shipped with the package; `init` copies it, so the two never drift apart. */
export const WORKFLOW_EXAMPLE = join("examples", "github-workflow.yml");

const PACKAGE_NAME = "rulebridge";

let cachedRoot: string | undefined;

/**
 * The rulebridge package's own folder: the checkout (running from TypeScript sources or dist/)
 * or node_modules/rulebridge once installed. Found by walking up to its package.json, since the
 * compiled file sits one level deeper (dist/) than its source.
 */
export function packageRoot(): string {
  if (cachedRoot !== undefined) return cachedRoot;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = join(dir, "package.json");
    if (existsSync(manifest) && readManifest(manifest).name === PACKAGE_NAME) {
      cachedRoot = dir;
      return dir;
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error("rulebridge: cannot find the rulebridge package.json");
    dir = parent;
  }
}

/** The version of this rulebridge, which `init` pins in the new project's package.json. */
export function packageVersion(): string {
  const version = readManifest(join(packageRoot(), "package.json")).version;
  if (typeof version !== "string") throw new Error("rulebridge: package.json has no version");
  return version;
}

/**
 * The CDK packages rulebridge expects beside it (its peer dependencies, with their ranges): `init`
 * pins them in the new project, which owns them as any CDK app owns aws-cdk-lib.
 */
export function packagePeers(): Record<string, string> {
  const peers = readManifest(join(packageRoot(), "package.json")).peerDependencies;
  return typeof peers === "object" && peers !== null ? { ...(peers as Record<string, string>) } : {};
}

/** The text of `examples/github-workflow.yml` as shipped. */
export function shippedWorkflow(): string {
  return readFileSync(join(packageRoot(), WORKFLOW_EXAMPLE), "utf8");
}

interface Manifest {
  name?: unknown;
  version?: unknown;
  peerDependencies?: unknown;
}

function readManifest(path: string): Manifest {
  return JSON.parse(readFileSync(path, "utf8")) as Manifest;
}
