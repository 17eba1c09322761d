import type { ActionSample } from "../../engine/action/types.js";
import { ecsStopped } from "../shared/sample-triggers.js";

/** Examples for the reference docs: each shows how the IAM eventbridge-put asks for follows its params. */
// Docs only: the engine bundle defines the flag, so esbuild drops the samples from the deployed code.
export const eventbridgePutSamples: readonly ActionSample[] = process.env.RULEBRIDGE_ENGINE_BUNDLE
  ? []
  : [
      {
        title: "Forward to a central bus in another account and region",
        on: ecsStopped,
        params: {
          bus: "arn:aws:events:eu-west-1:210987654321:event-bus/central-ops",
          source: "acme.rulebridge",
        },
      },
      {
        title: "A new event of your own on the default bus",
        on: ecsStopped,
        params: {
          source: "acme.ops",
          detailType: "Essential container exited",
          detail: { task: "{{ event.detail.taskArn }}", reason: "{{ event.detail.stoppedReason }}" },
        },
      },
    ];
