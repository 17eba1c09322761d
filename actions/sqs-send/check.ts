import type { ParamIssue } from "../../engine/action/types.js";
import { plaintextSecretIssues } from "../shared/plaintext-secret.js";
import { isTemplateString } from "../template-string.js";
import { isFifoQueue, queueProblem } from "./queue.js";

/** Queue URL/ARN shape, FIFO-only and standard-only params, plaintext secrets. */
export function checkSqsSend(params: Record<string, unknown>): ParamIssue[] {
  const issues = plaintextSecretIssues(params);
  const { queue } = params;
  if (typeof queue !== "string") return issues;
  const problem = queueProblem(queue);
  if (problem)
    issues.push({
      code: queue.startsWith("arn:") ? "INVALID_ARN" : "INVALID_PARAM",
      path: ["queue"],
      message: `SQS queue: ${problem}`,
    });
  if (isTemplateString(queue)) return issues;
  if (isFifoQueue(queue) && params.delaySeconds !== undefined) {
    issues.push({
      code: "INVALID_PARAM",
      path: ["delaySeconds"],
      message: "FIFO queues take no per-message delay; set the queue's DeliveryDelay instead",
    });
  }
  if (!isFifoQueue(queue) && params.messageDeduplicationId !== undefined) {
    issues.push({
      code: "INVALID_PARAM",
      path: ["messageDeduplicationId"],
      message: "messageDeduplicationId applies only to FIFO queues (.fifo); SQS refuses it here",
    });
  }
  return issues;
}
