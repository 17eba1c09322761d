import type { IamStatement } from "../../engine/action/types.js";
import { queueArnPattern } from "./queue.js";

/** `sqs:SendMessage` on the queue; a templated queue gets `*` where it is templated. */
export function sqsSendIam(params: Record<string, unknown>): IamStatement[] {
  const queue = typeof params.queue === "string" ? params.queue : "";
  const arn = queueArnPattern(queue);
  if (arn === "*") {
    return [
      {
        actions: ["sqs:SendMessage"],
        resources: ["*"],
        why: "queue is a template with no fixed URL or ARN shape; write its fixed parts literally to narrow this.",
      },
    ];
  }
  return [{ actions: ["sqs:SendMessage"], resources: [arn] }];
}
