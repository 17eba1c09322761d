import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

/**
 * The folder map is the architecture (issue 24): the engine core at the bottom, the built-in
 * actions on it, then the Lambda handler and the CDK deployer, and the CLI with its tooling on top.
 * A part importing one above it, or the core importing a heavy package, fails here.
 */

const repo = resolve(import.meta.dirname, "..");

/** What each part may import besides itself. */
const MAY_IMPORT: Record<string, readonly string[]> = {
  engine: [],
  actions: ["engine"],
  handler: ["engine", "actions"],
  deploy: ["engine", "actions"],
  cli: ["engine", "actions", "handler", "deploy"],
};
const PARTS = Object.keys(MAY_IMPORT);

/** Packages the core never loads: `import "rulebridge"` stays light (test/engine/index.test.ts checks the loaded modules). */
const HEAVY = /^(aws-cdk-lib|constructs|@aws-cdk\/|@aws-sdk\/client-|esbuild|@opensearch-project\/)/;

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return tsFiles(path);
    return entry.name.endsWith(".ts") ? [path] : [];
  });
}

/** Every specifier a source text imports, statically, dynamically or type-only. */
function specifiers(text: string): string[] {
  const found = text.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)"([^"]+)"/g);
  return [...found].map((m) => m[1] as string);
}

function partOf(file: string): string {
  return relative(repo, file).split("/")[0] as string;
}

/** The imports of `file` (given as text) that break the map, as "from → to" lines. */
function violations(file: string, text: string): string[] {
  const part = partOf(file);
  const allowed = [part, ...(MAY_IMPORT[part] ?? [])];
  const bad: string[] = [];
  for (const spec of specifiers(text)) {
    if (spec.startsWith(".")) {
      const target = partOf(resolve(dirname(file), spec));
      if (!allowed.includes(target)) bad.push(`${relative(repo, file)} → ${spec} (${part} → ${target})`);
    } else if (part === "engine" && HEAVY.test(spec)) {
      bad.push(`${relative(repo, file)} → ${spec} (the core loads no heavy package)`);
    }
  }
  return bad;
}

describe("the parts depend one way", () => {
  const files = PARTS.flatMap((part) => tsFiles(join(repo, part)));

  it("each part imports only the parts below it", () => {
    expect(files.length).toBeGreaterThan(200);
    const bad = files.flatMap((file) => violations(file, readFileSync(file, "utf8")));
    expect(bad).toEqual([]);
  });

  it.each([
    ["engine/rule-set.ts", 'import { BUILTIN_ACTIONS } from "../actions/builtins.js";', 1],
    ["engine/engine.ts", 'const m = await import("../cli/cli.js");', 1],
    ["engine/engine.ts", 'import type { Io } from "../cli/io.js";', 1],
    ["actions/webhook/run.ts", 'import { handler } from "../../handler/index.js";', 1],
    ["handler/index.ts", 'import { synth } from "../deploy/synth.js";', 1],
    ["deploy/synth.ts", 'import { cli } from "../cli/cli.js";', 1],
    ["engine/index.ts", 'import { App } from "aws-cdk-lib";', 1],
    ["engine/index.ts", 'import { SNSClient } from "@aws-sdk/client-sns";', 1],
    ["cli/cli.ts", 'import { handler } from "../handler/index.js";\nimport { App } from "aws-cdk-lib";', 0],
    ["actions/webhook/run.ts", 'import type { ActionDefinition } from "../../engine/action/types.js";', 0],
  ])("the check itself: %s importing %j gives %i violation(s)", (file, text, count) => {
    expect(violations(join(repo, file), text)).toHaveLength(count);
  });
});
