import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { builtinShimAlias } from "../../deploy/builtin-shims.js";
import { scratchDir } from "./fixture.js";

/** Runs a CommonJS script from a file (`node -e` preloads node:crypto, a file does not). */
function runScript(lines: string[]): { stdout: string; stderr: string } {
  const file = join(scratchDir("rulebridge-shims-run-"), "script.cjs");
  writeFileSync(file, lines.join("\n"));
  return spawnSync(process.execPath, [file], { encoding: "utf8" });
}

describe("builtinShimAlias (how the engine bundle reaches Node's built-ins)", () => {
  const alias = builtinShimAlias(scratchDir("rulebridge-shims-"));

  it("maps every built-in, with and without node:, to one shim file", () => {
    for (const name of ["fs", "fs/promises", "crypto", "http", "stream", "events"]) {
      expect(alias[name], name).toBeDefined();
      expect(alias[`node:${name}`]).toBe(alias[name]);
    }
    expect(readFileSync(alias.fs as string, "utf8")).toBe(
      'module.exports = process.getBuiltinModule("node:fs");\n',
    );
  });

  it("loads a heavy built-in on the first use of an export, not when the shim is required", () => {
    const r = runScript([
      `const shim = require(${JSON.stringify(alias.crypto)});`,
      "const loaded = () => process.moduleLoadList.includes('NativeModule crypto');",
      "const before = loaded();",
      "const names = Object.getOwnPropertyNames(shim);",
      "const afterNames = loaded();",
      "const hash = shim.createHash('sha256').update('x').digest('hex');",
      "process.stdout.write(JSON.stringify({ before, afterNames, after: loaded(), hash, hasRandomInt: names.includes('randomInt') }));",
    ]);
    expect(r.stderr).toBe("");
    expect(JSON.parse(r.stdout)).toEqual({
      before: false,
      afterNames: false,
      after: true,
      hash: "2d711642b726b04401627ca9fbac32f5c8530fb1903cc4db02258717921a4881",
      hasRandomInt: true,
    });
  });

  it("writes through to the built-in", () => {
    const r = runScript([
      `const shim = require(${JSON.stringify(alias.http)});`,
      "const agent = new shim.Agent({ keepAlive: true });",
      "shim.globalAgent = agent;",
      "process.stdout.write(String(require('node:http').globalAgent === agent));",
    ]);
    expect(r.stdout).toBe("true");
  });
});
