import { describe, expect, it } from "vitest";
import { registerBuiltins } from "../../../actions/builtins.js";
import { actionTarget } from "../../../cli/graph/action-targets.js";
import { ActionRegistry } from "../../../engine/action/registry.js";
import type { ActionDefinition } from "../../../engine/action/types.js";

const registry = registerBuiltins(new ActionRegistry());
const builtin = (type: string): ActionDefinition => registry.get(type)!;

/** The graph's target node for each built-in added in issue 23: resource named, secrets never. */
describe("actionTarget, the new built-ins", () => {
  it.each([
    ["webhook", { url: "https://events.pagerduty.com/v2/enqueue" }, "webhook events.pagerduty.com"],
    ["webhook", { url: { ssmParameter: "/webhooks/teams" } }, "webhook (URL in SSM /webhooks/teams)"],
    ["webhook", { url: { secretsManager: "discord/ops" } }, "webhook (URL in Secrets Manager discord/ops)"],
    ["webhook", { url: { kmsCiphertext: "AQID" } }, "webhook (KMS-encrypted webhook)"],
    [
      "eventbridge-put",
      { bus: "arn:aws:events:eu-west-1:210987654321:event-bus/central" },
      "EventBridge bus arn:aws:events:eu-west-1:210987654321:event-bus/central",
    ],
    ["eventbridge-put", {}, "EventBridge bus default"],
    ["sqs-send", { queue: "https://sqs.us-east-1.amazonaws.com/123456789012/jobs.fifo" }, "SQS jobs.fifo"],
    ["sqs-send", { queue: "arn:aws:sqs:us-east-1:123456789012:jobs" }, "SQS jobs"],
    [
      "lambda-invoke",
      { function: "arn:aws:lambda:us-east-1:123456789012:function:fix:live" },
      "Lambda fix:live",
    ],
    ["lambda-invoke", { function: "fix" }, "Lambda fix"],
  ])("%s %j → %s", (type, params, label) => {
    expect(actionTarget(builtin(type), params)?.label).toBe(label);
  });

  it("a secret pasted as a literal URL is not shown", () => {
    const target = actionTarget(builtin("webhook"), {
      url: "https://discord.com/api/webhooks/1/secretTOKEN",
    });
    expect(JSON.stringify(target)).not.toContain("secretTOKEN");
  });
});

describe("actionTarget, a project's own action", () => {
  const own: ActionDefinition = {
    type: "ticket",
    description: "open a ticket",
    paramsSchema: { type: "object", additionalProperties: false, properties: { queue: { type: "string" } } },
    iam: () => [],
    plan: () => ({ type: "ticket", summary: "", steps: [] }),
  };

  it("comes from its definition, like a built-in's", () => {
    const withTarget = {
      ...own,
      target: (p: Readonly<Record<string, unknown>>) => ({
        key: `jira|${p.queue}`,
        label: `Jira ${p.queue}`,
      }),
    };
    expect(actionTarget(withTarget, { queue: "OPS" })).toEqual({ key: "jira|OPS", label: "Jira OPS" });
    expect(actionTarget(own, { queue: "OPS" })).toBeUndefined();
  });
});
