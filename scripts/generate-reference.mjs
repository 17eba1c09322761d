#!/usr/bin/env node
// Regenerates docs/reference/ from the built code in dist/ (the generator is cli/reference).
// Plain Node, so it needs no TypeScript runner; test/cli/reference fails when the committed
// documents differ from what this writes.
//
// Usage: npm run docs   (= npm run build && node scripts/generate-reference.mjs)
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");

let modules;
try {
  modules = await Promise.all([
    import("../dist/cli/reference/index.js"),
    import("../dist/actions/builtins.js"),
    import("../dist/engine/action/registry.js"),
  ]);
} catch (error) {
  process.stderr.write(
    `generate-reference: cannot load dist/ (${error.message}); run \`npm run build\` first.\n`,
  );
  process.exit(1);
}
const [{ writeReference }, { registerBuiltins }, { ActionRegistry }] = modules;

const written = await writeReference(root, registerBuiltins(new ActionRegistry()));
for (const path of written) process.stdout.write(`wrote ${path}\n`);
