import { describe, expect, it } from "vitest";
import { snsPublishAction } from "../../../actions/sns-publish/index.js";
import { seedParams, TOPIC_ARN } from "./seed.js";

describe("sns-publish iam", () => {
  it("seed 002: Publish on exactly the topic", () => {
    expect(snsPublishAction.iam(seedParams)).toEqual([{ actions: ["sns:Publish"], resources: [TOPIC_ARN] }]);
  });

  it("a partly templated ARN: * where the template is", () => {
    expect(
      snsPublishAction.iam({
        topicArn: "arn:aws:sns:{{ event.region }}:123456789012:alerts-{{ rule.name }}",
      }),
    ).toEqual([
      {
        actions: ["sns:Publish"],
        resources: ["arn:aws:sns:*:123456789012:alerts-*"],
        why: expect.stringContaining("every topic it can render to"),
      },
    ]);
  });

  it("a wholly templated ARN: * and why", () => {
    expect(snsPublishAction.iam({ topicArn: "{{ event.detail.topicArn }}" })).toEqual([
      { actions: ["sns:Publish"], resources: ["*"], why: expect.stringContaining("no fixed arn: prefix") },
    ]);
  });
});
