import type { ActionSample } from "../../engine/action/types.js";
import { dailyIndex, domainEndpoint, ecsAny } from "../shared/sample-triggers.js";

/** Examples for the reference docs: each shows how the IAM index-document asks for follows its params. */
// Docs only: the engine bundle defines the flag, so esbuild drops the samples from the deployed code.
export const indexDocumentSamples: readonly ActionSample[] = process.env.RULEBRIDGE_ENGINE_BUNDLE
  ? []
  : [
      {
        title: "Amazon OpenSearch Service domain (SigV4)",
        on: ecsAny,
        params: { endpoint: domainEndpoint, index: dailyIndex },
      },
      {
        title: "OpenSearch Serverless collection (SigV4, aoss)",
        on: ecsAny,
        params: {
          endpoint: "https://abcdefghij0123456789.us-east-1.aoss.amazonaws.com",
          index: "ecs-events",
          document: { task: "{{ event.detail.taskArn }}", status: "{{ event.detail.lastStatus }}" },
        },
      },
      {
        title: "Self-managed cluster, basic auth with the password in SSM",
        on: ecsAny,
        params: {
          endpoint: "https://search.example.com:9200",
          index: "ecs-events",
          auth: {
            type: "basic",
            username: "rulebridge",
            passwordSsmParameter: "/opensearch/rulebridge-password",
          },
        },
      },
    ];
