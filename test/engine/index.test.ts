import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { registerBuiltins } from "../../actions/index.js";
import * as rulebridge from "../../engine/index.js";

const run = promisify(execFile);

/** The CommonJS modules and packages a fresh Node process loads for `import(specifier)` (the built package). */
async function loadedBy(specifier: string): Promise<string[]> {
  const script = `
    import { createRequire } from "node:module";
    await import(${JSON.stringify(specifier)});
    console.log(JSON.stringify(Object.keys(createRequire(import.meta.url).cache)));`;
  const { stdout } = await run(process.execPath, ["--input-type=module", "-e", script], {
    cwd: process.cwd(),
  });
  return JSON.parse(stdout) as string[];
}

const HEAVY = /node_modules\/(aws-cdk-lib|@aws-cdk\/|@aws-sdk\/client-|@opensearch-project\/)/;

describe("package root", () => {
  it("runs the README's library example", async () => {
    const { ActionRegistry, Engine, loadRuleSet } = rulebridge;
    const registry = registerBuiltins(new ActionRegistry());
    const { rules, problems } = await loadRuleSet(["rules"], registry);
    expect(problems).toEqual([]);
    const event = JSON.parse(
      await readFile("examples/events/ecs-task-state-change-essential-exited.json", "utf8"),
    );
    const evaluation = new Engine(rules).evaluate(event);
    expect(evaluation.decisions.map((d) => d.rule)).toEqual([
      "ecs-essential-container-exited",
      "ecs-events-to-opensearch",
    ]);
  });

  it("exports the core and nothing internal", () => {
    expect(Object.keys(rulebridge).sort()).toEqual([
      "ActionFailure",
      "ActionRegistry",
      "Engine",
      "Executor",
      "MemoryIdempotencyStore",
      "PROBLEM_CODES",
      "PatternIndex",
      "PatternSyntaxError",
      "buildRuleSchema",
      "checkPattern",
      "compileSources",
      "formatProblem",
      "loadRuleSet",
      "matchPattern",
      "parseRuleFile",
      "unwrapInput",
    ]);
  });

  it("loads no CDK, CDK toolkit or AWS SDK client when imported", async () => {
    const loaded = await loadedBy("rulebridge");
    expect(loaded.filter((m) => HEAVY.test(m))).toEqual([]);
  });

  it("keeps the CDK behind rulebridge/cdk, which exports the construct", async () => {
    const loaded = await loadedBy("rulebridge/cdk");
    expect(loaded.some((m) => m.includes("node_modules/aws-cdk-lib/"))).toBe(true);
    expect(loaded.some((m) => m.includes("node_modules/@aws-cdk/toolkit-lib/"))).toBe(false);
    const { stdout } = await run(process.execPath, [
      "--input-type=module",
      "-e",
      'const m = await import("rulebridge/cdk"); console.log(typeof m.RuleBridge, typeof m.synthesize)',
    ]);
    expect(stdout.trim()).toBe("function function");
  });
});
