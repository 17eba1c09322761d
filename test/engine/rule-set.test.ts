import { describe, expect, it } from "vitest";
import { registerBuiltins } from "../../actions/builtins.js";
import { ActionRegistry } from "../../engine/action/registry.js";
import { parseRuleFile } from "../../engine/load/rule-file.js";
import { compileSources } from "../../engine/rule-set.js";

const registry = registerBuiltins(new ActionRegistry());

function check(files: Record<string, string>) {
  const sources = [];
  const problems = [];
  for (const [file, text] of Object.entries(files)) {
    const parsed = parseRuleFile(file, text);
    sources.push(...parsed.sources);
    problems.push(...parsed.problems);
  }
  const compiled = compileSources(sources, registry);
  return { rules: compiled.rules, problems: [...problems, ...compiled.problems] };
}

const good = `name: good
on:
  pattern:
    source: [aws.ecs]
when:
  "==": [{ var: event.detail.lastStatus }, STOPPED]
actions:
  - type: sns-publish
    topicArn: arn:aws:sns:us-east-1:123456789012:topic
    subject: "Task {{ event.detail.taskArn }} stopped"
`;

/** Each kind of bad rule file, with the code and the exact position check must report. */
const cases: [string, string, string, number, number][] = [
  ["malformed YAML", good.replace("    source: [aws.ecs]", "    source: [aws.ecs"), "YAML_SYNTAX", 5, 1],
  ["wrong type", good.replace("name: good", "name: good\nenabled: maybe"), "SCHEMA_TYPE", 2, 10],
  ["unknown key", good.replace("when:", "wehn: 1\nwhen:"), "SCHEMA_UNKNOWN_KEY", 5, 1],
  ["unknown action", good.replace("type: sns-publish", "type: sns-pubish"), "UNKNOWN_ACTION", 8, 11],
  ["invalid pattern: empty array", good.replace("source: [aws.ecs]", "source: []"), "INVALID_PATTERN", 4, 13],
  [
    "invalid pattern: unknown operator",
    good.replace("source: [aws.ecs]", "source: [{ prefx: aws }]"),
    "INVALID_PATTERN",
    4,
    23,
  ],
  ["unknown JSON Logic op", good.replace('"==":', '"equals":'), "UNKNOWN_LOGIC_OP", 6, 3],
  [
    "forbidden JSON Logic var",
    good.replace("event.detail.lastStatus", "event.__proto__.x"),
    "FORBIDDEN_LOGIC_VAR",
    6,
    12,
  ],
  [
    "template syntax error",
    good.replace("{{ event.detail.taskArn }}", "{{ event.detail.taskArn"),
    "TEMPLATE_SYNTAX",
    10,
    20,
  ],
  [
    "unknown template filter",
    good.replace("{{ event.detail.taskArn }}", "{{ event.detail.taskArn | shout }}"),
    "TEMPLATE_SYNTAX",
    10,
    46,
  ],
  [
    "unknown template root",
    good.replace("event.detail.taskArn", "evnt.detail.taskArn"),
    "UNKNOWN_TEMPLATE_ROOT",
    10,
    14,
  ],
  [
    "alarm root without alarm trigger",
    good.replace("event.detail.taskArn", "alarm.name"),
    "UNKNOWN_TEMPLATE_ROOT",
    10,
    14,
  ],
  [
    "instance root outside tag-from-template",
    good.replace("event.detail.taskArn", "instance.id"),
    "UNKNOWN_TEMPLATE_ROOT",
    10,
    14,
  ],
  [
    "unknown condition root",
    good.replace("event.detail.lastStatus", "instance.state"),
    "UNKNOWN_LOGIC_ROOT",
    6,
    3,
  ],
  [
    "malformed ARN",
    good.replace("arn:aws:sns:us-east-1:123456789012:topic", "arn:aws:sns:topic"),
    "INVALID_ARN",
    9,
    15,
  ],
  [
    "plaintext Slack webhook",
    good.replace("subject:", "message: https://hooks.slack.com/services/T000/B000/XXXX\n    subject:"),
    "PLAINTEXT_SECRET",
    10,
    14,
  ],
];

describe("rule checks", () => {
  it("accepts the good rule and compiles it", () => {
    const { rules, problems } = check({ "good.yaml": good });
    expect(problems).toEqual([]);
    expect(rules.map((r) => r.name)).toEqual(["good"]);
  });

  it.each(cases)("%s → %s at %i:%i", (_name, text, code, line, col) => {
    const { rules, problems } = check({ "r.yaml": text });
    expect(problems.map((p) => p.code)).toContain(code);
    expect(problems.find((p) => p.code === code)).toMatchObject({
      file: "r.yaml",
      line,
      col,
      severity: "error",
    });
    expect(rules).toEqual([]);
  });

  it("reports a duplicate name at the second rule, naming the first", () => {
    const { rules, problems } = check({ "a.yaml": good, "b.yaml": `# again\n${good}` });
    expect(problems).toMatchObject([{ code: "DUPLICATE_RULE_NAME", file: "b.yaml", line: 2, col: 7 }]);
    expect(problems[0]?.message).toContain("a.yaml:1");
    expect(rules.map((r) => r.file)).toEqual(["a.yaml"]);
  });

  it("warns (without failing) when a pattern is over 2048 characters", () => {
    const values = Array.from({ length: 120 }, (_, i) => `"value-number-${i}"`).join(", ");
    const { rules, problems } = check({ "r.yaml": good.replace("source: [aws.ecs]", `source: [${values}]`) });
    expect(problems).toMatchObject([{ code: "PATTERN_TOO_LARGE", severity: "warning", line: 3 }]);
    expect(rules).toHaveLength(1);
  });

  it("collects all problems of all files in one run", () => {
    const bad = good
      .replace("type: sns-publish", "type: nope")
      .replace('"==":', '"equals":')
      .replace("source: [aws.ecs]", "source: []");
    const { problems } = check({
      "a.yaml": bad,
      "b.yaml": "x: [\n",
      "c.yaml": good.replace("name: good", "name: other"),
    });
    expect(problems.map((p) => `${p.file}:${p.code}`).sort()).toEqual([
      "a.yaml:INVALID_PATTERN",
      "a.yaml:UNKNOWN_ACTION",
      "a.yaml:UNKNOWN_LOGIC_OP",
      "b.yaml:YAML_SYNTAX",
    ]);
  });

  it("never echoes a webhook URL in a problem message", () => {
    const url = "https://hooks.slack.com/services/T0001/B0001/abcdefSECRET";
    const text = `name: s
on: { pattern: { source: [aws.ecs] } }
actions:
  - type: slack-post
    webhook: ${url}
    text: hi
`;
    const { problems } = check({ "s.yaml": text });
    expect(problems.map((p) => p.code)).toContain("PLAINTEXT_SECRET");
    expect(JSON.stringify(problems)).not.toContain("abcdefSECRET");
  });
});
