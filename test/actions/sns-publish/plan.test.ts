import { describe, expect, it } from "vitest";
import { snsPublishAction } from "../../../actions/sns-publish/index.js";
import { ecsContext } from "../fixtures.js";
import { FIFO_ARN, TOPIC_ARN } from "./seed.js";

const context = ecsContext();
const detail = (context.event as { detail: unknown }).detail;
/** Seed 002 (1/2) rendered against the ECS sample. */
const rendered = { topicArn: TOPIC_ARN, subject: "ECS task failure: web", message: JSON.stringify(detail) };
const plan = (params: Record<string, unknown>) => snsPublishAction.plan({ params, context });

describe("sns-publish plan", () => {
  it("seed 002: the exact Publish request", () => {
    expect(plan(rendered)).toEqual({
      type: "sns-publish",
      summary: 'publish "ECS task failure: web" to SNS topic ECSTaskErrorNotification',
      steps: [
        {
          call: "sns:Publish",
          input: { TopicArn: TOPIC_ARN, Subject: "ECS task failure: web", Message: JSON.stringify(detail) },
        },
      ],
    });
  });

  it("without a subject: the topic alone, and the request as built", () => {
    expect(plan({ topicArn: FIFO_ARN, message: "m", messageGroupId: "g" })).toEqual({
      type: "sns-publish",
      summary: "publish to SNS topic ecs-events.fifo",
      steps: [
        {
          call: "sns:Publish",
          input: { TopicArn: FIFO_ARN, Message: "m", MessageGroupId: "g" },
          note: expect.stringContaining("no messageDeduplicationId"),
        },
      ],
    });
  });

  it("attributes become String message attributes", () => {
    const result = plan({ ...rendered, attributes: { cluster: "eventStreamTestCluster" } });
    expect(result.steps[0]?.input.MessageAttributes).toEqual({
      cluster: { DataType: "String", StringValue: "eventStreamTestCluster" },
    });
  });

  it("a FIFO topic carries group and dedup ids", () => {
    const result = plan({
      topicArn: FIFO_ARN,
      message: "m",
      messageGroupId: "g",
      messageDeduplicationId: "d",
    });
    expect(result.steps[0]).toEqual({
      call: "sns:Publish",
      input: { TopicArn: FIFO_ARN, Message: "m", MessageGroupId: "g", MessageDeduplicationId: "d" },
    });
  });

  it("a FIFO topic without a dedup id says what SNS will do", () => {
    const result = plan({ topicArn: FIFO_ARN, message: "m", messageGroupId: "g" });
    expect(result.steps[0]?.note).toContain("content-based deduplication");
  });

  it.each([
    [
      "subject rendered too long",
      { ...rendered, subject: `ECS task failure: ${"x".repeat(90)}` },
      /^subject: rendered to ".*", which is 108 characters; SNS allows at most 100$/,
    ],
    [
      "subject rendered with a line break",
      { ...rendered, subject: "ECS task failure: web\nmore" },
      /^subject: .* must be one line/,
    ],
    [
      "topic rendered to a name",
      { ...rendered, topicArn: "ECSTaskErrorNotification" },
      /^topicArn: "ECSTaskErrorNotification": not an ARN/,
    ],
    ["FIFO without a group", { topicArn: FIFO_ARN, message: "m" }, /^messageGroupId: required/],
    [
      "dedup id on a standard topic",
      { ...rendered, messageDeduplicationId: "d" },
      /^messageDeduplicationId: applies only to FIFO/,
    ],
    ["an empty message", { ...rendered, message: "" }, /^message: rendered to an empty string/],
    [
      "an empty attribute",
      { ...rendered, attributes: { cluster: "" } },
      /^attributes\.cluster: rendered to an empty string/,
    ],
    [
      "a message over 256 KiB",
      { ...rendered, message: "x".repeat(262_145) },
      /^message: 262145 bytes with its attributes, over SNS's limit of 262144$/,
    ],
    [
      "attributes pushing the message over 256 KiB",
      { ...rendered, message: "x".repeat(262_140), attributes: { a: "b" } },
      /^message: 262148 bytes/,
    ],
  ])("fails naming the param: %s", (_name, params, error) => {
    expect(() => plan(params)).toThrow(error);
  });

  it("a message of exactly 256 KiB is sent", () => {
    expect(() => plan({ ...rendered, message: "x".repeat(262_144) })).not.toThrow();
  });
});
