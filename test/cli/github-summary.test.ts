import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { cli } from "../../cli/cli.js";
import { githubStepSummary } from "../../cli/problem-format.js";
import { memoryIo } from "../support/memory-io.js";

const scratch = mkdtempSync(join(tmpdir(), "rulebridge-summary-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A project whose one rule file has `n` unknown keys: n SCHEMA_UNKNOWN_KEY errors. */
function project(n: number): string {
  const dir = mkdtempSync(join(scratch, "p-"));
  mkdirSync(join(dir, "rules"));
  const extra = Array.from({ length: n }, (_, i) => `bad${i}: x`).join("\n");
  const rule = `name: r\non:\n  pattern: { source: [a] }\nactions:\n  - type: sns-publish\n    topicArn: arn:aws:sns:us-east-1:123456789012:t\n${extra}\n`;
  writeFileSync(join(dir, "rules/r.yaml"), rule);
  return dir;
}

async function run(dir: string, argv: string[]) {
  const io = memoryIo({ cwd: dir });
  const summary = join(dir, "summary.md");
  writeFileSync(summary, "earlier step\n");
  io.env = { GITHUB_STEP_SUMMARY: summary };
  const code = await cli(argv, io);
  return { code, out: io.out, err: io.err, summary: readFileSync(summary, "utf8") };
}

describe("--format github step summary", () => {
  it("check: 12 errors are 12 annotations, and the summary lists all 12 and says 2 were not annotated", async () => {
    const { code, out, summary } = await run(project(12), ["check", "--format", "github"]);
    expect(code).toBe(1);
    expect(out.split("\n").filter((l) => l.startsWith("::error "))).toHaveLength(12);
    expect(summary).toMatch(
      /^earlier step\n### rulebridge check: 0 rule\(s\) in 1 file\(s\): 12 error\(s\), 0 warning\(s\)\n/,
    );
    expect(summary).toContain("2 not annotated");
    expect(summary.match(/^\| error \| rules\/r\.yaml \| \d+ \| 1 \| SCHEMA_UNKNOWN_KEY \|/gm)).toHaveLength(
      12,
    );
  });

  it("check: within the limit there is nothing 'not annotated'", async () => {
    const { summary } = await run(project(3), ["check", "--format", "github"]);
    expect(summary).toContain("3 error(s)");
    expect(summary).not.toContain("not annotated");
  });

  it("test: failed cases are in the summary too", async () => {
    const dir = project(0);
    const cases = Array.from(
      { length: 11 },
      (_, i) => `- name: case ${i}\n  rule: r\n  event: { source: b }\n  expect: match\n`,
    ).join("");
    writeFileSync(join(dir, "rules/r.test.yaml"), cases);
    const { code, summary } = await run(dir, ["test", "--format", "github"]);
    expect(code).toBe(1);
    expect(summary).toContain("### rulebridge test: 11 error(s), 0 warning(s)");
    expect(summary).toContain("1 not annotated");
    expect(summary).toContain("0 passed, 11 failed");
  });

  it("without GITHUB_STEP_SUMMARY nothing is written and nothing is said", async () => {
    const io = memoryIo({ cwd: project(1) });
    expect(await cli(["check", "--format", "github"], io)).toBe(1);
    expect(io.err).toBe("");
  });

  it("cells cannot break the table or render markup", () => {
    const md = githubStepSummary("t", [
      { level: "error", file: "a|b.yaml", line: 1, col: 2, code: "X", message: "a | b\n<img src=x> `c`" },
    ]);
    expect(md).toContain("| error | a\\|b.yaml | 1 | 2 | X | a \\| b<br>&lt;img src=x&gt; &#96;c&#96; |");
  });
});
