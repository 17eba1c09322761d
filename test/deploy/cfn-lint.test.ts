import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { cli } from "../../cli/cli.js";
import { cfnLint, ensureCfnLint } from "../support/cfn-lint.js";
import { memoryIo } from "../support/memory-io.js";

describe("the synthesized template, as cfn-lint judges it", () => {
  beforeAll(() => ensureCfnLint(), 600_000);

  it("rulebridge synth of the seed rules: zero cfn-lint errors in two regions", async () => {
    const out = join(await mkdtemp(join(tmpdir(), "rulebridge-synth-")), "cdk.out");
    const io = memoryIo();
    expect(await cli(["synth", "--out", out], io)).toBe(0);
    const templatePath = io.out.trim();
    expect(templatePath).toMatch(/rulebridge\.template\.json$/);
    const findings = await cfnLint(templatePath, { regions: ["us-east-1", "eu-west-1"] });
    expect(findings.filter((f) => f.level === "Error")).toEqual([]);
  });

  it("synth refuses broken rules with their problems, exit 2", async () => {
    const io = memoryIo();
    expect(
      await cli(["synth", "--rules", "test/fixtures/rules-bad", "--out", join(tmpdir(), "never")], io),
    ).toBe(2);
    expect(io.err).toContain("INVALID_PATTERN");
  });
});
