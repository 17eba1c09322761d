#!/usr/bin/env node

// Installs cfn-lint (PyPI, pinned with all its dependencies in scripts/services/cfn-lint-requirements.txt)
// into a venv under .cache/cfn-lint/, for test/support/cfn-lint.ts, which runs this script on demand, so a
// fresh CI machine needs no manual step. Records the result in .cache/cfn-lint/cfn-lint.json. Idempotent and
// fast when cached; exits non-zero, saying what is missing, when cfn-lint cannot be had.
//
// Usage: node scripts/setup-cfn-lint.mjs [--force]

import { rel, SetupError, seconds, withInstallLock, writeJson } from "./services/common.mjs";
import { cfnLintManifestPath, installCfnLint, log } from "./services/install-cfn-lint.mjs";

function parseArgs(argv) {
  const unknown = argv.filter((arg) => arg !== "--force");
  if (unknown.length > 0) throw new SetupError(`unknown arguments: ${unknown.join(" ")} (usage: [--force])`);
  return { force: argv.includes("--force") };
}

async function main() {
  const started = Date.now();
  const { force } = parseArgs(process.argv.slice(2));
  // The lock shared with scripts/setup-services.mjs: parallel test workers asking for cfn-lint at once, or a
  // services install in the same checkout, wait their turn instead of pip-installing into one venv together.
  await withInstallLock(async () => {
    const section = await installCfnLint({ force });
    writeJson(cfnLintManifestPath, { ...section, updatedAt: new Date().toISOString() });
  });
  log(`done in ${seconds(started)}; manifest: ${rel(cfnLintManifestPath)}`);
}

main().catch((error) => {
  const message = error instanceof SetupError ? error.message : (error?.stack ?? String(error));
  process.stderr.write(`[setup-cfn-lint] FAILED: ${message}\n`);
  process.exitCode = 1;
});
