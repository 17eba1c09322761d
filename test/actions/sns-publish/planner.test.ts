import { describe, expect, it } from "vitest";
import { snsPublishAction } from "../../../actions/sns-publish/index.js";
import { afterFifthColon } from "../../../actions/sns-publish/topic.js";
import type { ActionPlan } from "../../../engine/action/types.js";
import { ecsContext } from "../fixtures.js";
import { FIFO_ARN, TOPIC_ARN } from "./seed.js";

const context = ecsContext();
const planner = snsPublishAction.planner;
if (!planner) throw new Error("sns-publish has a planner");

/** What `plan` does with these params: its plan, or its error's message. */
function outcome(run: () => ActionPlan): ActionPlan | string {
  try {
    return run();
  } catch (err) {
    return `error: ${(err as Error).message}`;
  }
}

const base = { topicArn: TOPIC_ARN, message: "m" };
const params: [string, Record<string, unknown>][] = [
  ["a standard topic", base],
  ["with a subject and attributes", { ...base, subject: "s", attributes: { a: "b" } }],
  ["a FIFO topic", { topicArn: FIFO_ARN, message: "m", messageGroupId: "g", messageDeduplicationId: "d" }],
  ["a FIFO topic without a dedup id", { topicArn: FIFO_ARN, message: "m", messageGroupId: "g" }],
  ["a FIFO topic without a group", { topicArn: FIFO_ARN, message: "m" }],
  ["a dedup id on a standard topic", { ...base, messageDeduplicationId: "d" }],
  ["an ARN of another service", { ...base, topicArn: "arn:aws:sqs:us-east-1:123456789012:q" }],
  ["a bad topic name", { ...base, topicArn: "arn:aws:sns:us-east-1:123456789012:a b" }],
  ["a name with colons", { ...base, topicArn: "arn:aws:sns:us-east-1:123456789012:a:b" }],
  ["not an ARN", { ...base, topicArn: "ECSTaskErrorNotification" }],
  ["no topicArn", { message: "m" }],
  ["a topicArn that is not a string", { ...base, topicArn: 7 }],
  ["an empty message", { ...base, message: "" }],
  ["a message of exactly 256 KiB", { ...base, message: "x".repeat(262_144) }],
  ["a message over 256 KiB", { ...base, message: "x".repeat(262_145) }],
  ["multi-byte text near the limit", { ...base, message: "é".repeat(131_072) }],
  ["multi-byte text over the limit", { ...base, message: "é".repeat(131_073) }],
  ["astral text over the limit", { ...base, message: "😀".repeat(65_537) }],
  ["attributes over the limit", { ...base, message: "x".repeat(262_140), attributes: { a: "b" } }],
];

describe("sns-publish planner", () => {
  // Fixed params as the engine gives them: the rule's topicArn (without template), or none.
  const fixedSets: [string, Record<string, unknown>][] = [
    ["nothing fixed", {}],
    ["the standard topic fixed", { topicArn: TOPIC_ARN }],
    ["the FIFO topic fixed", { topicArn: FIFO_ARN }],
    ["a bad ARN fixed", { topicArn: "arn:aws:sns:us-east-1:123456789012:a b" }],
  ];
  for (const [fixedName, fixed] of fixedSets) {
    const plan = planner(fixed);
    it.each(params)(`plans as plan does (${fixedName}): %s`, (_name, p) => {
      expect(outcome(() => plan({ params: p, context }))).toEqual(
        outcome(() => snsPublishAction.plan({ params: p, context })),
      );
    });
  }
});

describe("afterFifthColon", () => {
  it.each(["", "arn", "a:b:c:d:e", "a:b:c:d:e:", "a:b:c:d:e:f", "a:b:c:d:e:f:g", TOPIC_ARN, "::::::"])(
    "is split, slice(5), join: %j",
    (s) => {
      expect(afterFifthColon(s)).toBe(s.split(":").slice(5).join(":"));
    },
  );
});
