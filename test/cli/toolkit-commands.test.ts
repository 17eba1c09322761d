import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { cli, mainHelp } from "../../cli/cli.js";
import { memoryIo } from "../support/memory-io.js";

// Argument handling of diff, deploy and destroy: everything here is decided before any AWS call
// (the AWS side is tested against moto in test/deploy/toolkit.test.ts).

const scratch = mkdtempSync(join(tmpdir(), "rulebridge-toolkit-args-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A project folder whose `rules/` holds one broken rule, so synthesis fails before the toolkit starts. */
function brokenProject(): string {
  const dir = mkdtempSync(join(scratch, "project-"));
  mkdirSync(join(dir, "rules"));
  writeFileSync(
    join(dir, "rules", "bad.yaml"),
    "name: Not A Valid Name\non: { pattern: { source: [x] } }\nactions: []\n",
  );
  return dir;
}

async function run(argv: string[], cwd?: string) {
  const io = memoryIo(cwd !== undefined ? { cwd } : {});
  const code = await cli(argv, io);
  return { code, out: io.out, err: io.err };
}

describe("rulebridge diff / deploy / destroy arguments", () => {
  it("lists the three commands in the main help", () => {
    expect(mainHelp()).toMatch(/^ {2}diff /m);
    expect(mainHelp()).toMatch(/^ {2}deploy /m);
    expect(mainHelp()).toMatch(/^ {2}destroy /m);
  });

  it.each(["diff", "deploy", "destroy"])(
    "%s --help describes the command and its AWS options",
    async (name) => {
      const r = await run([name, "--help"]);
      expect(r.code).toBe(0);
      expect(r.out).toContain(`Usage: rulebridge ${name}`);
      expect(r.out).toContain("--profile NAME");
      expect(r.out).toContain("--region REGION");
    },
  );

  it.each([
    [["diff", "--method", "guess"], /--method must be one of: change-set, template/],
    [["deploy", "--method", "template"], /--method must be one of: change-set, direct/],
    [["deploy", "--require-approval", "any-change"], /--require-approval must be one of: broadening, never/],
    [
      ["deploy", "--yes", "--require-approval", "broadening"],
      /--yes contradicts --require-approval broadening/,
    ],
    [["deploy", "--profile", ""], /--profile needs a value/],
    [
      ["deploy", "--execution-policy", "arn:aws:iam::123456789012:policy/deployer"],
      /--execution-policy applies to bootstrapping: add --bootstrap/,
    ],
    [
      ["deploy", "--bootstrap", "--execution-policy", "AdministratorAccess"],
      /--execution-policy: "AdministratorAccess" is not an IAM managed policy ARN/,
    ],
    [
      ["deploy", "--bootstrap", "--execution-policy", "arn:aws:iam::123456789012:role/deployer"],
      /is not an IAM managed policy ARN/,
    ],
    [["destroy", "--force", "mystack"], /unexpected argument "mystack"/],
    [["diff", "--bogus"], /Unknown option '--bogus'/],
  ])("%j is a usage error (exit 2)", async (argv, message) => {
    const r = await run(argv);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
  });

  it("destroy without --force deletes nothing and does not even synthesize", async () => {
    const out = join(scratch, "destroy-out");
    const r = await run(["destroy", "--out", out]);
    expect(r.code).toBe(1);
    expect(r.err).toBe(
      "rulebridge destroy: destroy deletes the stack and everything in it: confirm with --force\n",
    );
    expect(existsSync(out)).toBe(false);
  });

  it.each([
    ["diff", []],
    ["deploy", ["--yes"]],
    ["destroy", ["--force"]],
  ])(
    "%s reports rule problems like synth (exit 2), resolving rules/ against the cwd",
    async (name, extra) => {
      const project = brokenProject();
      const r = await run([name, ...extra], project);
      expect(r.code).toBe(2);
      expect(r.err).toContain("bad.yaml:1:7: error SCHEMA_INVALID");
      expect(r.err).toMatch(/2 error\(s\) in rules or settings; nothing was (compared|changed)/);
      expect(existsSync(join(project, "cdk.out"))).toBe(false);
    },
  );

  it("reports an invalid settings file with its line (exit 2)", async () => {
    const project = brokenProject();
    writeFileSync(join(project, "rulebridge.yaml"), "stackName: ok\nmemory: lots\n");
    const r = await run(["deploy", "--yes"], project);
    expect(r.code).toBe(2);
    // Paths are shown relative to the working directory, as for rule files.
    expect(r.err).toContain("rulebridge.yaml:2:9: error SCHEMA_TYPE");
  });
});
