import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { registerBuiltins } from "../../actions/builtins.js";
import { forgetBundles } from "../../deploy/bundle.js";
import { SynthError, synthesize } from "../../deploy/synth.js";
import { ActionRegistry } from "../../engine/action/registry.js";
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

  it("bundles the engine to the same bytes when built afresh", async () => {
    const outDir = join(scratchDir(), "cdk.out");
    const hashes = async (): Promise<string> => {
      const { template } = await synthesize({ rulesDir: SEED_RULES, outDir });
      return JSON.stringify(template.Resources);
    };
    const first = await hashes();
    forgetBundles();
    expect(await hashes()).toBe(first);
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

  it("ships the rule artifact with the bundle, not the YAML files, and the source maps beside it", async () => {
    const outDir = join(scratchDir(), "cdk.out");
    await synthesize({ rulesDir: SEED_RULES, outDir });
    const asset = join(`${outDir}.bundle`, "engine");
    const files = readdirSync(asset, { recursive: true }).map(String).sort();
    expect(files).toContain("index.mjs");
    expect(files).toContain("rules.json");
    expect(files.filter((f) => f.endsWith(".yaml") || f.endsWith(".map"))).toEqual([]);
    const artifact = JSON.parse(readFileSync(join(asset, "rules.json"), "utf8"));
    expect(artifact.rules.map((r: { name: string }) => r.name).sort()).toEqual([
      "alb-unhealthy-slack",
      "asg-launch-name-tag",
      "ecs-essential-container-exited",
      "ecs-events-to-opensearch",
    ]);
    expect(readFileSync(join(asset, "index.mjs"), "utf8")).toContain("RULEBRIDGE_RULES_ARTIFACT");
    expect(readdirSync(`${asset}.sourcemap`, { recursive: true }).map(String)).toContain("index.mjs.map");
  });

  it("refuses an action statement that grants Resource * without a why", async () => {
    const registry = registerBuiltins(new ActionRegistry()).register({
      type: "wide-open",
      description: "asks for everything",
      paramsSchema: { type: "object", additionalProperties: false, properties: {} },
      iam: () => [{ actions: ["s3:GetObject"], resources: ["*"] }],
      plan: () => ({ type: "wide-open", summary: "nothing", steps: [] }),
    });
    const dir = scratchDir("rulebridge-rules-");
    writeFileSync(
      join(dir, "open.yaml"),
      "name: open-rule\non: { pattern: { source: [x] } }\nactions: [{ type: wide-open }]\n",
    );
    const run = synthesize({ rulesDir: dir, outDir: join(scratchDir(), "out"), registry });
    await expect(run).rejects.toBeInstanceOf(SynthError);
    await expect(run).rejects.toMatchObject({
      problems: [expect.objectContaining({ code: "IAM_WILDCARD_UNEXPLAINED", file: "open.yaml", line: 1 })],
    });
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
