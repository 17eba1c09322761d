import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { awsTestEnv, resetMoto } from "../support/services/index.js";
import { SEED_RULES, scratchDir } from "./fixture.js";
import { assertClean, rulebridge, stubToolkitEnv } from "./toolkit-fixture.js";

const SETTINGS = join(SEED_RULES, "..", "rulebridge.yaml");
let outDir: string;

beforeAll(async () => {
  await resetMoto();
  stubToolkitEnv();
  outDir = join(scratchDir("rulebridge-toolkit-errors-"), "cdk.out");
});

describe("toolkit commands fail with a message, not a stack trace", () => {
  it("says credentials are missing when the whole chain has none", async () => {
    const secret = awsTestEnv().AWS_SECRET_ACCESS_KEY!;
    vi.stubEnv("AWS_ACCESS_KEY_ID", undefined);
    vi.stubEnv("AWS_SECRET_ACCESS_KEY", undefined);
    try {
      for (const command of [["diff"], ["deploy", "--yes"]]) {
        const run = await rulebridge(
          ...command,
          "--rules",
          SEED_RULES,
          "--settings",
          SETTINGS,
          "--out",
          outDir,
        );
        expect(run.code, run.err).toBe(1);
        expect(run.err).toMatch(/credentials/i);
        assertClean(run, secret);
      }
    } finally {
      stubToolkitEnv();
    }
  });

  it("a deployment CloudFormation cannot carry out fails with exit 1, naming the stack", async () => {
    // Rules on an event bus that does not exist: moto's CloudFormation fails creating the rules.
    const settings = join(scratchDir("rulebridge-settings-"), "rulebridge.yaml");
    writeFileSync(settings, "stackName: busless\nenv: { region: us-east-1 }\nbus: no-such-bus\n");
    const run = await rulebridge(
      "deploy",
      "--rules",
      SEED_RULES,
      "--settings",
      settings,
      "--out",
      outDir,
      "--bootstrap",
      "--yes",
    );
    expect(run.code, run.err).toBe(1);
    expect(run.err).toMatch(/^rulebridge deploy: busless failed: /m);
    expect(run.out).toBe("");
    assertClean(run, awsTestEnv().AWS_SECRET_ACCESS_KEY!);
  });

  it("reports invalid rules as for synth (exit 2) before any AWS call", async () => {
    const rules = scratchDir("rulebridge-bad-rules-");
    writeFileSync(join(rules, "bad.yaml"), "name: Bad Name\non: { pattern: { source: [x] } }\nactions: []\n");
    const run = await rulebridge("deploy", "--rules", rules, "--out", outDir, "--yes");
    expect(run.code).toBe(2);
    expect(run.err).toContain("bad.yaml:1:");
    expect(run.err).toContain("nothing was changed");
  });
});
