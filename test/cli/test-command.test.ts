import { describe, expect, it } from "vitest";
import { registerBuiltins } from "../../actions/builtins.js";
import { cli } from "../../cli/cli.js";
import { ActionRegistry } from "../../engine/action/registry.js";
import { memoryIo } from "../support/memory-io.js";

const registry = registerBuiltins(new ActionRegistry());
const FAILING = "test/cli/fixtures/failing";

describe("rulebridge test", () => {
  it("passes every seed fixture", async () => {
    const io = memoryIo();
    const code = await cli(["test", "rules"], io, registry);
    expect(io.err).toBe("");
    expect(code).toBe(0);
    expect(io.out).toContain("✓ a launched instance is named from its tags and private IP");
    expect(io.out).toMatch(/\n(\d+) passed, 0 failed\n$/);
  });

  it("a rule file given by name brings its fixtures only", async () => {
    const io = memoryIo();
    expect(await cli(["test", "rules/ecs-events-to-opensearch.yaml"], io, registry)).toBe(0);
    expect(io.out).toContain("3 passed, 0 failed");
  });

  it("text: a failing case is ✗ with its explanation indented, and exit 1", async () => {
    const io = memoryIo();
    expect(await cli(["test", FAILING], io, registry)).toBe(1);
    expect(io.out).toContain(
      "✗ pattern miss\n    expected a match: pattern did not match at detail.lastStatus:",
    );
    expect(io.out).toContain("3 passed, 4 failed");
  });

  it("text: a when miss and a missing template variable name the path and the values", async () => {
    const io = memoryIo();
    expect(await cli(["test", FAILING], io, registry)).toBe(1);
    expect(io.out).toContain(
      '✗ when miss\n    expected a match: when was false: {"==":[{"var":"event.detail.desiredStatus"},"STOPPED"]} with event.detail.desiredStatus = "RUNNING"\n',
    );
    expect(io.out).toContain(
      "✗ missing template variable\n    actions[0] (sns-publish) cannot render: template variable `event.detail.group` is not defined (in subject)\n",
    );
    expect(io.out).toContain(
      '✗ wrong subject\n    actions[0].subject: expected "stopped: family:api", got "stopped: family:web"\n',
    );
  });

  it("github: an annotation at each failed case's position", async () => {
    const io = memoryIo();
    expect(await cli(["test", FAILING, "--format", "github"], io, registry)).toBe(1);
    const lines = io.out.trim().split("\n");
    expect(lines[0]).toMatch(
      /^::error file=test\/cli\/fixtures\/failing\/demo.test.yaml,line=1,col=3::pattern miss: /,
    );
    expect(lines.filter((l) => l.startsWith("::error"))).toHaveLength(4);
    expect(lines.at(-1)).toBe("3 passed, 4 failed");
  });

  it("json: results with failures", async () => {
    const io = memoryIo();
    expect(await cli(["test", FAILING, "--format", "json"], io, registry)).toBe(1);
    const out = JSON.parse(io.out) as { passed: number; failed: number; results: { passed: boolean }[] };
    expect([out.passed, out.failed, out.results.length]).toEqual([3, 4, 7]);
  });

  it("an invalid fixture file is reported with file:line:col", async () => {
    const io = memoryIo();
    expect(await cli(["test", "test/cli/fixtures/invalid"], io, registry)).toBe(1);
    expect(io.err).toContain("test/cli/fixtures/invalid/bad.test.yaml:5:3: error SCHEMA_UNKNOWN_KEY:");
    expect(io.err).toContain("test/cli/fixtures/invalid/bad.test.yaml:9:11: error SCHEMA_INVALID:");
  });
});

describe("rulebridge explain", () => {
  it("says for each rule why it matches or not", async () => {
    const io = memoryIo();
    const code = await cli(
      ["explain", "--event", "examples/events/ecs-task-state-change-fargate-running.json"],
      io,
      registry,
    );
    expect(code).toBe(0);
    expect(io.out).toContain(
      '✗ ecs-essential-container-exited: pattern did not match at detail.lastStatus: expected ["STOPPED"], event has "RUNNING"',
    );
    expect(io.out).toContain("✓ ecs-events-to-opensearch: matched");
    expect(io.out).toContain(
      '✗ asg-launch-name-tag: pattern did not match at source: expected ["aws.autoscaling"], event has "aws.ecs"',
    );
  });

  it("--rule limits it to one rule; an unknown one is exit 1", async () => {
    const io = memoryIo();
    const event = "examples/events/ecs-task-state-change-essential-exited.json";
    expect(
      await cli(["explain", "--event", event, "--rule", "ecs-essential-container-exited"], io, registry),
    ).toBe(0);
    expect(io.out.trim().split("\n")).toHaveLength(1);
    expect(await cli(["explain", "--event", event, "--rule", "nope"], memoryIo(), registry)).toBe(1);
  });
});
