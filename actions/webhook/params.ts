import type { JsonSchema } from "../../engine/action/types.js";
import { secretSourceSchema } from "../shared/secret-source.js";

export const WEBHOOK = "webhook";

/** The whole event as JSON: what a receiver gets when the rule says nothing more specific. */
export const DEFAULT_BODY = "{{ event | json }}";
export const DEFAULT_TIMEOUT_SECONDS = 10;

const source = (what: string, env: string, ssm: string): JsonSchema[] => secretSourceSchema(what, env, ssm);

export const webhookSchema: JsonSchema = {
  type: "object",
  description:
    "Send the event (or a body rendered from it) to an HTTP endpoint: PagerDuty, Opsgenie, Microsoft Teams, Discord, or your own. Secret parts (the URL, a token header, a routing key in the body) come from KMS, SSM, Secrets Manager or env, never from the rule file.",
  properties: {
    url: {
      description:
        "The endpoint: an https URL (template), or, when the URL itself is the credential (Teams, Discord, Slack-style webhooks), where to fetch it: exactly one of `kmsCiphertext` (+ `encryptionContext`, `keyArn`), `ssmParameter`, `secretsManager` (+ `jsonKey`) or `env`. Plain http only for loopback hosts.",
      oneOf: [
        {
          type: "string",
          minLength: 1,
          examples: ["https://events.pagerduty.com/v2/enqueue"],
        },
        ...source("the webhook URL", "WEBHOOK_URL", "/webhooks/teams-ops"),
      ],
    },
    method: {
      enum: ["POST", "PUT"],
      default: "POST",
      description: "HTTP method.",
    },
    format: {
      enum: ["json", "text"],
      default: "json",
      description:
        "`json`: the body is sent as application/json (an object here, or a template rendering to JSON text); `text`: as text/plain.",
    },
    body: {
      description:
        "The request body: an object (every string in it a template) sent as JSON, or a string template. Default: the whole event as JSON (`{{ event | json }}`).",
      oneOf: [{ type: "object" }, { type: "string", minLength: 1 }],
      examples: [{ text: "{{ event.detail-type }} in {{ event.region }}" }],
    },
    bodySecrets: {
      type: "object",
      description:
        "JSON bodies only: fields of the body (dot paths, e.g. `routing_key`) set at run time from a secret source, for keys an API expects in the body (PagerDuty's routing key). Plans show where they come from, never the value.",
      propertyNames: { type: "string", minLength: 1, pattern: "^[^.]+(\\.[^.]+)*$" },
      additionalProperties: {
        oneOf: source("the body field", "PAGERDUTY_ROUTING_KEY", "/pagerduty/routing-key"),
      },
    },
    headers: {
      type: "object",
      description:
        "Request headers: a value is a template string, or a secret source (with an optional `prefix` such as `Bearer ` or `GenieKey `) for credentials. A literal credential here is an error.",
      propertyNames: { type: "string", minLength: 1, pattern: "^[!#$%&'*+.^_`|~0-9A-Za-z-]+$" },
      additionalProperties: {
        oneOf: [
          { type: "string" },
          ...source("the header value", "WEBHOOK_TOKEN", "/webhooks/token").map((s) => ({
            ...s,
            properties: {
              ...(s.properties as Record<string, unknown>),
              prefix: { type: "string", description: "Text before the secret, e.g. `Bearer `." },
            },
          })),
        ],
      },
      examples: [{ Authorization: { ssmParameter: "/opsgenie/api-key", prefix: "GenieKey " } }],
    },
    successStatuses: {
      type: "array",
      description:
        "HTTP statuses that mean success. Default: any 2xx. 429 (with Retry-After), 408 and 5xx are retried, network errors and timeouts too; any other status fails at once.",
      items: { type: "integer", minimum: 100, maximum: 599 },
      minItems: 1,
      uniqueItems: true,
      examples: [[202]],
    },
    timeoutSeconds: {
      type: "number",
      exclusiveMinimum: 0,
      maximum: 300,
      default: DEFAULT_TIMEOUT_SECONDS,
      description:
        "How long one request may take, connection to last byte, before it counts as failed (and is retried). The run's own deadline still applies.",
    },
  },
  required: ["url"],
  additionalProperties: false,
};

export const webhookDefaults: Readonly<Record<string, unknown>> = { body: DEFAULT_BODY };
