import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import * as rulebridge from "../../engine/index.js";

describe("package root", () => {
  it("runs the README's library example", async () => {
    const { ActionRegistry, Engine, loadRuleSet, registerBuiltins } = rulebridge;
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

  it("exports what users need and nothing internal", () => {
    expect(Object.keys(rulebridge).sort()).toEqual([
      "ActionFailure",
      "ActionRegistry",
      "AwsClients",
      "DynamoDbIdempotencyStore",
      "Engine",
      "Executor",
      "InvocationError",
      "MemoryIdempotencyStore",
      "PROBLEM_CODES",
      "PatternIndex",
      "buildRuleSchema",
      "builtinActions",
      "checkPattern",
      "cli",
      "compileSources",
      "createHandler",
      "formatProblem",
      "loadRuleSet",
      "matchPattern",
      "parseRuleFile",
      "regionFromEnv",
      "registerBuiltins",
      "unwrapInput",
    ]);
  });
});
