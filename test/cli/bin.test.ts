import { execFileSync } from "node:child_process";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";

/**
 * `npx rulebridge` runs package.json's bin file directly, so the built file must be executable and
 * start with a shebang (`npm test` builds before vitest runs).
 */
describe("the rulebridge bin", () => {
  it("runs as a program", () => {
    const bin = resolve(import.meta.dirname, "../../dist/cli/main.js");
    const out = execFileSync(bin, ["--help"], { encoding: "utf8" });
    expect(out).toContain("Usage: rulebridge <command>");
  });
});
