import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const run = promisify(execFile);

/**
 * Runs `script` (an ES module) in a fresh Node process from the checkout, so "rulebridge/handler"
 * is the built package; its last stdout line (the handler logs its own lines before it).
 */
async function node(script: string): Promise<string> {
  const { stdout } = await run(process.execPath, ["--input-type=module", "-e", script], {
    cwd: process.cwd(),
  });
  return stdout.trim().split("\n").at(-1) ?? "";
}

describe("rulebridge/handler (the handler entry)", () => {
  it("builds a handler over rule files that handles an event, and starts nothing on import", async () => {
    const out = await node(`
      import { createRequire } from "node:module";
      import { readFileSync } from "node:fs";
      const h = await import("rulebridge/handler");
      const { registerBuiltins } = await import("rulebridge/actions");
      const { ActionRegistry } = await import("rulebridge");
      const loaded = Object.keys(createRequire(import.meta.url).cache);
      const heavy = loaded.filter((m) => /node_modules\\/(aws-cdk-lib|@aws-cdk\\/|esbuild)/.test(m));
      const handler = h.createHandler({ rules: ["rules"], registry: registerBuiltins(new ActionRegistry()) });
      const event = JSON.parse(readFileSync("examples/events/ec2-instance-state-change-notification-pending.json", "utf8"));
      const result = await handler(event);
      console.log(JSON.stringify({ exports: Object.keys(h).sort(), heavy, events: result.events, matched: result.matched }));`);
    expect(JSON.parse(out)).toEqual({
      exports: [
        "DynamoDbIdempotencyStore",
        "IDEMPOTENCY_TABLE_ENV",
        "InvocationError",
        "RuleLoadError",
        "createHandler",
        "defaultServices",
        "loadEngine",
        "storeFromEnv",
      ],
      heavy: [],
      events: 1,
      matched: 0,
    });
  });
});
