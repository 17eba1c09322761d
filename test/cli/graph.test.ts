import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { cli } from "../../cli/cli.js";
import { memoryIo } from "../support/memory-io.js";

/** The ```mermaid block of README.md's "Rule graph" section. */
function readmeGraph(): string | undefined {
  const readme = readFileSync("README.md", "utf8");
  const section = readme.split(/^## /m).find((s) => s.startsWith("Rule graph\n"));
  return section && /```mermaid\n([\s\S]*?)```/.exec(section)?.[1];
}

describe("rulebridge graph", () => {
  it("README's Rule graph block is what `rulebridge graph` prints for rules/", async () => {
    const io = memoryIo();
    expect(await cli(["graph"], io)).toBe(0);
    expect(readmeGraph(), "README.md's ```mermaid block (run `rulebridge graph` and paste it)").toBe(io.out);
  });

  it.each([
    {
      argv: ["graph"],
      starts: "flowchart LR\n",
      has: [
        '  s3(["aws.ecs"])',
        "  s3 --> r3",
        "  s3 --> r4",
        '  t4[("Slack #35;ops-alerts (KMS-encrypted webhook)")]',
      ],
    },
    {
      argv: ["graph", "--format", "dot", "--rules", "rules"],
      starts: "digraph rulebridge {\n  rankdir=LR;\n",
      has: [
        '  s3 [label="aws.ecs", shape=ellipse];',
        "  s3 -> r3;",
        "  s3 -> r4;",
        '  t4 [label="Slack #ops-alerts (KMS-encrypted webhook)", shape=cylinder];',
      ],
    },
  ])("$argv prints the seed rules' graph, the same every time", async ({ argv, starts, has }) => {
    const first = memoryIo();
    expect(await cli(argv, first)).toBe(0);
    expect(first.out.startsWith(starts)).toBe(true);
    for (const line of has) expect(first.out.split("\n")).toContain(line);
    // The slack rule's webhook ciphertext is in rules/, never in the graph.
    expect(first.out).not.toContain("kmsCiphertext");
    expect(first.out).not.toContain("AQICAH");
    const second = memoryIo();
    await cli(argv, second);
    expect(second.out).toBe(first.out);
  });

  it.each([
    [["graph", "--format", "svg"], 2, /--format must be one of: mermaid, dot/],
    [["graph", "rules"], 2, /unexpected argument "rules"/],
    [["graph", "--rules", "test/fixtures/rules-bad"], 1, /two-problems.yaml:4:13: error INVALID_PATTERN/],
    [["graph", "--rules", "no/such/dir"], 1, /IO_ERROR/],
  ])("%j → exit %i", async (argv, code, text) => {
    const io = memoryIo();
    expect(await cli(argv, io)).toBe(code);
    expect(io.out).toBe("");
    expect(io.err).toMatch(text);
  });

  it("--help describes the command", async () => {
    const io = memoryIo();
    expect(await cli(["graph", "--help"], io)).toBe(0);
    expect(io.out).toContain("Usage: rulebridge graph [--format mermaid|dot] [--rules DIR]");
  });
});
