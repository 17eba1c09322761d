import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { registerBuiltins } from "../../actions/builtins.js";
import { ActionRegistry } from "../../engine/action/registry.js";
import { Engine } from "../../engine/engine.js";
import { unwrapInput } from "../../engine/envelope.js";
import { parseRuleFile } from "../../engine/load/rule-file.js";
import { compileSources, loadRuleSet } from "../../engine/rule-set.js";

/** Fixed seed so CI is reproducible; set FUZZ_SEED to explore. */
const seed = Number(process.env.FUZZ_SEED ?? 20261121);
const registry = registerBuiltins(new ActionRegistry());

/** Keys and values a rule file really has, so random documents get deep into the checks. */
const ruleKey = fc.constantFrom(
  "name",
  "description",
  "enabled",
  "on",
  "pattern",
  "alarm",
  "bus",
  "when",
  "actions",
  "type",
  "source",
  "detail-type",
  "detail",
  "prefix",
  "numeric",
  "anything-but",
  "exists",
  "cidr",
  "wildcard",
  "$or",
  "var",
  "topicArn",
  "subject",
  "message",
  "tags",
  "webhook",
  "index",
  "endpoint",
  "__proto__",
  "constructor",
);
const ruleValue = fc.constantFrom(
  "sns-publish",
  "slack-post",
  "tag-from-template",
  "index-document",
  "aws.ecs",
  "{{ event.id }}",
  "{{ x",
  "{% if %}",
  "arn:aws:sns:us-east-1:123456789012:t",
  "<= 0",
  "==",
  "STOPPED",
  "",
  "https://hooks.slack.com/services/a/b/c",
);
const json = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: "small" },
    fc.oneof(ruleValue, fc.string(), fc.integer(), fc.double(), fc.boolean(), fc.constant(null)),
    fc.array(tie("value"), { maxLength: 4 }),
    fc.dictionary(ruleKey, tie("value"), { maxKeys: 5 }),
  ),
})).value;

function checkText(text: string) {
  const parsed = parseRuleFile("fuzz.yaml", text);
  const compiled = compileSources(parsed.sources, registry);
  for (const p of [...parsed.problems, ...compiled.problems]) {
    expect(p.line).toBeGreaterThanOrEqual(1);
    expect(p.col).toBeGreaterThanOrEqual(1);
    expect(typeof p.code).toBe("string");
  }
  return compiled.rules;
}

describe("bad input never crashes", () => {
  it("the loader and checks, on arbitrary text", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), (text) => {
        checkText(text);
      }),
      { seed, numRuns: 500 },
    );
  });

  it("the loader and checks, on arbitrary rule-shaped YAML", () => {
    fc.assert(
      fc.property(json, (value) => {
        checkText(stringify(value));
      }),
      { seed, numRuns: 1500 },
    );
  });

  it("the loader and checks, on mutations of a good rule", () => {
    const good = `name: n\non:\n  pattern: { source: [aws.ecs] }\nwhen: { "==": [{ var: event.id }, x] }\nactions:\n  - type: sns-publish\n    topicArn: arn:aws:sns:us-east-1:123456789012:t\n    subject: "s {{ event.id }}"\n`;
    fc.assert(
      fc.property(
        fc.nat(good.length),
        fc.nat(good.length),
        fc.string({ maxLength: 8 }),
        (at, len, insert) => {
          checkText(good.slice(0, at) + insert + good.slice(Math.min(good.length, at + (len % 6))));
        },
      ),
      { seed, numRuns: 1500 },
    );
  });
});

describe("arbitrary events never crash the engine", () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = new Engine((await loadRuleSet(["rules"], registry)).rules);
  });

  const eventish = fc.record(
    {
      source: fc.constantFrom("aws.ecs", "aws.autoscaling", "aws.cloudwatch", "x"),
      "detail-type": fc.constantFrom(
        "ECS Task State Change",
        "EC2 Instance Launch Successful",
        "CloudWatch Alarm State Change",
        "other",
      ),
      id: fc.oneof(fc.string(), fc.integer()),
      time: fc.oneof(fc.constant("2016-10-17T20:29:14Z"), fc.string()),
      detail: json,
    },
    { requiredKeys: ["source", "detail-type"] },
  );

  it("evaluate returns decisions (or errors inside them), never throws", () => {
    fc.assert(
      fc.property(eventish, (event) => {
        const ev = engine.evaluate(event as Record<string, unknown>);
        expect(Array.isArray(ev.decisions)).toBe(true);
      }),
      { seed, numRuns: 2000 },
    );
  });

  it("envelope unwrapping of arbitrary JSON reports errors by field, never throws", () => {
    fc.assert(
      fc.property(fc.oneof(json, fc.record({ Records: fc.array(json, { maxLength: 3 }) })), (input) => {
        const { items, errors } = unwrapInput(input);
        for (const e of errors) expect(e.field.length).toBeGreaterThan(0);
        for (const item of items) engine.evaluate(item.event, item.rule ? { rule: item.rule } : {});
      }),
      { seed, numRuns: 1000 },
    );
  });
});
