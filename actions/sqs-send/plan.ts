import type { ActionPlan, PlanInput } from "../../engine/action/types.js";
import { payloadView } from "../shared/json-payload.js";
import { SQS_SEND } from "./params.js";
import { sendMessageInput } from "./request.js";

/** Dry run: the exact SendMessage request, with FIFO ids filled in as run fills them. */
export function planSqsSend({ params, context }: PlanInput): ActionPlan {
  const input = sendMessageInput(params, context);
  const name = input.QueueUrl.split("/").pop();
  return {
    type: SQS_SEND,
    summary: `send a message to SQS queue ${name}`,
    steps: [{ call: "sqs:SendMessage", input: { ...input, MessageBody: payloadView(input.MessageBody) } }],
  };
}
