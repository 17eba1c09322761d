#!/usr/bin/env node
// Starts the project's local services for trying rulebridge live: moto (AWS APIs), OpenSearch and
// a Slack webhook receiver, on free loopback ports, and prints their endpoints and the environment
// `rulebridge run` needs (also written to .cache/local-services/env.sh). Ctrl-C stops them and
// removes their data. Installs them first when needed (scripts/setup-services.mjs, cached).
//
// Usage: npm run services [-- --no-opensearch]
//        node scripts/local-services.mjs [--no-opensearch] [--write-env FILE]
//
// The services are the ones the tests use (test/support/services); this script bundles that
// TypeScript with esbuild (a dependency) so it runs on plain Node.
import { spawnSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { build } from "esbuild";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const cacheDir = join(root, ".cache", "local-services");

let args;
try {
  args = parseArgs({
    options: {
      "no-opensearch": { type: "boolean" },
      "write-env": { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  }).values;
} catch (error) {
  process.stderr.write(`local-services: ${error.message}\n`);
  process.exit(2);
}
if (args.help) {
  process.stdout.write("Usage: node scripts/local-services.mjs [--no-opensearch] [--write-env FILE]\n");
  process.exit(0);
}
const openSearch = !args["no-opensearch"];

const install = spawnSync(
  process.execPath,
  [join(root, "scripts", "setup-services.mjs"), ...(openSearch ? [] : ["--only=moto"])],
  { cwd: root, stdio: ["ignore", "inherit", "inherit"] },
);
if (install.status !== 0) {
  process.stderr.write("local-services: the services could not be installed (see above)\n");
  process.exit(1);
}

mkdirSync(cacheDir, { recursive: true });
const outfile = join(cacheDir, "local-stack.mjs");
await build({
  entryPoints: [join(root, "scripts", "services", "local-stack.ts")],
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  packages: "external",
  outfile,
  logLevel: "error",
  // The bundle lives in .cache/local-services/; the modules locate the repository from their own path.
  define: {
    "import.meta.url": JSON.stringify(
      pathToFileURL(join(root, "test", "support", "services", "manifest.ts")).href,
    ),
  },
});
const { runLocalStack } = await import(pathToFileURL(outfile).href);
try {
  await runLocalStack({
    openSearch,
    envFile: resolve(args["write-env"] ?? join(cacheDir, "env.sh")),
    print: (line) => process.stdout.write(`${line}\n`),
  });
} catch (error) {
  process.stderr.write(`local-services: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
