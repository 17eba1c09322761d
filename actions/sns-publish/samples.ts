import type { ActionSample } from "../../engine/action/types.js";
import { ecsStopped } from "../shared/sample-triggers.js";

/** Examples for the reference docs: each shows how the IAM sns-publish asks for follows its params. */
// Docs only: the engine bundle defines the flag, so esbuild drops the samples from the deployed code.
export const snsPublishSamples: readonly ActionSample[] = process.env.RULEBRIDGE_ENGINE_BUNDLE
  ? []
  : [
      {
        title: "A literal topic",
        on: ecsStopped,
        params: {
          topicArn: "arn:aws:sns:us-east-1:123456789012:ECSTaskErrorNotification",
          subject: "ECS task failure: {{ event.detail.containers[0].name }}",
          message: "{{ event.detail | json }}",
        },
      },
      {
        title: "A topic per region (templated ARN), FIFO",
        on: ecsStopped,
        params: {
          topicArn: "arn:aws:sns:{{ event.region }}:123456789012:ecs-events.fifo",
          messageGroupId: "{{ event.detail.clusterArn }}",
          messageDeduplicationId: "{{ event.id }}",
          attributes: { cluster: "{{ event.detail.clusterArn }}" },
        },
      },
    ];
