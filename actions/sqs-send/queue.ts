import { checkArn, parseArn } from "../../engine/arn.js";
import { isTemplateString, wildcardPattern } from "../template-string.js";

/** A queue named by URL or ARN: what SendMessage needs (the URL) and what IAM needs (the ARN). */
export interface QueueRef {
  url: string;
  arn: string;
  region: string;
  name: string;
}

const QUEUE_URL =
  /^https:\/\/sqs\.([a-z0-9-]+)\.amazonaws\.com(?:\.cn)?\/(\d{12})\/([A-Za-z0-9_-]{1,80}(?:\.fifo)?)$/;
const QUEUE_NAME = /^[A-Za-z0-9_-]{1,80}(\.fifo)?$/;

/** Why this queue reference is wrong, or null. Templates are not judged. */
export function queueProblem(queue: string): string | null {
  if (isTemplateString(queue)) return null;
  if (queue.startsWith("arn:")) {
    const reason = checkArn(queue, { service: "sqs" });
    if (reason) return reason;
    const name = queue.split(":").slice(5).join(":");
    return QUEUE_NAME.test(name)
      ? null
      : `queue name "${name}" must be 1-80 letters, digits, _ or - (plus .fifo)`;
  }
  return QUEUE_URL.test(queue)
    ? null
    : "expected a queue URL (https://sqs.<region>.amazonaws.com/<account>/<name>) or ARN (arn:aws:sqs:<region>:<account>:<name>)";
}

/** The queue's URL, ARN, region and name; throws naming the param when it is neither URL nor ARN. */
export function queueRef(queue: string): QueueRef {
  const problem = queueProblem(queue);
  if (problem) throw new Error(`queue: "${queue}": ${problem}`);
  const arn = parseArn(queue);
  if (arn) {
    const domain = arn.partition === "aws-cn" ? "amazonaws.com.cn" : "amazonaws.com";
    return {
      url: `https://sqs.${arn.region}.${domain}/${arn.account}/${arn.resource}`,
      arn: queue,
      region: arn.region,
      name: arn.resource,
    };
  }
  const [, region = "", account = "", name = ""] = QUEUE_URL.exec(queue) ?? [];
  const partition = queue.includes(".amazonaws.com.cn/")
    ? "aws-cn"
    : region.startsWith("us-gov-")
      ? "aws-us-gov"
      : "aws";
  return { url: queue, arn: `arn:${partition}:sqs:${region}:${account}:${name}`, region, name };
}

/** The queue's ARN for IAM, templated parts as `*`. */
export function queueArnPattern(queue: string): string {
  if (!isTemplateString(queue)) return queueRef(queue).arn;
  const pattern = wildcardPattern(queue);
  if (pattern.startsWith("arn:")) return pattern;
  const m = /^https:\/\/sqs\.([^/]+?)\.amazonaws\.com(?:\.cn)?\/([^/]+)\/([^/]+)$/.exec(pattern);
  return m ? `arn:aws:sqs:${m[1]}:${m[2]}:${m[3]}` : "*";
}

export function isFifoQueue(queue: string): boolean {
  return queue.endsWith(".fifo");
}
