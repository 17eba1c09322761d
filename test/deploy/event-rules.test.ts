import { join } from "node:path";
import { Match } from "aws-cdk-lib/assertions";
import { beforeAll, describe, expect, it } from "vitest";
import { targetInputTemplate } from "../../deploy/event-rule.js";
import { type BuiltStack, buildStack, editFile, seedRulesCopy } from "./fixture.js";

let seeds: BuiltStack;
beforeAll(async () => {
  seeds = await buildStack();
});

/** The EventBridge rule of one rulebridge rule, found by its target input (which names the rule). */
function ruleResource(built: BuiltStack, name: string): Record<string, unknown> {
  const found = Object.values(built.template.findResources("AWS::Events::Rule")).filter((r) =>
    JSON.stringify(r).includes(JSON.stringify(targetInputTemplate(name)).slice(1, -1)),
  );
  expect(found).toHaveLength(1);
  return (found[0] as { Properties: Record<string, unknown> }).Properties;
}

const SEED_PATTERNS: Record<string, unknown> = {
  "asg-launch-name-tag": { source: ["aws.autoscaling"], "detail-type": ["EC2 Instance Launch Successful"] },
  "ecs-essential-container-exited": {
    source: ["aws.ecs"],
    "detail-type": ["ECS Task State Change"],
    detail: {
      lastStatus: ["STOPPED"],
      stoppedReason: [{ prefix: "Essential container in task exited" }],
    },
  },
  "ecs-events-to-opensearch": { source: ["aws.ecs"] },
  "alb-unhealthy-slack": {
    source: ["aws.cloudwatch"],
    "detail-type": ["CloudWatch Alarm State Change"],
    detail: { alarmName: ["ALBNoHealthyHosts"], state: { value: ["ALARM"] } },
  },
};

describe("one EventBridge rule per rulebridge rule", () => {
  it("creates exactly one rule and one invoke permission per seed rule", () => {
    seeds.template.resourceCountIs("AWS::Events::Rule", 4);
    seeds.template.resourceCountIs("AWS::Lambda::Permission", 4);
  });

  for (const [name, pattern] of Object.entries(SEED_PATTERNS)) {
    it(`${name}: pattern verbatim, enabled, engine target with the rule-naming input, DLQ and retries`, () => {
      const props = ruleResource(seeds, name);
      expect(props.EventPattern).toEqual(pattern);
      expect(props.State).toBe("ENABLED");
      expect(props.EventBusName).toBeUndefined();
      const targets = props.Targets as Record<string, unknown>[];
      expect(targets).toHaveLength(1);
      expect(targets[0]).toMatchObject({
        Arn: { "Fn::GetAtt": [expect.stringMatching(/^RuleBridgeEngine[0-9A-F]{8}$/), "Arn"] },
        InputTransformer: {
          InputPathsMap: {},
          InputTemplate: `{"rule": "${name}", "event": <aws.events.event.json>}`,
        },
        DeadLetterConfig: { Arn: { "Fn::GetAtt": [expect.stringMatching(/DeadLetterQueue/), "Arn"] } },
        RetryPolicy: { MaximumRetryAttempts: 8, MaximumEventAgeInSeconds: 86400 },
      });
    });
  }

  it("lets each rule invoke the function only from its own ARN", () => {
    const ruleIds = Object.keys(seeds.template.findResources("AWS::Events::Rule"));
    const permissions = Object.values(seeds.template.findResources("AWS::Lambda::Permission"));
    const sources = permissions.map((p) => {
      expect(p.Properties).toMatchObject({
        Action: "lambda:InvokeFunction",
        Principal: "events.amazonaws.com",
      });
      return (p.Properties.SourceArn as { "Fn::GetAtt": [string, string] })["Fn::GetAtt"][0];
    });
    expect(sources.sort()).toEqual(ruleIds.sort());
  });

  it("lets EventBridge send to the DLQ only from the rules' ARNs", () => {
    seeds.template.hasResourceProperties("AWS::SQS::QueuePolicy", {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Action: "sqs:SendMessage",
            Principal: { Service: "events.amazonaws.com" },
            Condition: { ArnEquals: { "aws:SourceArn": Match.anyValue() } },
          }),
        ]),
      },
    });
  });

  it("creates the alarm alb-unhealthy-slack defines, named as its pattern expects", () => {
    seeds.template.resourceCountIs("AWS::CloudWatch::Alarm", 3); // the seed's + engine errors + DLQ depth
    seeds.template.hasResourceProperties("AWS::CloudWatch::Alarm", {
      AlarmName: "ALBNoHealthyHosts",
      Namespace: "AWS/ApplicationELB",
      MetricName: "HealthyHostCount",
      Dimensions: [
        { Name: "LoadBalancer", Value: "app/my-load-balancer/50dc6c495c0c9188" },
        { Name: "TargetGroup", Value: "targetgroup/my-targets/73e2d6bc24d8a067" },
      ],
      Statistic: "Minimum",
      Period: 60,
      EvaluationPeriods: 1,
      Threshold: 0,
      ComparisonOperator: "LessThanOrEqualToThreshold",
      TreatMissingData: "breaching",
    });
  });
});

describe("rule variations", () => {
  it("deploys a disabled rule as DISABLED", async () => {
    const dir = seedRulesCopy();
    editFile(join(dir, "ecs-events-to-opensearch.yaml"), (t) => t.replace(/^on:/m, "enabled: false\non:"));
    const built = await buildStack(dir);
    expect(ruleResource(built, "ecs-events-to-opensearch").State).toBe("DISABLED");
    expect(ruleResource(built, "ecs-essential-container-exited").State).toBe("ENABLED");
  });

  it("puts rules on their own bus, else on the settings' bus", async () => {
    const dir = seedRulesCopy();
    editFile(join(dir, "ecs-events-to-opensearch.yaml"), (t) =>
      t.replace(/^actions:/m, "  bus: ops\nactions:"),
    );
    const built = await buildStack(dir, { bus: "central" });
    expect(ruleResource(built, "ecs-events-to-opensearch").EventBusName).toBe("ops");
    expect(ruleResource(built, "asg-launch-name-tag").EventBusName).toBe("central");
  });

  it("creates no alarm for a trigger that only names an existing alarm", async () => {
    const dir = seedRulesCopy();
    editFile(join(dir, "alb-unhealthy-slack.yaml"), (t) =>
      t.replace(/ {4}namespace:[\s\S]*?treatMissingData: breaching\n/, ""),
    );
    const built = await buildStack(dir);
    built.template.resourceCountIs("AWS::CloudWatch::Alarm", 2);
    expect(ruleResource(built, "alb-unhealthy-slack").EventPattern).toEqual(
      SEED_PATTERNS["alb-unhealthy-slack"],
    );
  });
});
