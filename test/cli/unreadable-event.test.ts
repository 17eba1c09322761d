import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cli } from "../../cli/cli.js";
import { memoryIo } from "../support/memory-io.js";

/**
 * Events EventBridge cannot read (issue 19) are invalid input in every command, naming the field:
 * exit 2, never "no match" (test-pattern said false, run matched nothing, explain said
 * `expected ["aws.ecs"], event has "aws.ecs"`).
 */

const base =
  '"source":"aws.ecs","detail-type":"ECS Task State Change","id":"e1","time":"2020-01-01T00:00:00Z"';
const UNREADABLE: { label: string; text: string; field: RegExp }[] = [
  {
    label: "nested deeper than 1,000 levels",
    text: `{${base},"detail":{"x":${"[".repeat(1_000)}${"]".repeat(1_000)}}}`,
    field: /detail\.x\[0\]/,
  },
  {
    label: "a string over 20,000,000 characters",
    text: `{${base},"detail":{"s":"${"x".repeat(20_000_001)}"}}`,
    field: /detail\.s/,
  },
  {
    label: "a key over 50,000 characters",
    text: `{${base},"detail":{"${"k".repeat(50_001)}":1}}`,
    field: /50001 characters/,
  },
  { label: "the number 1e400", text: `{${base},"detail":{"size":1e400}}`, field: /detail\.size/ },
];

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "rulebridge-unreadable-"));
  await Promise.all(UNREADABLE.map((c, i) => writeFile(join(dir, `event-${i}.json`), c.text)));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe.each(UNREADABLE.map((c, i) => ({ ...c, i })))("an event with $label", ({ i, field }) => {
  const file = (): string => join(dir, `event-${i}.json`);

  it("test-pattern: exit 2 with the field", async () => {
    const io = memoryIo();
    expect(
      await cli(["test-pattern", "--pattern", '{"source":["aws.ecs"]}', "--event", `@${file()}`], io),
    ).toBe(2);
    expect(io.err).toMatch(field);
    expect(io.out).toBe("");
  });

  it("explain: exit 2, no explanation", async () => {
    const io = memoryIo();
    expect(await cli(["explain", "--event", file()], io)).toBe(2);
    expect(io.err).toMatch(field);
    expect(io.out).not.toContain("expected");
  });

  it("run --dry-run: exit 2, reported and counted, the other events still run", async () => {
    const io = memoryIo();
    const good = "examples/events/ecs-task-state-change-essential-exited.json";
    expect(await cli(["run", file(), good, "--dry-run"], io)).toBe(2);
    expect(io.err).toMatch(field);
    expect(io.err).toContain("unreadable event");
    expect(io.err).toContain("1 invalid input(s)");
    expect(io.out).toContain("1 event(s), 1 matched a rule");
  });
});
