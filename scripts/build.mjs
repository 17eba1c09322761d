#!/usr/bin/env node
// Builds dist/ with tsc (tsconfig.build.json) and records what it was built from.
//
//   node scripts/build.mjs              always build (npm run build)
//   node scripts/build.mjs --if-stale   build only when the sources differ from the last build
//                                       (npm's prepare and npm test), so `npm ci` builds once and
//                                       neither the first `npx rulebridge` in a checkout (npm runs
//                                       the package's prepare when it links it) nor `npm test`
//                                       compiles the same sources again.
//
// "The same sources" is a content hash, not file times: a fresh clone gives every file the same
// time, and switching branches can make a stale dist look newer than its sources.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { chmodSync, existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const STAMP = join(root, "dist", ".build-stamp");
const BIN = join(root, "dist", "cli", "main.js");
const SOURCE_DIRS = ["engine", "actions", "handler", "deploy", "cli"];
// precompile-schemas.mjs writes part of dist/ (the precompiled validators).
const CONFIGS = [
  "tsconfig.json",
  "tsconfig.build.json",
  "package.json",
  "package-lock.json",
  "scripts/precompile-schemas.mjs",
];

/** Every file tsc reads for the build, hashed by path and content, in a stable order. */
function sourceHash() {
  const files = [];
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/\.(ts|mts|cts|json)$/.test(entry.name)) files.push(path);
    }
  };
  for (const dir of SOURCE_DIRS) if (existsSync(join(root, dir))) walk(join(root, dir));
  for (const file of CONFIGS) if (existsSync(join(root, file))) files.push(join(root, file));
  const hash = createHash("sha256");
  for (const file of files.sort()) {
    hash.update(relative(root, file)).update("\0").update(readFileSync(file)).update("\0");
  }
  // The compiler is an input too.
  const require = createRequire(import.meta.url);
  hash.update(JSON.parse(readFileSync(require.resolve("typescript/package.json"), "utf8")).version);
  return { hash: hash.digest("hex"), files: files.length };
}

const ifStale = process.argv.includes("--if-stale");
const started = performance.now();
const { hash, files } = sourceHash();
const current = existsSync(STAMP) && existsSync(BIN) ? readFileSync(STAMP, "utf8").trim() : undefined;
if (ifStale && current === hash) {
  const ms = Math.round(performance.now() - started);
  process.stderr.write(
    `build: dist/ is up to date with ${files} source files (checked in ${ms} ms); not rebuilt\n`,
  );
  process.exit(0);
}
const require = createRequire(import.meta.url);
const tsc = require.resolve("typescript/bin/tsc");
try {
  execFileSync(process.execPath, [tsc, "-p", join(root, "tsconfig.build.json")], {
    stdio: "inherit",
    cwd: root,
  });
} catch {
  process.exit(1);
}
try {
  // Validators every command uses, compiled now rather than at each start.
  execFileSync(process.execPath, [join(root, "scripts", "precompile-schemas.mjs")], { stdio: "inherit" });
} catch {
  process.exit(1);
}
chmodSync(BIN, 0o755);
writeFileSync(STAMP, `${hash}\n`);
process.stderr.write(
  `build: dist/ built from ${files} source files in ${((performance.now() - started) / 1000).toFixed(1)} s\n`,
);
