import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";

// A tiny project laid out like this one, with a stand-in compiler in node_modules/typescript that
// counts its runs and writes the bin: the script's job is deciding whether to compile, and the
// real tsc (a minute on this machine) runs in every `npm run build` anyway.
const dir = mkdtempSync(join(tmpdir(), "rulebridge-build-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
mkdirSync(join(dir, "scripts"));
mkdirSync(join(dir, "cli"), { recursive: true });
cpSync(resolve("scripts/build.mjs"), join(dir, "scripts/build.mjs"));
mkdirSync(join(dir, "node_modules/typescript/bin"), { recursive: true });
writeFileSync(
  join(dir, "node_modules/typescript/package.json"),
  '{ "name": "typescript", "version": "5.9.3" }\n',
);
writeFileSync(
  join(dir, "node_modules/typescript/bin/tsc"),
  `const fs = require("node:fs");
fs.mkdirSync("dist/cli", { recursive: true });
fs.writeFileSync("dist/cli/main.js", fs.readFileSync("cli/main.ts"));
fs.appendFileSync("compiles.log", "x");
`,
);
// A stand-in for the step that writes the precompiled validators after tsc: it counts its runs.
writeFileSync(
  join(dir, "scripts/precompile-schemas.mjs"),
  'import { appendFileSync } from "node:fs";\nappendFileSync("precompiles.log", "x");\n',
);
writeFileSync(join(dir, "package.json"), '{ "name": "p", "type": "module" }\n');
writeFileSync(
  join(dir, "tsconfig.json"),
  '{ "compilerOptions": { "module": "nodenext", "target": "es2022", "outDir": "dist", "rootDir": ".", "noEmit": true }, "include": ["cli"] }\n',
);
writeFileSync(
  join(dir, "tsconfig.build.json"),
  '{ "extends": "./tsconfig.json", "compilerOptions": { "noEmit": false } }\n',
);
writeFileSync(join(dir, "cli/main.ts"), "export const answer: number = 42;\n");

/** Runs the build script in the tiny project; what it says on stderr. */
function build(...args: string[]): string {
  const result = spawnSync(process.execPath, [join(dir, "scripts/build.mjs"), ...args], {
    cwd: dir,
    encoding: "utf8",
  });
  if (result.status !== 0) throw new Error(`build failed: ${result.stdout}${result.stderr}`);
  return result.stderr;
}

describe("scripts/build.mjs --if-stale", () => {
  it("builds once, skips while the sources are the same, rebuilds when one changes", () => {
    const compiles = () =>
      existsSync(join(dir, "compiles.log")) ? readFileSync(join(dir, "compiles.log"), "utf8").length : 0;
    expect(build("--if-stale")).toMatch(/dist\/ built from 5 source files/);
    expect(compiles()).toBe(1);
    expect(build("--if-stale")).toMatch(/up to date .*not rebuilt/);
    expect(compiles()).toBe(1);
    writeFileSync(join(dir, "cli/main.ts"), "export const answer: number = 43;\n");
    expect(build("--if-stale")).toMatch(/dist\/ built/);
    expect(build("--if-stale")).toMatch(/not rebuilt/);
    expect(compiles()).toBe(2);
    // Without --if-stale it always builds; a missing bin is stale whatever the stamp says.
    expect(build()).toMatch(/dist\/ built/);
    rmSync(join(dir, "dist/cli/main.js"));
    expect(build("--if-stale")).toMatch(/dist\/ built/);
    expect(compiles()).toBe(4);
    // Every build writes the precompiled validators too; a skipped one does not.
    expect(readFileSync(join(dir, "precompiles.log"), "utf8").length).toBe(4);
  });
});
