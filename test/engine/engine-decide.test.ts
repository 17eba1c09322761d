import { readdir, readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { registerBuiltins } from "../../actions/builtins.js";
import { ActionRegistry } from "../../engine/action/registry.js";
import { Engine } from "../../engine/engine.js";
import { unwrapInput } from "../../engine/envelope.js";
import { loadRuleSet } from "../../engine/rule-set.js";

/**
 * `decide` is `evaluate` for rules the caller already matched (replay matches from the text):
 * the same decisions, the alarm view included where a rule uses it.
 */
describe("Engine.decide", () => {
  it("decides as evaluate does, for every example event the seed rules match", async () => {
    const set = await loadRuleSet(["rules"], registerBuiltins(new ActionRegistry()));
    const engine = new Engine(set.rules);
    const now = new Date("2026-01-01T00:00:00Z");
    let decided = 0;
    for (const name of (await readdir("examples/events")).filter((f) => f.endsWith(".json")).sort()) {
      const input: unknown = JSON.parse(await readFile(`examples/events/${name}`, "utf8"));
      for (const { event } of unwrapInput(input, name).items) {
        const evaluation = engine.evaluate(event, { now });
        const matched = evaluation.decisions.map((d) => engine.rules.find((r) => r.name === d.rule)!);
        expect(engine.decide(event, matched, now.toISOString())).toEqual(evaluation.decisions);
        decided += matched.length;
      }
    }
    // The seed rules include one that reads the alarm view (alb-unhealthy-slack).
    expect(decided).toBeGreaterThan(3);
  });
});
