import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { cli } from "../../cli/cli.js";
import { memoryIo } from "../support/memory-io.js";

/** A UTF-8 byte order mark is allowed in event files, as in rule files (issue 19 item 10). */
const dir = mkdtempSync(join(tmpdir(), "rulebridge-bom-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const event = readFileSync("examples/events/ecs-task-state-change-essential-exited.json", "utf8");
const file = join(dir, "event.json");
writeFileSync(file, `\ufeff${event}`);

describe("event files with a byte order mark", () => {
  it.each([
    ["run", ["run", file, "--dry-run"]],
    ["explain", ["explain", "--event", file]],
    ["test-pattern", ["test-pattern", "--pattern", '{"source":["aws.ecs"]}', "--event", `@${file}`]],
  ])("%s reads it", async (_name, args) => {
    const io = memoryIo();
    expect(await cli(args, io)).toBe(0);
    expect(io.err).not.toMatch(/not (valid )?JSON/);
  });
});
