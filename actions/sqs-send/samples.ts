import type { ActionSample } from "../../engine/action/types.js";
import { ecsAny, ecsStopped } from "../shared/sample-triggers.js";

/** Examples for the reference docs: each shows how the IAM sqs-send asks for follows its params. */
// Docs only: the engine bundle defines the flag, so esbuild drops the samples from the deployed code.
export const sqsSendSamples: readonly ActionSample[] = process.env.RULEBRIDGE_ENGINE_BUNDLE
  ? []
  : [
      {
        title: "A standard queue, with an attribute",
        on: ecsStopped,
        params: {
          queue: "https://sqs.us-east-1.amazonaws.com/123456789012/ecs-stopped",
          attributes: { cluster: "{{ event.detail.clusterArn }}" },
        },
      },
      {
        title: "A FIFO queue by ARN, ordered per cluster (replays deduplicated by event id)",
        on: ecsAny,
        params: {
          queue: "arn:aws:sqs:us-east-1:123456789012:ecs-events.fifo",
          body: { task: "{{ event.detail.taskArn }}", status: "{{ event.detail.lastStatus }}" },
          messageGroupId: "{{ event.detail.clusterArn }}",
        },
      },
    ];
