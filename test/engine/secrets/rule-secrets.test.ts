import { describe, expect, it } from "vitest";
import { registerBuiltins } from "../../../actions/builtins.js";
import { formatProblems } from "../../../cli/problem-format.js";
import { ActionRegistry } from "../../../engine/action/registry.js";
import type { ActionDefinition } from "../../../engine/action/types.js";
import { parseRuleFile } from "../../../engine/load/rule-file.js";
import { compileSources } from "../../../engine/rule-set.js";

function check(text: string, registry = registerBuiltins(new ActionRegistry())) {
  const parsed = parseRuleFile("r.yaml", text);
  return [...parsed.problems, ...compileSources(parsed.sources, registry).problems];
}

const rule = (message: string) => `name: r
on:
  pattern:
    source: [aws.ecs]
actions:
  - type: sns-publish
    topicArn: arn:aws:sns:us-east-1:123456789012:topic
    message: "${message}"
`;

/** A secret in any string of a rule is PLAINTEXT_SECRET at that string's line, whatever action holds it. */
describe("plaintext secrets in rule files", () => {
  it.each([
    ["GovSlack", "https://hooks.slack-gov.com/services/T0/B0/abcdefgh"],
    ["a Slack workflow", "https://hooks.slack.com/workflows/T0/A0/1/abcdefgh"],
    ["Discord", "https://discord.com/api/webhooks/1234/abcdefgh"],
    ["Teams", "https://x.webhook.office.com/webhookb2/a@b/IncomingWebhook/c/d"],
    ["an access key id", "key AKIAIOSFODNN7EXAMPLE"],
  ])("%s in an sns-publish message", (_name, secret) => {
    const problems = check(rule(secret));
    expect(problems.map((p) => [p.code, p.line])).toEqual([["PLAINTEXT_SECRET", 8]]);
    expect(JSON.stringify(problems)).not.toContain(secret);
  });

  it("uses the patterns an action definition adds", () => {
    const own: ActionDefinition = {
      type: "page-me",
      description: "test action",
      paramsSchema: { type: "object", properties: { note: { type: "string" } }, additionalProperties: false },
      secretPatterns: [{ id: "pager-token", label: "a pager token", pattern: /\bpgr_[a-z0-9]{12}\b/ }],
      iam: () => [],
      plan: () => ({ type: "page-me", summary: "", steps: [] }),
    };
    const registry = registerBuiltins(new ActionRegistry()).register(own);
    // The pattern applies to every string of the rule, not only the action's own params.
    const problems = check(rule("token pgr_abcdef123456"), registry);
    expect(problems.map((p) => [p.code, p.line])).toEqual([["PLAINTEXT_SECRET", 8]]);
    expect(check(rule("token pgr_abcdef123456"))).toEqual([]);
  });

  it("the text format's code frame masks the secret on every line it shows", () => {
    const secret = "https://hooks.slack.com/services/T0/B0/abcdefghSECRET";
    const text = `${rule(secret)}    subject: "${secret}"\n`;
    const problems = check(text);
    expect(problems.length).toBe(2);
    const out = formatProblems(problems, "text", new Map([["r.yaml", text]]));
    expect(out).not.toContain("abcdefghSECRET");
    expect(out).toContain("[redacted]");
  });
});
