import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { type CfnLintRun, cfnLint, ensureCfnLint, interpretCfnLintRun } from "../support/cfn-lint.js";

const fixtures = join(import.meta.dirname, "fixtures", "cfn");
const valid = join(fixtures, "valid.yaml");
const invalid = join(fixtures, "invalid.yaml");

/** One cfn-lint JSON finding, shaped like cfn-lint 1.58 prints it. */
function rawFinding(id: string, level: string, path: (string | number)[] | null): Record<string, unknown> {
  return {
    Filename: "t.yaml",
    Level: level,
    Location: {
      Start: { LineNumber: 1, ColumnNumber: 1 },
      End: { LineNumber: 1, ColumnNumber: 2 },
      Path: path,
    },
    Message: `${id} message`,
    Rule: { Id: id, ShortDescription: "", Description: "", Source: "" },
  };
}

function run(status: number | null, findings: unknown, stderr = ""): CfnLintRun {
  return { status, signal: status === null ? "SIGKILL" : null, stdout: JSON.stringify(findings), stderr };
}

describe("cfn-lint", () => {
  // The first call installs cfn-lint when the machine has not got it (about 10 s of pip): not a test's time.
  beforeAll(async () => {
    await ensureCfnLint();
  }, 600_000);

  it("is the pinned version", async () => {
    expect((await ensureCfnLint()).version).toBe("1.58.0");
  });

  it("finds nothing wrong with a clean template", async () => {
    expect(await cfnLint(valid)).toEqual([]);
    expect(await cfnLint(valid, { regions: ["us-east-1", "eu-west-1"] })).toEqual([]);
  });

  it("reports each deliberate mistake with its rule id and resource", async () => {
    const findings = await cfnLint(invalid);
    expect(findings.map(({ rule, level, resource }) => ({ rule, level, resource }))).toEqual([
      { rule: "E3002", level: "Error", resource: "MisspelledQueue" },
      { rule: "E3012", level: "Error", resource: "MistypedQueue" },
      { rule: "E1020", level: "Error", resource: "DanglingRefRole" },
    ]);
    expect(findings[0]?.path).toEqual(["Resources", "MisspelledQueue", "Properties", "VisibilityTimout"]);
    expect(findings[0]?.message).toMatch(/'VisibilityTimout' was unexpected/);
    expect(findings[2]?.path).toEqual(["Resources", "DanglingRefRole", "Properties", "RoleName", "Ref"]);
    expect(findings[2]?.message).toMatch(/'MissingQueue' is not one of/);
  });

  it("throws, rather than returning findings, when cfn-lint itself fails", async () => {
    // cfn-lint exits 32 for a region it does not know.
    await expect(cfnLint(valid, { regions: ["xx-nowhere-1"] })).rejects.toThrow(
      /cfn-lint failed \(exit 32\)[\s\S]*xx-nowhere-1/,
    );
    await expect(cfnLint(join(fixtures, "missing.yaml"))).rejects.toThrow(/no template at .*missing\.yaml/);
  });
});

describe("interpretCfnLintRun", () => {
  it("returns the findings for every combination of the level bits", () => {
    const findings = [
      rawFinding("E3002", "Error", ["Resources", "Q", "Properties", "X"]),
      rawFinding("W2001", "Warning", ["Parameters", "Unused"]),
      rawFinding("I3042", "Informational", ["Resources", "R", "Properties", "Arns", 0]),
      rawFinding("E0000", "Error", null),
    ];
    expect(interpretCfnLintRun(run(2 | 4 | 8, findings), "t.yaml")).toEqual([
      {
        rule: "E3002",
        level: "Error",
        message: "E3002 message",
        path: ["Resources", "Q", "Properties", "X"],
        resource: "Q",
      },
      { rule: "W2001", level: "Warning", message: "W2001 message", path: ["Parameters", "Unused"] },
      {
        rule: "I3042",
        level: "Informational",
        message: "I3042 message",
        path: ["Resources", "R", "Properties", "Arns", "0"],
        resource: "R",
      },
      { rule: "E0000", level: "Error", message: "E0000 message", path: [] },
    ]);
    expect(interpretCfnLintRun(run(4, [findings[1]]), "t.yaml")).toHaveLength(1);
    expect(interpretCfnLintRun(run(0, []), "t.yaml")).toEqual([]);
  });

  it("throws on a crash, a signal, or output that disagrees with the exit status", () => {
    expect(() => interpretCfnLintRun(run(1, [], "Traceback (most recent call last):"), "t.yaml")).toThrow(
      /cfn-lint failed \(exit 1\) linting t\.yaml[\s\S]*Traceback/,
    );
    expect(() => interpretCfnLintRun(run(null, []), "t.yaml")).toThrow(/killed by SIGKILL/);
    expect(() => interpretCfnLintRun({ ...run(2, []), stdout: "usage: cfn-lint" }, "t.yaml")).toThrow(
      /did not print JSON/,
    );
    expect(() => interpretCfnLintRun(run(2, []), "t.yaml")).toThrow(/exited 2 but printed findings only/);
    expect(() => interpretCfnLintRun(run(2, [rawFinding("E0003", "Error", null)]), "t.yaml")).toThrow(
      /could not lint t\.yaml: E0003 message/,
    );
    expect(() => interpretCfnLintRun(run(2, [rawFinding("E1", "Fatal", null)]), "t.yaml")).toThrow(
      /does not understand/,
    );
  });
});
