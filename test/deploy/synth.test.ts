import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { SynthError, synthesize } from "../../deploy/synth.js";
import { editFile, SEED_RULES, scratchDir, seedRulesCopy } from "./fixture.js";

describe("synthesize", () => {
  it("writes the template offline, byte-identical across runs and output folders", async () => {
    const first = await synthesize({
      rulesDir: SEED_RULES,
      settingsPath: "rulebridge.yaml",
      outDir: join(scratchDir(), "cdk.out"),
    });
    const second = await synthesize({
      rulesDir: SEED_RULES,
      settingsPath: "rulebridge.yaml",
      outDir: join(scratchDir(), "elsewhere"),
    });
    const a = readFileSync(first.templatePath, "utf8");
    const b = readFileSync(second.templatePath, "utf8");
    expect(a).toBe(b);
    expect(first.templatePath.endsWith("rulebridge.template.json")).toBe(true);
    expect(first.template).toEqual(JSON.parse(a));
    expect(a).not.toMatch(/CDKMetadata|\d{4}-\d{2}-\d{2}T\d{2}:/);
  });

  it("changes the code asset when a rule file changes, and only then", async () => {
    const dir = seedRulesCopy();
    const before = await synthesize({ rulesDir: dir, outDir: join(scratchDir(), "out") });
    editFile(join(dir, "ecs-events-to-opensearch.yaml"), (t) => t.replace("Index every", "Index all"));
    const after = await synthesize({ rulesDir: dir, outDir: join(scratchDir(), "out") });
    const code = (t: Record<string, unknown>) =>
      JSON.stringify(
        Object.values(t.Resources as Record<string, { Type: string; Properties: { Code?: unknown } }>).find(
          (r) => r.Type === "AWS::Lambda::Function",
        )?.Properties.Code,
      );
    expect(code(after.template)).not.toBe(code(before.template));
  });

  it("ships the rule files with the bundle", async () => {
    const outDir = join(scratchDir(), "cdk.out");
    await synthesize({ rulesDir: SEED_RULES, outDir });
    const shipped = readFileSync(
      join(`${outDir}.bundle`, "engine", "rules", "asg-launch-name-tag.yaml"),
      "utf8",
    );
    expect(shipped).toBe(readFileSync(join(SEED_RULES, "asg-launch-name-tag.yaml"), "utf8"));
    expect(readFileSync(join(`${outDir}.bundle`, "engine", "index.mjs"), "utf8")).toContain(
      "RULEBRIDGE_RULES_DIR",
    );
  });

  it("refuses rules with errors, naming them", async () => {
    const dir = seedRulesCopy();
    editFile(join(dir, "asg-launch-name-tag.yaml"), (t) =>
      t.replace("type: tag-from-template", "type: nope"),
    );
    const run = synthesize({ rulesDir: dir, outDir: join(scratchDir(), "out") });
    await expect(run).rejects.toBeInstanceOf(SynthError);
    await expect(run).rejects.toThrow(/UNKNOWN_ACTION/);
  });

  it("refuses a bad settings file", async () => {
    const settings = join(scratchDir(), "rulebridge.yaml");
    const { writeFileSync } = await import("node:fs");
    writeFileSync(settings, "memory: 64\n");
    await expect(
      synthesize({ rulesDir: SEED_RULES, settingsPath: settings, outDir: join(scratchDir(), "o") }),
    ).rejects.toThrow(/SCHEMA_INVALID/);
  });
});
