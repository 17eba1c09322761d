import type { JsonSchema } from "../../engine/action/types.js";

export const EVENTBRIDGE_PUT = "eventbridge-put";

export const eventbridgePutSchema: JsonSchema = {
  type: "object",
  description:
    "Put an event on an EventBridge bus (this account or another, this region or another): by default the matched event forwarded unchanged.",
  properties: {
    bus: {
      type: "string",
      minLength: 1,
      default: "default",
      description:
        "The bus: a name in this account and region, or an ARN (`arn:aws:events:<region>:<account>:event-bus/<name>`) for another account or region, whose bus policy must allow this role.",
      examples: ["arn:aws:events:eu-west-1:210987654321:event-bus/central-ops"],
    },
    source: {
      type: "string",
      minLength: 1,
      maxLength: 256,
      description:
        "The event's source (template). Default: the matched event's. EventBridge refuses `aws.` sources from PutEvents, so forwarding an AWS service's event needs a source of your own.",
      examples: ["acme.rulebridge"],
    },
    detailType: {
      type: "string",
      minLength: 1,
      maxLength: 128,
      description: "The event's detail-type (template). Default: the matched event's.",
      examples: ["ECS task stopped"],
    },
    detail: {
      description:
        "The event's detail: a mapping (every string a template) or a string template rendering a JSON object. Default: the matched event's detail.",
      oneOf: [{ type: "object" }, { type: "string", minLength: 1 }],
      examples: [{ task: "{{ event.detail.taskArn }}", reason: "{{ event.detail.stoppedReason }}" }],
    },
    resources: {
      type: "array",
      description: "ARNs the event is about (templates). Default: the matched event's.",
      items: { type: "string", minLength: 1 },
    },
  },
  additionalProperties: false,
};

/** Forward unchanged unless the rule says otherwise. */
export const eventbridgePutDefaults: Readonly<Record<string, unknown>> = {
  bus: "default",
  source: "{{ event.source }}",
  detailType: "{{ event.detail-type }}",
  detail: "{{ event.detail | json }}",
};
