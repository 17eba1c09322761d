import type { ActionDefinition, JsonSchema } from "../../actions/types.js";
import { isSchema } from "./schema-constraints.js";

/** A trigger for an example rule: the `on` of a rule file. */
export type SampleTrigger = { pattern: Record<string, unknown> } | { alarm: Record<string, unknown> };

/** Representative params for one action: docs render its IAM and an example rule from them. */
export interface ActionSample {
  title: string;
  params: Record<string, unknown>;
  on: SampleTrigger;
  /** The sample was made up from the params schema's examples, not written for the docs. */
  synthesized?: boolean;
}

const asgLaunch: SampleTrigger = {
  pattern: { source: ["aws.autoscaling"], "detail-type": ["EC2 Instance Launch Successful"] },
};
const ecsStopped: SampleTrigger = {
  pattern: {
    source: ["aws.ecs"],
    "detail-type": ["ECS Task State Change"],
    detail: { lastStatus: ["STOPPED"] },
  },
};
const ecsAny: SampleTrigger = { pattern: { source: ["aws.ecs"] } };
const albAlarm: SampleTrigger = {
  alarm: {
    namespace: "AWS/ApplicationELB",
    metric: "HealthyHostCount",
    dimensions: { LoadBalancer: "app/web/50dc6c495c0c9188" },
    statistic: "Minimum",
    threshold: "<= 0",
  },
};
const domainEndpoint = "https://search-ecs-events-abcdefghijklmnopqrstuvwxyz.us-east-1.es.amazonaws.com";
const dailyIndex = 'ecs-events-{{ event.time | date: "%Y.%m.%d" }}';

/**
 * Samples for the built-in actions, chosen to show how each one's IAM scoping follows its params
 * (a named key vs none, literal vs templated ARNs, domain vs collection endpoints).
 */
export const BUILTIN_ACTION_SAMPLES: Readonly<Record<string, readonly ActionSample[]>> = {
  "tag-from-template": [
    {
      title: "Name an instance from its tags and private IP",
      on: asgLaunch,
      params: {
        tags: {
          Name: '{{ instance.tags.App }}-{{ instance.tags.Env }}-{{ instance.privateIp | split: "." | slice: 2, 2 | join: "-" }}',
        },
      },
    },
    {
      title: "Only add missing tags, in one region",
      on: asgLaunch,
      params: {
        tags: { Owner: "{{ instance.tags.Team | default: 'platform' }}" },
        overwrite: false,
        region: "eu-west-1",
      },
    },
  ],
  "slack-post": [
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
  ],
  "sns-publish": [
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
  ],
  webhook: [
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
  ],
  "eventbridge-put": [
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
  ],
  "sqs-send": [
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
  ],
  "lambda-invoke": [
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
  ],
  "index-document": [
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
  ],
};

/**
 * The samples to document for an action: the built-ins' own, else one made up from its params
 * schema (each property's first example, else its default), so a user's action registered the
 * same way still gets an IAM section and an example.
 */
export function actionSamples(action: ActionDefinition): readonly ActionSample[] {
  const own = BUILTIN_ACTION_SAMPLES[action.type];
  if (own) return own;
  const params: Record<string, unknown> = {};
  const properties = isSchema(action.paramsSchema.properties) ? action.paramsSchema.properties : {};
  for (const [key, property] of Object.entries(properties)) {
    const value = sampleValue(property);
    if (value !== undefined) params[key] = value;
  }
  return [
    {
      title: "From the params schema's examples",
      on: { pattern: { source: ["aws.ec2"] } },
      params,
      synthesized: true,
    },
  ];
}

function sampleValue(schema: unknown): unknown {
  if (!isSchema(schema)) return undefined;
  if (Array.isArray(schema.examples) && schema.examples.length > 0) return schema.examples[0];
  return (schema as JsonSchema).default;
}
