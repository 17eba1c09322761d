import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { registerBuiltins } from "../../actions/builtins.js";
import { cli } from "../../cli/cli.js";
import { schemaText } from "../../cli/commands/schema.js";
import { ActionRegistry } from "../../engine/action/registry.js";
import { memoryIo } from "../support/memory-io.js";

describe("rulebridge (no command, help, unknown)", () => {
  it.each([
    [[], 2, /Usage: rulebridge <command>/],
    [["--help"], 0, /Commands:/],
    [["help", "check"], 0, /Usage: rulebridge check/],
    [["frobnicate"], 2, /unknown command "frobnicate"/],
    [["check", "--bogus"], 2, /Unknown option '--bogus'/],
    [["check", "--format", "xml"], 2, /--format must be one of: text, json, github/],
  ])("%j → exit %i", async (argv, code, text) => {
    const io = memoryIo();
    expect(await cli(argv, io)).toBe(code);
    expect(io.out + io.err).toMatch(text);
  });

  it.each(["check", "test-pattern", "run", "schema", "encrypt", "synth", "test", "explain"])(
    "%s --help describes the command",
    async (name) => {
      const io = memoryIo();
      expect(await cli([name, "--help"], io)).toBe(0);
      expect(io.out).toContain(`rulebridge ${name}`);
    },
  );
});

describe("rulebridge check", () => {
  it("passes the seed rules", async () => {
    const io = memoryIo();
    expect(await cli(["check", "rules"], io)).toBe(0);
    expect(io.out).toMatch(/4 rule\(s\) in 4 file\(s\): 0 error\(s\), 0 warning\(s\)/);
  });

  it("text: each problem with file:line:col, code and a code frame with a caret", async () => {
    const io = memoryIo();
    expect(await cli(["check", "test/fixtures/rules-bad"], io)).toBe(1);
    expect(io.out).toContain("test/fixtures/rules-bad/two-problems.yaml:4:13: error INVALID_PATTERN:");
    expect(io.out).toContain("Empty arrays are not allowed");
    expect(io.out).toContain("test/fixtures/rules-bad/two-problems.yaml:6:11: error UNKNOWN_ACTION:");
    expect(io.out).toContain("> 4 |     source: []\n    |             ^");
  });

  it("github: workflow annotations", async () => {
    const io = memoryIo();
    expect(await cli(["check", "test/fixtures/rules-bad", "--format", "github"], io)).toBe(1);
    expect(io.out.trim().split("\n")).toEqual([
      expect.stringMatching(
        /^::error file=test\/fixtures\/rules-bad\/two-problems.yaml,line=4,col=13,title=INVALID_PATTERN::/,
      ),
      expect.stringMatching(
        /^::error file=test\/fixtures\/rules-bad\/two-problems.yaml,line=6,col=11,title=UNKNOWN_ACTION::/,
      ),
    ]);
  });

  it("json: machine-readable problems and counts", async () => {
    const io = memoryIo();
    expect(await cli(["check", "test/fixtures/rules-bad", "--format", "json"], io)).toBe(1);
    const report = JSON.parse(io.out);
    expect(report).toMatchObject({ files: 1, rules: 0, errors: 2, warnings: 0 });
    expect(report.problems.map((p: { code: string }) => p.code)).toEqual([
      "INVALID_PATTERN",
      "UNKNOWN_ACTION",
    ]);
  });

  it("checks rulebridge.yaml beside the rules, with positions", async () => {
    const { mkdtemp, writeFile } = await import("node:fs/promises");
    const { join, resolve } = await import("node:path");
    const { tmpdir } = await import("node:os");
    const dir = await mkdtemp(join(tmpdir(), "rulebridge-settings-"));
    await writeFile(join(dir, "rulebridge.yaml"), "stackName: ok\nmemory: lots\nbogus: 1\n");
    const io = memoryIo({ cwd: dir });
    expect(await cli(["check", resolve("rules"), "--format", "json"], io)).toBe(1);
    const report = JSON.parse(io.out);
    expect(report.problems).toMatchObject([
      { code: "SCHEMA_TYPE", file: "rulebridge.yaml", line: 2, col: 9 },
      { code: "SCHEMA_UNKNOWN_KEY", file: "rulebridge.yaml", line: 3, col: 1 },
    ]);
  });

  it("a path that does not exist is a finding, not a crash", async () => {
    const io = memoryIo();
    expect(await cli(["check", "no/such/dir"], io)).toBe(1);
    expect(io.out).toContain("IO_ERROR");
  });
});

describe("rulebridge test-pattern", () => {
  const event = JSON.stringify({ source: "aws.ecs", detail: { n: 300 } });
  it.each([
    ['{"source":["aws.ecs"]}', 0, "true"],
    ['{"source":["aws.ec2"]}', 1, "false"],
    ['{"detail":{"n":[300.0]}}', 0, "true"],
    ['{"detail":{"n":["300"]}}', 1, "false"],
  ])("%s → exit %i", async (pattern, code, printed) => {
    const io = memoryIo();
    expect(await cli(["test-pattern", "--pattern", pattern, "--event", event], io)).toBe(code);
    expect(io.out).toBe(`${printed}\n`);
  });

  it("an invalid pattern prints the reason and exits 2", async () => {
    const io = memoryIo();
    expect(await cli(["test-pattern", "--pattern", '{"source":[]}', "--event", event], io)).toBe(2);
    expect(io.err).toContain("Empty arrays are not allowed");
  });

  it("reads @files", async () => {
    const io = memoryIo();
    const args = ["--pattern", '{"detail-type":["ECS Task State Change"]}'];
    const file = "@examples/events/ecs-task-state-change-essential-exited.json";
    expect(await cli(["test-pattern", ...args, "--event", file], io)).toBe(0);
  });

  it("invalid JSON is a usage error naming the flag", async () => {
    const io = memoryIo();
    expect(await cli(["test-pattern", "--pattern", "{", "--event", event], io)).toBe(2);
    expect(io.err).toContain("--pattern is not valid JSON");
  });

  it("--batch: one output line per input line, in order", async () => {
    const stdin = [
      JSON.stringify({ pattern: { a: ["x"] }, event: { a: "x" } }),
      JSON.stringify({ pattern: { a: ["x"] }, event: { a: "y" } }),
      JSON.stringify({ pattern: { a: [] }, event: { a: "y" } }),
      "not json",
      JSON.stringify({ pattern: { a: ["x"] } }),
      JSON.stringify({ pattern: { a: [{ prefix: "x" }] }, event: { a: "xyz" } }),
      "",
    ].join("\n");
    const io = memoryIo({ stdin });
    expect(await cli(["test-pattern", "--batch"], io)).toBe(0);
    const lines = io.out
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines).toHaveLength(6);
    expect(lines[0]).toEqual({ result: true });
    expect(lines[1]).toEqual({ result: false });
    expect(lines[2].error).toContain("Empty arrays are not allowed");
    expect(lines[3]).toHaveProperty("error");
    expect(lines[4]).toHaveProperty("error");
    expect(lines[5]).toEqual({ result: true });
  });
});

describe("rulebridge run --dry-run", () => {
  it("plans the seed rules over the sample events", async () => {
    const io = memoryIo();
    expect(await cli(["run", "examples/events", "--dry-run"], io)).toBe(0);
    expect(io.out).toContain("✓ ecs-essential-container-exited");
    expect(io.out).toContain("ECS task failure: web");
    expect(io.out).toContain("ecs-events-2016.10.17");
    expect(io.out).toMatch(/43 event\(s\), \d+ matched a rule/);
    expect(io.out).not.toMatch(/hooks\.slack\.com/);
  });

  it("json: one evaluation per event, from stdin", async () => {
    const stdin = await readFile("examples/events/ecs-task-state-change-essential-exited.json", "utf8");
    const io = memoryIo({ stdin });
    expect(await cli(["run", "-", "--dry-run", "--format", "json"], io)).toBe(0);
    const lines = io.out
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines).toHaveLength(1);
    expect(lines[0].decisions.map((d: { rule: string }) => d.rule)).toEqual([
      "ecs-essential-container-exited",
      "ecs-events-to-opensearch",
    ]);
  });

  it("invalid events are reported by field and exit 2; valid ones still run", async () => {
    const stdin = `${JSON.stringify({ source: "aws.ecs", "detail-type": "ECS Task State Change", id: "a", time: "2020-01-01T00:00:00Z", detail: {} })}\n{"Records":[{"Sns":{"Message":"nope"}}]}\n[1,2\n`;
    const io = memoryIo({ stdin });
    expect(await cli(["run", "--dry-run"], io)).toBe(2);
    expect(io.err).toContain("Records[0].Sns.Message: message is not JSON");
    expect(io.err).toContain("stdin:3: not valid JSON");
    expect(io.out).toContain("✓ ecs-events-to-opensearch");
  });

  it("refuses broken rules", async () => {
    const io = memoryIo();
    expect(await cli(["run", "examples/events", "--rules", "test/fixtures/rules-bad", "--dry-run"], io)).toBe(
      2,
    );
    expect(io.err).toContain("INVALID_PATTERN");
  });

  it("live: events no rule wants run nothing and exit 0 with a summary", async () => {
    const io = memoryIo();
    expect(
      await cli(["run", "examples/events/ec2-instance-state-change-notification-pending.json"], io),
    ).toBe(0);
    expect(io.out).toContain("no rule matched");
    expect(io.out).toContain("1 event(s), 0 matched a rule; actions: 0 changed, 0 unchanged");
  });

  it.each([
    { stdoutTTY: false, stderrTTY: true, shown: true },
    { stdoutTTY: true, stderrTTY: false, shown: false },
  ])(
    "live: a progress line on stderr only when stderr is a terminal (%o)",
    async ({ stdoutTTY, stderrTTY, shown }) => {
      const io = { ...memoryIo(), isTTY: stdoutTTY, stderrIsTTY: stderrTTY };
      let err = "";
      io.stderr = (t: string) => {
        err += t;
      };
      const files = [
        "ec2-instance-state-change-notification-pending.json",
        "autoscaling-instance-refresh-started.json",
      ];
      expect(await cli(["run", ...files.map((f) => `examples/events/${f}`), "--concurrency", "1"], io)).toBe(
        0,
      );
      if (shown) expect(err).toMatch(/\r2 event\(s\) read, \d+\/s\n/);
      else expect(err).not.toContain("event(s) read");
    },
  );

  it("rejects a bad --concurrency", async () => {
    const io = memoryIo();
    expect(await cli(["run", "--concurrency", "0", "--dry-run"], io)).toBe(2);
    expect(io.err).toContain("--concurrency must be a whole number");
  });
});

describe("rulebridge test", () => {
  it("runs every seed rule's fixtures, like a test runner", async () => {
    const io = memoryIo();
    expect(await cli(["test"], io)).toBe(0);
    expect(io.out).toMatch(/^11 passed, 0 failed$/m);
  });
});

describe("rulebridge schema", () => {
  it("prints the schema, and rules/rule.schema.json is not stale", async () => {
    const io = memoryIo();
    expect(await cli(["schema"], io)).toBe(0);
    expect(io.out).toBe(schemaText(registerBuiltins(new ActionRegistry())));
    // If this fails, regenerate: npx rulebridge schema > rules/rule.schema.json
    expect(await readFile("rules/rule.schema.json", "utf8")).toBe(io.out);
  });
});
