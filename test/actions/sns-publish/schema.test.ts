import { describe, expect, it } from "vitest";
import { snsPublishAction } from "../../../actions/sns-publish/index.js";
import { compileParams } from "../fixtures.js";
import { FIFO_ARN, seedParams, TOPIC_ARN } from "./seed.js";

const validate = compileParams(snsPublishAction);

describe("sns-publish params schema", () => {
  it.each([
    ["seed 002", seedParams],
    ["topic only (message defaults)", { topicArn: TOPIC_ARN }],
    ["a templated topic", { topicArn: "arn:aws:sns:{{ event.region }}:123456789012:alerts" }],
    [
      "attributes",
      { topicArn: TOPIC_ARN, attributes: { cluster: "{{ event.detail.clusterArn }}", "app.tier": "web" } },
    ],
    [
      "FIFO ids",
      {
        topicArn: FIFO_ARN,
        messageGroupId: "{{ event.detail.clusterArn }}",
        messageDeduplicationId: "{{ event.id }}",
      },
    ],
  ])("accepts %s", (_name, params) => {
    expect(validate(params), JSON.stringify(validate.errors)).toBe(true);
  });

  it.each([
    ["no topic", { subject: "x" }],
    ["an empty subject", { topicArn: TOPIC_ARN, subject: "" }],
    ["an attribute name with a space", { topicArn: TOPIC_ARN, attributes: { "my attr": "x" } }],
    ["a numeric attribute value", { topicArn: TOPIC_ARN, attributes: { n: 1 } }],
    ["an empty attribute value", { topicArn: TOPIC_ARN, attributes: { n: "" } }],
    ["an unknown param", { topicArn: TOPIC_ARN, targetArn: TOPIC_ARN }],
  ])("rejects %s", (_name, params) => {
    expect(validate(params)).toBe(false);
  });
});
