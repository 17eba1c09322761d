import type { ActionSample } from "../../engine/action/types.js";
import { albAlarm, ecsStopped } from "../shared/sample-triggers.js";

/** Examples for the reference docs: each shows how the IAM slack-post asks for follows its params. */
// Docs only: the engine bundle defines the flag, so esbuild drops the samples from the deployed code.
export const slackPostSamples: readonly ActionSample[] = process.env.RULEBRIDGE_ENGINE_BUNDLE
  ? []
  : [
      {
        title: "KMS-encrypted webhook, key named",
        on: albAlarm,
        params: {
          webhook: {
            kmsCiphertext: "AQICAHhuNAuc/7N6mJylROa7eAoseJAdP7M3OHaFEaMGF6+gHUv1Ei80RVTFO94uu4zSt+PRYArWMcOF",
            encryptionContext: { LambdaFunctionName: "rulebridge-engine" },
            keyArn: "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab",
          },
          channel: "#ops-alerts",
        },
      },
      {
        title: "Webhook in SSM Parameter Store",
        on: ecsStopped,
        params: {
          webhook: { ssmParameter: "/slack/ops-webhook" },
          text: "Task stopped: {{ event.detail.stoppedReason }}",
        },
      },
      {
        title: "Webhook from an environment variable (local runs)",
        on: ecsStopped,
        params: { webhook: { env: "SLACK_WEBHOOK_URL" }, text: "Task stopped: {{ event.detail.taskArn }}" },
      },
    ];
