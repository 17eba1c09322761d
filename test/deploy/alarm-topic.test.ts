import { Match } from "aws-cdk-lib/assertions";
import { describe, expect, it } from "vitest";
import { parseSettings } from "../../deploy/settings.js";
import { buildStack } from "./fixture.js";

const TOPIC = "arn:aws:sns:us-east-1:123456789012:rulebridge-ops";

describe("alarmTopicArn: where the engine's own alarms go", () => {
  it("is read from rulebridge.yaml", () => {
    const { settings, problems } = parseSettings("s.yaml", `alarmTopicArn: ${TOPIC}\n`);
    expect(problems).toEqual([]);
    expect(settings?.alarmTopicArn).toBe(TOPIC);
  });

  it.each([
    ["not-an-arn"],
    ["arn:aws:sqs:us-east-1:123456789012:queue"],
    ["arn:aws:sns:us-east-1:123456789012:ops.fifo"], // alarm actions cannot publish to FIFO topics
    ["arn:aws:sns:us-east-1:12345:ops"],
  ])("refuses %s with the value's line and column", (arn) => {
    const { settings, problems } = parseSettings("s.yaml", `stackName: ok\nalarmTopicArn: ${arn}\n`);
    expect(settings).toBeUndefined();
    expect(problems.map((p) => [p.code, p.line, p.col])).toEqual([["SCHEMA_INVALID", 2, 16]]);
  });

  it("makes the engine-errors and dead-letter alarms notify the topic on ALARM", async () => {
    const { template } = await buildStack(undefined, { alarmTopicArn: TOPIC });
    for (const description of [
      "rulebridge engine invocations failed",
      "rulebridge events are waiting in the dead-letter queue",
    ]) {
      template.hasResourceProperties("AWS::CloudWatch::Alarm", {
        AlarmDescription: description,
        AlarmActions: [TOPIC],
        OKActions: Match.absent(),
      });
    }
  });

  it("leaves rules' own alarms alone: they act through EventBridge, not alarm actions", async () => {
    const { json } = await buildStack(undefined, { alarmTopicArn: TOPIC });
    const ruleAlarm = Object.values(json.Resources).find(
      (r) => r.Type === "AWS::CloudWatch::Alarm" && r.Properties?.AlarmName === "ALBNoHealthyHosts",
    );
    expect(ruleAlarm?.Properties).toMatchObject({ ActionsEnabled: false });
    expect(ruleAlarm?.Properties?.AlarmActions).toBeUndefined();
  });

  it("adds no actions (and no topic) without the setting", async () => {
    const { template, json } = await buildStack();
    template.resourcePropertiesCountIs("AWS::CloudWatch::Alarm", { AlarmActions: Match.anyValue() }, 0);
    expect(JSON.stringify(json)).not.toContain(":sns:us-east-1:123456789012:rulebridge-ops");
  });
});
