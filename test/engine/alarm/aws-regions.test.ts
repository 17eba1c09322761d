import { describe, expect, it } from "vitest";
import { alarmEventFromSnsMessage } from "../../../engine/alarm/index.js";

describe("Region display names in SNS alarm notifications", () => {
  const base = {
    AlarmName: "a",
    NewStateValue: "ALARM",
    NewStateReason: "r",
    StateChangeTime: "2021-02-15T14:57:14.419+0000",
  };

  it.each([
    ["US East (N. Virginia)", "us-east-1"],
    ["Asia Pacific (Tokyo)", "ap-northeast-1"],
    ["Asia Pacific (Seoul)", "ap-northeast-2"],
    ["EU (Ireland)", "eu-west-1"],
    ["Europe (Frankfurt)", "eu-central-1"],
    ["EU - Ireland", "eu-west-1"],
    ["US - N. Virginia", "us-east-1"],
    ["South America (São Paulo)", "sa-east-1"],
    ["AWS GovCloud (US-West)", "us-gov-west-1"],
    ["us-west-2", "us-west-2"],
  ])("Region %s → %s, and an ARN is built when the message has none", (name, code) => {
    const event = alarmEventFromSnsMessage({ ...base, Region: name, AWSAccountId: "123456789012" });
    expect(event.region).toBe(code);
    const partition = code.startsWith("us-gov-") ? "aws-us-gov" : "aws";
    expect(event.resources).toEqual([`arn:${partition}:cloudwatch:${code}:123456789012:alarm:a`]);
  });

  it.each(["EXAMPLE", "REGION", "Atlantis (Central)", ""])("unknown name %j: no region, no ARN", (name) => {
    const event = alarmEventFromSnsMessage({ ...base, Region: name, AWSAccountId: "123456789012" });
    expect(event).not.toHaveProperty("region");
    expect(event.resources).toEqual([]);
  });

  it("the alarm ARN's region wins over the Region name, the topic ARN is the last resort", () => {
    const withArn = {
      ...base,
      Region: "EU - Ireland",
      AlarmArn: "arn:aws:cloudwatch:us-west-2:111122223333:alarm:a",
    };
    expect(alarmEventFromSnsMessage(withArn)).toMatchObject({ region: "us-west-2", account: "111122223333" });
    const bare = { ...base, Region: "EXAMPLE", AWSAccountId: "EXAMPLE" };
    const fromTopic = alarmEventFromSnsMessage(bare, {
      topicArn: "arn:aws:sns:eu-west-1:000000000000:cloudwatch-alarms",
    });
    expect(fromTopic).toMatchObject({ region: "eu-west-1", account: "000000000000" });
    const nothing = alarmEventFromSnsMessage(bare);
    expect(nothing).not.toHaveProperty("region");
    expect(nothing).not.toHaveProperty("account");
    expect(nothing.resources).toEqual([]);
  });
});
