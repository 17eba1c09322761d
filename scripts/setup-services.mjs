#!/usr/bin/env node

// Installs the real services the integration tests talk to (DESIGN.md, "Real services in tests"):
//   - moto server (PyPI moto[server], pinned in scripts/services/moto-requirements.txt) in a venv under .cache/moto/;
//   - OpenSearch (Maven Central integ-test zip, pinned in scripts/services/install-opensearch.mjs) in .cache/opensearch/,
//     plus the non-root system user that runs it.
// It only installs; test/setup/services-setup.ts starts and stops the servers. The result is recorded in
// .cache/services/services.json for that setup to read. Idempotent and fast when everything is cached;
// exits non-zero, saying which service and why, when anything cannot be had.
//
// Usage: node scripts/setup-services.mjs [--force] [--only=moto|opensearch]

import {
  log,
  manifestPath,
  readJson,
  rel,
  SetupError,
  seconds,
  withInstallLock,
  writeJson,
} from "./services/common.mjs";
import { installMoto } from "./services/install-moto.mjs";
import { installOpenSearch } from "./services/install-opensearch.mjs";

const SERVICES = { moto: installMoto, opensearch: installOpenSearch };

function parseArgs(argv) {
  const force = argv.includes("--force");
  const only = argv.find((arg) => arg.startsWith("--only="))?.slice("--only=".length);
  const names = only ? only.split(",") : Object.keys(SERVICES);
  for (const name of names) {
    if (!(name in SERVICES))
      throw new SetupError(`unknown service "${name}" (known: ${Object.keys(SERVICES).join(", ")})`);
  }
  const unknown = argv.filter((arg) => arg !== "--force" && !arg.startsWith("--only="));
  if (unknown.length > 0) throw new SetupError(`unknown arguments: ${unknown.join(" ")}`);
  return { force, names };
}

async function main() {
  const started = Date.now();
  const { force, names } = parseArgs(process.argv.slice(2));
  await withInstallLock(async () => {
    const manifest = readJson(manifestPath) ?? {};
    // Side by side: pip works while Maven downloads. Every install finishes (no orphaned pip or mvn)
    // before failures are reported, each naming its service.
    const results = await Promise.allSettled(names.map((name) => SERVICES[name]({ force })));
    const failures = [];
    results.forEach((result, index) => {
      const name = names[index];
      if (result.status === "fulfilled") manifest[name] = result.value;
      else
        failures.push(
          `${name}: ${result.reason instanceof SetupError ? result.reason.message : (result.reason?.stack ?? result.reason)}`,
        );
    });
    if (failures.length > 0) throw new SetupError(failures.join("\n"));
    manifest.updatedAt = new Date().toISOString();
    writeJson(manifestPath, manifest);
  });
  log(`done in ${seconds(started)}; manifest: ${rel(manifestPath)}`);
}

main().catch((error) => {
  const message = error instanceof SetupError ? error.message : (error?.stack ?? String(error));
  process.stderr.write(`[setup-services] FAILED: ${message}\n`);
  process.exitCode = 1;
});
