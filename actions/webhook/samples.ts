import type { ActionSample } from "../../engine/action/types.js";
import { albAlarm, ecsStopped } from "../shared/sample-triggers.js";

/** Examples for the reference docs: each shows how the IAM webhook asks for follows its params. */
// Docs only: the engine bundle defines the flag, so esbuild drops the samples from the deployed code.
export const webhookSamples: readonly ActionSample[] = process.env.RULEBRIDGE_ENGINE_BUNDLE
  ? []
  : [
      {
        title: "PagerDuty Events API v2 (routing key from SSM, deduplicated by event id)",
        on: ecsStopped,
        params: {
          url: "https://events.pagerduty.com/v2/enqueue",
          bodySecrets: { routing_key: { ssmParameter: "/pagerduty/routing-key" } },
          body: {
            event_action: "trigger",
            dedup_key: "{{ event.id }}",
            payload: {
              summary: "ECS task stopped: {{ event.detail.stoppedReason }}",
              source: "{{ event.detail.clusterArn }}",
              severity: "error",
              custom_details: { task: "{{ event.detail.taskArn }}" },
            },
          },
          successStatuses: [202],
        },
      },
      {
        title: "Opsgenie Alert API (API key from Secrets Manager)",
        on: albAlarm,
        params: {
          url: "https://api.opsgenie.com/v2/alerts",
          headers: { Authorization: { secretsManager: "opsgenie/api", jsonKey: "key", prefix: "GenieKey " } },
          body: {
            message: "{{ alarm.name }} is {{ alarm.state }}",
            alias: "{{ alarm.name }}",
            description: "{{ alarm.reason }}",
            priority: "P2",
          },
          successStatuses: [202],
        },
      },
      {
        title: "Microsoft Teams workflow webhook (URL KMS-encrypted)",
        on: ecsStopped,
        params: {
          url: {
            kmsCiphertext: "AQICAHhuNAuc/7N6mJylROa7eAoseJAdP7M3OHaFEaMGF6+gHUv1Ei80RVTFO94uu4zSt+PRYArWMcOF",
            encryptionContext: { LambdaFunctionName: "rulebridge-engine" },
            keyArn: "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab",
          },
          body: {
            type: "message",
            attachments: [
              {
                contentType: "application/vnd.microsoft.card.adaptive",
                content: {
                  type: "AdaptiveCard",
                  version: "1.4",
                  body: [
                    { type: "TextBlock", weight: "Bolder", text: "ECS task stopped" },
                    { type: "TextBlock", wrap: true, text: "{{ event.detail.stoppedReason }}" },
                  ],
                },
              },
            ],
          },
        },
      },
      {
        title: "Discord webhook (URL in SSM)",
        on: ecsStopped,
        params: {
          url: { ssmParameter: "/webhooks/discord-ops" },
          body: { content: "ECS task stopped: {{ event.detail.stoppedReason }}" },
        },
      },
    ];
