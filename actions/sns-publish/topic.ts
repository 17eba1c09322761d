import { checkArn } from "../../engine/arn.js";
import { isFifoTopic, topicNameProblem } from "./limits.js";

/** What a Publish needs to know of its topic ARN, worked out once for an ARN that does not change. */
export interface TopicFacts {
  arn: string;
  /** The topic name: everything after the ARN's fifth colon (empty when it has fewer). */
  name: string;
  /** Why SNS would refuse the ARN, or null. */
  problem: string | null;
  fifo: boolean;
  /** The plan's summary for a Publish without subject. */
  summary: string;
}

export function topicFacts(arn: string): TopicFacts {
  const name = afterFifthColon(arn);
  return {
    arn,
    name,
    problem: checkArn(arn, { service: "sns" }) ?? topicNameProblem(name),
    fifo: isFifoTopic(arn),
    summary: `publish to SNS topic ${name}`,
  };
}

/** `s.split(":").slice(5).join(":")` without the arrays. */
export function afterFifthColon(s: string): string {
  let at = -1;
  for (let i = 0; i < 5; i++) {
    at = s.indexOf(":", at + 1);
    if (at === -1) return "";
  }
  return s.slice(at + 1);
}
