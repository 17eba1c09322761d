import { describe, expect, it } from "vitest";
import { snsPublishAction } from "../../../actions/sns-publish/index.js";
import type { ParamIssue } from "../../../engine/action/types.js";
import { FIFO_ARN, seedParams, TOPIC_ARN } from "./seed.js";

const check = (params: Record<string, unknown>): ParamIssue[] => snsPublishAction.check?.(params) ?? [];

describe("sns-publish check", () => {
  it.each([
    ["seed 002", seedParams],
    ["a templated topic", { topicArn: "{{ event.detail.topic }}", messageDeduplicationId: "{{ event.id }}" }],
    ["a 100-character subject", { topicArn: TOPIC_ARN, subject: "s".repeat(100) }],
    [
      "a templated subject with short fixed text",
      { topicArn: TOPIC_ARN, subject: `${"s".repeat(90)}{{ event.id }}` },
    ],
    ["a FIFO topic with its group", { topicArn: FIFO_ARN, messageGroupId: "{{ event.detail.clusterArn }}" }],
    ["a standard topic with a group (fair queues)", { topicArn: TOPIC_ARN, messageGroupId: "tenant-1" }],
  ])("passes %s", (_name, params) => {
    expect(check(params)).toEqual([]);
  });

  it.each([
    [
      "a topic ARN of another service",
      { topicArn: "arn:aws:sqs:us-east-1:123456789012:q" },
      "INVALID_ARN",
      ["topicArn"],
      'names service "sqs"',
    ],
    [
      "a topic name instead of an ARN",
      { topicArn: "ECSTaskErrorNotification" },
      "INVALID_ARN",
      ["topicArn"],
      "not an ARN",
    ],
    [
      "an invalid topic name",
      { topicArn: "arn:aws:sns:us-east-1:123456789012:bad.name" },
      "INVALID_ARN",
      ["topicArn"],
      "topic name",
    ],
    [
      "a 101-character subject",
      { topicArn: TOPIC_ARN, subject: "s".repeat(101) },
      "INVALID_PARAM",
      ["subject"],
      "at most 100",
    ],
    [
      "a two-line subject",
      { topicArn: TOPIC_ARN, subject: "ECS\nfailure" },
      "INVALID_PARAM",
      ["subject"],
      "one line",
    ],
    [
      "a templated subject with a literal line break (YAML block scalar)",
      { topicArn: TOPIC_ARN, subject: "ECS task failure: {{ event.detail.containers[0].name }}\n" },
      "INVALID_PARAM",
      ["subject"],
      "one line",
    ],
    [
      "a templated subject whose fixed text is already too long",
      { topicArn: TOPIC_ARN, subject: `${"s".repeat(101)}{{ event.id }}` },
      "INVALID_PARAM",
      ["subject"],
      "101 characters of fixed text",
    ],
    [
      "a templated subject starting with a space",
      { topicArn: TOPIC_ARN, subject: " {{ event.id }}" },
      "INVALID_PARAM",
      ["subject"],
      "whitespace",
    ],
    [
      "a reserved attribute name",
      { topicArn: TOPIC_ARN, attributes: { "AWS.trace": "x" } },
      "INVALID_PARAM",
      ["attributes", "AWS.trace"],
      "reserved",
    ],
    [
      "a FIFO topic without a group",
      { topicArn: FIFO_ARN },
      "INVALID_PARAM",
      [],
      "messageGroupId is required",
    ],
    [
      "a dedup id on a standard topic",
      { topicArn: TOPIC_ARN, messageDeduplicationId: "{{ event.id }}" },
      "INVALID_PARAM",
      ["messageDeduplicationId"],
      "only to FIFO topics",
    ],
    [
      "a group id with spaces",
      { topicArn: FIFO_ARN, messageGroupId: "my group" },
      "INVALID_PARAM",
      ["messageGroupId"],
      "no spaces",
    ],
  ])("flags %s", (_name, params, code, path, message) => {
    expect(check(params)).toEqual([{ code, path, message: expect.stringContaining(message) }]);
  });

  it("reads schema-invalid params without throwing", () => {
    expect(check({ topicArn: 5, subject: ["x"], attributes: "a" })).toEqual([]);
  });
});
