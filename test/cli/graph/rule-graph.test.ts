import { describe, expect, it } from "vitest";
import { registerBuiltins } from "../../../actions/builtins.js";
import { buildRuleGraph, renderDot, renderMermaid } from "../../../cli/graph/index.js";
import { ActionRegistry } from "../../../engine/action/registry.js";
import { parseRuleFile } from "../../../engine/load/rule-file.js";
import { compileSources } from "../../../engine/rule-set.js";

const registry = registerBuiltins(new ActionRegistry());

/** Compiles rule documents (joined with ---); fails the test on any problem. */
function rules(...docs: string[]) {
  const { sources, problems } = parseRuleFile("rules.yaml", docs.join("---\n"));
  const compiled = compileSources(sources, registry);
  expect([...problems, ...compiled.problems]).toEqual([]);
  return compiled.rules;
}

const snsRule = `name: task-stopped
on:
  pattern:
    source: [aws.ecs, { prefix: "custom." }]
actions:
  - type: sns-publish
    topicArn: arn:aws:sns:us-east-1:123456789012:ops
`;

const alarmSlackRule = `name: alb-down
on:
  alarm: { name: ALBDown, states: [ALARM, OK] }
actions:
  - type: slack-post
    webhook: { ssmParameter: /slack/ops }
    channel: "#ops"
    text: down
  - type: sns-publish
    topicArn: arn:aws:sns:us-east-1:123456789012:ops
`;

const disabledIndexRule = `name: archive
enabled: false
on:
  pattern:
    detail-type: [Anything]
  bus: arn:aws:events:us-east-1:123456789012:event-bus/audit
actions:
  - type: index-document
    endpoint: https://search.example.com/
    index: 'events-{{ event.time | date: "%Y" }}'
    auth: { type: basic, username: admin, passwordSsmParameter: /search/password }
`;

describe("rulebridge graph: rendering", () => {
  it.each([
    {
      name: "a pattern rule: one source node per source value, its action and topic",
      rules: [snsRule],
      mermaid: `flowchart LR
  s1(["aws.ecs"])
  s2(["{#34;prefix#34;:#34;custom.#34;}"])
  r1["task-stopped"]
  a1("sns-publish")
  t1[("SNS arn:aws:sns:us-east-1:123456789012:ops")]
  s1 --> r1
  s2 --> r1
  r1 --> a1
  a1 --> t1
`,
      dot: `digraph rulebridge {
  rankdir=LR;
  s1 [label="aws.ecs", shape=ellipse];
  s2 [label="{\\"prefix\\":\\"custom.\\"}", shape=ellipse];
  r1 [label="task-stopped", shape=box];
  a1 [label="sns-publish", shape=box, style="rounded"];
  t1 [label="SNS arn:aws:sns:us-east-1:123456789012:ops", shape=cylinder];
  s1 -> r1;
  s2 -> r1;
  r1 -> a1;
  a1 -> t1;
}
`,
    },
    {
      name: "an alarm rule with two actions; the shared topic is one node",
      rules: [snsRule, alarmSlackRule],
      mermaid: `flowchart LR
  s1(["CloudWatch alarm ALBDown"])
  s2(["aws.ecs"])
  s3(["{#34;prefix#34;:#34;custom.#34;}"])
  r1["alb-down"]
  a1("slack-post")
  a2("sns-publish")
  r2["task-stopped"]
  a3("sns-publish")
  t1[("SNS arn:aws:sns:us-east-1:123456789012:ops")]
  t2[("Slack #35;ops (webhook in SSM /slack/ops)")]
  s1 --> r1
  r1 --> a1
  a1 --> t2
  r1 --> a2
  a2 --> t1
  s2 --> r2
  s3 --> r2
  r2 --> a3
  a3 --> t1
`,
      dot: `digraph rulebridge {
  rankdir=LR;
  s1 [label="CloudWatch alarm ALBDown", shape=ellipse];
  s2 [label="aws.ecs", shape=ellipse];
  s3 [label="{\\"prefix\\":\\"custom.\\"}", shape=ellipse];
  r1 [label="alb-down", shape=box];
  a1 [label="slack-post", shape=box, style="rounded"];
  a2 [label="sns-publish", shape=box, style="rounded"];
  r2 [label="task-stopped", shape=box];
  a3 [label="sns-publish", shape=box, style="rounded"];
  t1 [label="SNS arn:aws:sns:us-east-1:123456789012:ops", shape=cylinder];
  t2 [label="Slack #ops (webhook in SSM /slack/ops)", shape=cylinder];
  s1 -> r1;
  r1 -> a1;
  a1 -> t2;
  r1 -> a2;
  a2 -> t1;
  s2 -> r2;
  s3 -> r2;
  r2 -> a3;
  a3 -> t1;
}
`,
    },
    {
      name: "a disabled rule without source on a custom bus: dashed edges, no auth settings shown",
      rules: [disabledIndexRule],
      mermaid: `flowchart LR
  s1(["any source on bus audit"])
  r1["archive (disabled)"]
  a1("index-document")
  t1[("OpenSearch search.example.com index events-{{ event.time | date: #34;%Y#34; }}")]
  s1 -.-> r1
  r1 -.-> a1
  a1 -.-> t1
`,
      dot: `digraph rulebridge {
  rankdir=LR;
  s1 [label="any source on bus audit", shape=ellipse];
  r1 [label="archive (disabled)", shape=box];
  a1 [label="index-document", shape=box, style="rounded"];
  t1 [label="OpenSearch search.example.com index events-{{ event.time | date: \\"%Y\\" }}", shape=cylinder];
  s1 -> r1 [style=dashed];
  r1 -> a1 [style=dashed];
  a1 -> t1 [style=dashed];
}
`,
    },
  ])("$name", ({ rules: docs, mermaid, dot }) => {
    const graph = buildRuleGraph(rules(...docs));
    expect(renderMermaid(graph)).toBe(mermaid);
    expect(renderDot(graph)).toBe(dot);
  });

  it("does not depend on the order rules were loaded in", () => {
    const a = buildRuleGraph(rules(snsRule, alarmSlackRule, disabledIndexRule));
    const b = buildRuleGraph(rules(disabledIndexRule, alarmSlackRule, snsRule));
    expect(renderMermaid(b)).toBe(renderMermaid(a));
  });

  it.each([
    [
      "KMS",
      "{ kmsCiphertext: AQICAHhuNAuc7N6mJylROa7eAoseJAdP7M3OHaFE, keyArn: arn:aws:kms:us-east-1:123456789012:alias/k }",
      "Slack (KMS-encrypted webhook)",
      "AQICAH",
    ],
    ["env", "{ env: SLACK_WEBHOOK_URL }", "Slack (webhook in env SLACK_WEBHOOK_URL)", "hooks.slack.com"],
  ])("a Slack webhook from %s is described, never shown", (_, webhook, label, secret) => {
    const rule = `name: s\non:\n  pattern: { source: [x] }\nactions:\n  - type: slack-post\n    webhook: ${webhook}\n    text: hi\n`;
    const graph = buildRuleGraph(rules(rule));
    expect(graph.nodes.find((n) => n.kind === "target")?.label).toBe(label);
    expect(renderMermaid(graph) + renderDot(graph)).not.toContain(secret);
  });

  it("tag-from-template's target names the tags it writes", () => {
    const rule = `name: t\non:\n  pattern: { source: [aws.autoscaling] }\nactions:\n  - type: tag-from-template\n    tags: { Name: "{{ instance.id }}", Owner: ops }\n`;
    expect(buildRuleGraph(rules(rule)).nodes.at(-1)).toEqual({
      id: "t1",
      kind: "target",
      label: "EC2 tags Name, Owner",
    });
  });
});
