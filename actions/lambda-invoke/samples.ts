import type { ActionSample } from "../../engine/action/types.js";
import { asgLaunch, ecsStopped } from "../shared/sample-triggers.js";

/** Examples for the reference docs: each shows how the IAM lambda-invoke asks for follows its params. */
// Docs only: the engine bundle defines the flag, so esbuild drops the samples from the deployed code.
export const lambdaInvokeSamples: readonly ActionSample[] = process.env.RULEBRIDGE_ENGINE_BUNDLE
  ? []
  : [
      {
        title: "Asynchronously, an alias of a function",
        on: ecsStopped,
        params: { function: "arn:aws:lambda:us-east-1:123456789012:function:remediate-ecs:live" },
      },
      {
        title: "Wait for the answer (its error fails the action)",
        on: asgLaunch,
        params: {
          function: "register-instance",
          invocationType: "RequestResponse",
          payload: { instance: "{{ event.detail.EC2InstanceId }}" },
        },
      },
    ];
