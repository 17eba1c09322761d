import { describe, expect, it } from "vitest";
import { DEFAULT_SETTINGS, loadSettings, parseSettings } from "../../deploy/settings.js";

describe("deploy settings", () => {
  it("loads the repository's rulebridge.yaml", async () => {
    const { settings, problems } = await loadSettings("rulebridge.yaml");
    expect(problems).toEqual([]);
    expect(settings).toMatchObject({
      stackName: "rulebridge",
      env: { region: "us-east-1" },
      bus: "default",
      functionName: "rulebridge-engine",
      memory: 512,
      timeout: 60,
      logRetentionDays: 30,
    });
  });

  it("fills defaults for absent keys and an empty file", () => {
    expect(parseSettings("s.yaml", "").settings).toEqual(DEFAULT_SETTINGS);
    expect(parseSettings("s.yaml", "memory: 256\n").settings).toEqual({ ...DEFAULT_SETTINGS, memory: 256 });
  });

  it("reports schema problems with their line and column", () => {
    const text = "stackName: ok\nmemory: 64\nlogRetentionDays: 2\ncolour: blue\ntags:\n  team: 3\n";
    const { settings, problems } = parseSettings("s.yaml", text);
    expect(settings).toBeUndefined();
    const found = problems.map((p) => [p.code, p.line, p.col]);
    expect(found).toContainEqual(["SCHEMA_INVALID", 2, 9]);
    expect(found).toContainEqual(["SCHEMA_INVALID", 3, 19]);
    expect(found).toContainEqual(["SCHEMA_UNKNOWN_KEY", 4, 1]);
    expect(found).toContainEqual(["SCHEMA_TYPE", 6, 9]);
  });

  it("accepts regions of every partition (eusc-de-east-1 has a four-letter prefix)", () => {
    const text =
      "env: { region: eusc-de-east-1 }\nalarmTopicArn: arn:aws-eusc:sns:eusc-de-east-1:123456789012:t\n";
    expect(parseSettings("s.yaml", text).problems).toEqual([]);
  });

  it("names the settings file, not a rule, in schema messages", () => {
    const { problems } = parseSettings("s.yaml", "action: [x]\nstackName: 3\n");
    expect(problems.map((p) => p.code).sort()).toEqual(["SCHEMA_TYPE", "SCHEMA_UNKNOWN_KEY"]);
    for (const p of problems) expect(p.message).not.toMatch(/\brule\b/);
    expect(problems.find((p) => p.code === "SCHEMA_UNKNOWN_KEY")?.message).toMatch(/in settings$/);
  });

  it("reports YAML errors and a missing file", async () => {
    expect(parseSettings("s.yaml", "memory: [1\n").problems[0]?.code).toBe("YAML_SYNTAX");
    expect(parseSettings("s.yaml", "- a\n").problems[0]?.code).toBe("SCHEMA_TYPE");
    const missing = await loadSettings("does-not-exist.yaml");
    expect(missing.problems.map((p) => p.code)).toEqual(["IO_ERROR"]);
  });
});
