#!/usr/bin/env node
// Runs the CLI and part of the test suite on another Node.js version (default: the pinned Node 22,
// the oldest the project supports; see package.json `engines`), fetched once into .cache/node/ by
// scripts/setup-node.mjs. The whole suite runs on the machine's Node in `npm test`; this checks the
// supported floor without doubling CI time.
//
// Usage: npm run test:node22 [-- vitest args…]
//        node scripts/test-on-node.mjs [--node x.y.z] [vitest args…]
import { spawnSync } from "node:child_process";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { ensureNode, PINNED_NODE } from "./setup-node.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");

/** Unit and CLI tests that need no moto or OpenSearch: the engine, the CLI, templates, conditions. */
const DEFAULT_TESTS = [
  "test/cli",
  "test/engine/template",
  "test/engine/condition",
  "test/cli/fixtures",
  "test/engine/load",
  "test/engine/schema",
  "test/handler",
  "test/engine/engine.test.ts",
  "test/engine/evaluation-budget.test.ts",
];

const argv = process.argv.slice(2);
let version = PINNED_NODE;
const at = argv.indexOf("--node");
if (at !== -1) {
  version = argv[at + 1] ?? "";
  argv.splice(at, 2);
}

let node;
try {
  node = ensureNode(version);
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}

const run = (label, args, quiet = false) => {
  process.stderr.write(`[node ${version}] ${label}\n`);
  const result = spawnSync(node, args, {
    cwd: root,
    stdio: ["ignore", quiet ? "ignore" : "inherit", "inherit"],
  });
  if (result.status !== 0) {
    process.stderr.write(`[node ${version}] failed: ${label}\n`);
    process.exit(result.status ?? 1);
  }
};

// The built CLI, as users run it (npm run build first; npm test's --if-stale build does).
run("rulebridge check rules", [join(root, "dist/cli/main.js"), "check", "rules"]);
run("rulebridge test rules", [join(root, "dist/cli/main.js"), "test", "rules"]);
run(
  "rulebridge run examples/events --dry-run",
  [join(root, "dist/cli/main.js"), "run", "examples/events", "--dry-run"],
  true,
);
// vitest's workers are forks of this process, so they run on the same Node.
run(`vitest run ${argv.length > 0 ? argv.join(" ") : "(unit and CLI tests)"}`, [
  join(root, "node_modules/vitest/vitest.mjs"),
  "run",
  ...(argv.length > 0 ? argv : DEFAULT_TESTS),
]);
process.stderr.write(`[node ${version}] all passed\n`);
