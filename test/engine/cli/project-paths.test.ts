import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { projectPaths, rulePaths, rulesDir } from "../../../engine/cli/project-paths.js";

const bare = mkdtempSync(join(tmpdir(), "rulebridge-paths-"));
const withSettings = mkdtempSync(join(tmpdir(), "rulebridge-paths-"));
writeFileSync(join(withSettings, "rulebridge.yaml"), "{}\n");
mkdirSync(join(withSettings, "rules"));
afterAll(() => {
  rmSync(bare, { recursive: true, force: true });
  rmSync(withSettings, { recursive: true, force: true });
});

describe("project paths", () => {
  it.each([
    [undefined, ["rules"]],
    [[], ["rules"]],
    [
      ["a.yaml", "/abs/b"],
      ["a.yaml", "/abs/b"],
    ],
  ] as const)("rulePaths(%j)", (given, expected) => {
    expect(rulePaths(given, bare)).toEqual(expected.map((p) => (p.startsWith("/") ? p : join(bare, p))));
  });

  it("rulesDir defaults to rules/", () => {
    expect(rulesDir(undefined, bare)).toBe(join(bare, "rules"));
    expect(rulesDir("r", bare)).toBe(join(bare, "r"));
  });

  it.each([
    ["no settings file, nothing given", bare, {}, { rulesDir: "rules", outDir: "cdk.out" }],
    [
      "rulebridge.yaml found",
      withSettings,
      {},
      { rulesDir: "rules", settingsPath: "rulebridge.yaml", outDir: "cdk.out" },
    ],
    [
      "everything given",
      withSettings,
      { rules: "r", settings: "s.yaml", out: "o" },
      { rulesDir: "r", settingsPath: "s.yaml", outDir: "o" },
    ],
  ] as const)("projectPaths: %s", (_name, cwd, given, expected) => {
    const want = Object.fromEntries(Object.entries(expected).map(([k, v]) => [k, join(cwd, v)]));
    expect(projectPaths(given, cwd)).toEqual(want);
  });
});
