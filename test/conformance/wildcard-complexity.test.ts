import { spawnSync } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cli } from "../../cli/cli.js";
import { checkPattern } from "../../engine/pattern/index.js";
import { toJsonNode } from "../../engine/pattern/syntax/json-node.js";
import { compileBranches } from "../../engine/pattern/syntax/pattern-compiler.js";
import {
  MAX_WILDCARD_COMPLEXITY,
  WILDCARD_COMPLEXITY_MESSAGE,
  wildcardComplexity,
} from "../../engine/pattern/syntax/wildcard-complexity.js";
import { oracleCommand } from "../support/event-ruler-oracle.js";
import { memoryIo } from "../support/memory-io.js";

/**
 * Wildcard complexity (issue 22): rulebridge's measure against event-ruler's own
 * `Machine.evaluateComplexity` (the harness evaluates the pattern's wildcard branches as the
 * EventBridge service does, and with --max-complexity refuses as it does).
 */

interface Verdict {
  result?: boolean;
  error?: string;
  complexity?: number;
}

function oracle(patterns: readonly unknown[]): Verdict[] {
  const { command, args } = oracleCommand();
  const input = patterns
    .map((pattern) => JSON.stringify({ pattern, event: {}, complexity: true }))
    .join("\n");
  const run = spawnSync(command, args, { input: `${input}\n`, encoding: "utf8", timeout: 120_000 });
  const lines = run.stdout.split("\n").filter((l) => l.length > 0);
  expect(lines, run.stderr).toHaveLength(patterns.length);
  return lines.map((l) => JSON.parse(l) as Verdict);
}

function ours(pattern: unknown): number {
  const input = toJsonNode(pattern);
  if ("error" in input) throw new Error(input.error.message);
  return wildcardComplexity(compileBranches(input.node, false)).complexity;
}

const w = (wildcard: string) => ({ wildcard });

describe("wildcard complexity", () => {
  it.each([
    {
      label: "the public report: *.bif, *.tiff, *.tif, *.svs",
      pattern: { key: ["*.bif", "*.tiff", "*.tif", "*.svs"].map(w) },
      complexity: 8,
    },
    { label: "three of them", pattern: { key: ["*.bif", "*.tiff", "*.tif"].map(w) }, complexity: 6 },
    { label: "one", pattern: { key: [w("*.bif")] }, complexity: 2 },
    { label: "repeats after a wildcard", pattern: { key: [w("a*bbbbbb")] }, complexity: 7 },
    { label: "more repeats", pattern: { key: [w("a*bbbbbbb")] }, complexity: 8 },
    {
      label: "in $or branches on one field",
      pattern: { $or: ["*.a", "*.b", "*.c", "*.d"].map((x) => ({ key: [w(x)] })) },
      complexity: 8,
    },
    {
      label: "on two fields",
      pattern: { a: ["*.bif", "*.tif"].map(w), b: ["*.svs", "*.png"].map(w) },
      complexity: 4,
    },
    {
      label: "anything-but wildcards (one value: their paths share states)",
      pattern: { key: [{ "anything-but": { wildcard: ["*.a", "*.b", "*.c", "*.d"] } }] },
      complexity: 2,
    },
    {
      label: "anything-but wildcards, one ending where another goes on",
      pattern: { key: [{ "anything-but": { wildcard: ["*ba", "*b"] } }, w("a*bbb*")] },
      complexity: 8,
    },
    { label: "no wildcard", pattern: { key: ["x", { prefix: "y" }] }, complexity: 0 },
  ])("$label: $complexity, as event-ruler measures", ({ pattern, complexity }) => {
    expect(ours(pattern)).toBe(complexity);
    const [verdict] = oracle([pattern]);
    expect(verdict?.complexity).toBe(complexity);
    const refused = complexity > MAX_WILDCARD_COMPLEXITY;
    expect(checkPattern(pattern)?.message).toBe(refused ? WILDCARD_COMPLEXITY_MESSAGE : undefined);
    expect(verdict?.error).toBe(refused ? WILDCARD_COMPLEXITY_MESSAGE : undefined);
  });

  it("check reports it at the field's line with AWS's wording; test-pattern exits 2", async () => {
    const dir = await mkdtemp(join(tmpdir(), "rulebridge-wildcards-"));
    try {
      const rule = [
        "name: slides",
        "on:",
        "  pattern:",
        "    source: [aws.s3]",
        "    detail:",
        "      object:",
        "        key:",
        '          - wildcard: "*.bif"',
        '          - wildcard: "*.tiff"',
        '          - wildcard: "*.tif"',
        '          - wildcard: "*.svs"',
        "actions:",
        "  - type: sns-publish",
        "    topicArn: arn:aws:sns:us-east-1:123456789012:t",
        "    message: hi",
        "",
      ].join("\n");
      await writeFile(join(dir, "slides.yaml"), rule);
      const io = memoryIo();
      expect(await cli(["check", dir], io)).toBe(1);
      expect(io.out).toContain(
        `slides.yaml:8:13: error INVALID_PATTERN: invalid event pattern: ${WILDCARD_COMPLEXITY_MESSAGE}`,
      );
      const three = rule.replace('          - wildcard: "*.svs"\n', "");
      await writeFile(join(dir, "slides.yaml"), three);
      expect(await cli(["check", dir], memoryIo())).toBe(0);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    const io = memoryIo();
    const pattern = JSON.stringify({ key: ["*.bif", "*.tiff", "*.tif", "*.svs"].map(w) });
    expect(await cli(["test-pattern", "--pattern", pattern, "--event", '{"key":"a.svs"}'], io)).toBe(2);
    expect(io.err).toBe(`${WILDCARD_COMPLEXITY_MESSAGE}\n`);
  });

  it("refuses at the field holding the wildcards", () => {
    const error = checkPattern({
      source: ["x"],
      detail: { key: ["*.bif", "*.tiff", "*.tif", "*.svs"].map(w) },
    });
    expect(error?.path).toEqual(["detail", "key", 0]);
  });

  it("agrees with event-ruler on 1,500 generated patterns (every verdict; every value up to the threshold + 1)", () => {
    let seed = 20261207;
    const rnd = (n: number): number => {
      seed = (Math.imul(seed, 1103515245) + 12345) & 0x7fffffff;
      return (seed >>> 16) % n;
    };
    const glob = (): string => {
      let s = "";
      const n = 1 + rnd(9);
      for (let i = 0; i < n; i++) {
        const c = ["a", "b", ".", "*", "é"][rnd(5)] as string;
        if (c === "*" && s.endsWith("*")) continue;
        s += c;
      }
      return s;
    };
    const literal = (): string => glob().replaceAll("*", "") || "a";
    const value = (): unknown => {
      switch (rnd(12)) {
        case 0:
          return { "anything-but": { wildcard: [glob(), glob()] } };
        case 1:
          return { prefix: literal() };
        case 2:
          return { suffix: literal() };
        case 3:
          return literal();
        case 4:
          return { "equals-ignore-case": literal() };
        default:
          return w(glob());
      }
    };
    const patterns: unknown[] = [];
    for (let i = 0; i < 1_500; i++) {
      const values = Array.from({ length: 1 + rnd(6) }, value);
      const shape = rnd(5);
      patterns.push(
        shape === 0
          ? { $or: [{ f: values }, { f: [w(glob())], g: [w(glob())] }, { h: ["x"] }] }
          : shape === 1
            ? { f: ["x", "y"], g: values }
            : shape === 2
              ? { f: [{ exists: false }], g: values }
              : { f: values },
      );
    }
    const verdicts = oracle(patterns);
    const off: string[] = [];
    let refused = 0;
    patterns.forEach((pattern, i) => {
      const verdict = verdicts[i] as Verdict;
      const mine = checkPattern(pattern);
      if ((mine?.message ?? null) !== (verdict.error ?? null))
        off.push(`verdict: ours ${mine?.message}, event-ruler ${verdict.error}: ${JSON.stringify(pattern)}`);
      if (verdict.error === WILDCARD_COMPLEXITY_MESSAGE) refused++;
      const expected = verdict.complexity ?? 0;
      const got = ours(pattern);
      if (got !== expected && Math.min(got, expected) <= MAX_WILDCARD_COMPLEXITY + 1)
        off.push(`complexity: ours ${got}, event-ruler ${expected}: ${JSON.stringify(pattern)}`);
    });
    expect(off).toEqual([]);
    // Not trivial: both sides of the threshold are exercised.
    expect(refused).toBeGreaterThan(50);
    expect(refused).toBeLessThan(1_400);
  });
});
