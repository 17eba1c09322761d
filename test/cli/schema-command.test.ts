import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { registerBuiltins } from "../../actions/builtins.js";
import { cli } from "../../cli/cli.js";
import { SCHEMA_KINDS, schemaText } from "../../cli/commands/schema.js";
import { ActionRegistry } from "../../engine/action/registry.js";
import { memoryIo } from "../support/memory-io.js";

const registry = registerBuiltins(new ActionRegistry());
const scratch = mkdtempSync(join(tmpdir(), "rulebridge-schema-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe("rulebridge schema", () => {
  it.each(SCHEMA_KINDS)("prints the %s schema in draft-07, and rules/ holds it, not stale", async (kind) => {
    const io = memoryIo();
    expect(await cli(["schema", kind], io)).toBe(0);
    expect(io.out).toBe(schemaText(registry, kind));
    expect(JSON.parse(io.out).$schema).toBe("http://json-schema.org/draft-07/schema#");
    // If this fails, regenerate: npx rulebridge schema --write rules
    expect(readFileSync(`rules/${kind}.schema.json`, "utf8")).toBe(io.out);
  });

  it("--write DIR writes all three", async () => {
    const io = memoryIo({ cwd: scratch });
    expect(await cli(["schema", "--write", "out"], io)).toBe(0);
    for (const kind of SCHEMA_KINDS) {
      expect(readFileSync(join(scratch, "out", `${kind}.schema.json`), "utf8")).toBe(
        schemaText(registry, kind),
      );
    }
  });

  it.each([[["schema", "nope"]], [["schema", "rule", "fixture"]], [["schema", "rule", "--write", "x"]]])(
    "%j is a usage error",
    async (argv) => {
      const io = memoryIo({ cwd: scratch });
      expect(await cli(argv, io)).toBe(2);
    },
  );
});
