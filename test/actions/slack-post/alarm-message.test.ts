import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { registerBuiltins } from "../../../actions/builtins.js";
import { ActionRegistry } from "../../../engine/action/registry.js";
import { Engine } from "../../../engine/engine.js";
import { unwrapInput } from "../../../engine/envelope.js";
import { parseRuleFile } from "../../../engine/load/rule-file.js";
import { compileSources } from "../../../engine/rule-set.js";

const registry = registerBuiltins(new ActionRegistry());
const rule = (on: string, extra = "") => `name: r
on:
${on}
actions:
  - type: slack-post
    webhook: { env: SLACK_WEBHOOK_URL }
${extra}`;

function compile(text: string) {
  return compileSources(parseRuleFile("r.yaml", text).sources, registry);
}

describe("slack-post without text", () => {
  it("is an error outside alarm rules (only they have a default message)", () => {
    const { problems } = compile(rule("  pattern: { source: [aws.ecs] }"));
    expect(problems).toMatchObject([{ code: "INVALID_PARAM", line: 5, col: 5 }]);
  });

  it.each(["cloudwatch-alarm-state-change-alb-unhealthy.json", "sns-envelope-alb-unhealthy.json"])(
    "posts a readable Block Kit message built from the alarm (%s)",
    async (file) => {
      const { rules, problems } = compile(rule("  alarm: { name: ALBNoHealthyHosts }"));
      expect(problems).toEqual([]);
      const { items } = unwrapInput(JSON.parse(await readFile(`examples/events/${file}`, "utf8")));
      const [decision] = new Engine(rules).evaluate(items[0]!.event).decisions;
      const action = decision?.actions[0];
      if (action?.status !== "planned") throw new Error(JSON.stringify(action));
      const post = action.plan.steps.find((s) => s.call.startsWith("POST"));
      const body = post?.input as { text: string; blocks: { type: string }[] };
      expect(body.text).toBe(":rotating_light: ALBNoHealthyHosts is ALARM");
      expect(body.blocks.map((b) => b.type)).toEqual(["header", "section", "section", "context"]);
      const all = JSON.stringify(body.blocks);
      expect(all).toContain("OK → ALARM");
      expect(all).toContain("AWS/ApplicationELB HealthyHostCount");
      expect(all).toContain("&lt;= 0");
      expect(all).toContain("Threshold Crossed");
      expect(all).toContain("LoadBalancer: app/my-load-balancer/50dc6c495c0c9188");
    },
  );
});
