import type { JsonSchema } from "../../engine/action/types.js";

export const LAMBDA_INVOKE = "lambda-invoke";

export const lambdaInvokeSchema: JsonSchema = {
  type: "object",
  description:
    "Invoke a Lambda function with the event (or a payload rendered from it), asynchronously by default.",
  properties: {
    function: {
      type: "string",
      minLength: 1,
      description:
        "The function: name (`my-function`), name with alias or version (`my-function:live`), or ARN (another account's, if its resource policy allows this role; another region's by ARN).",
      examples: ["arn:aws:lambda:us-east-1:123456789012:function:remediate-ecs:live"],
    },
    payload: {
      description:
        "The payload: a mapping (every string a template) sent as JSON, or a string template rendering JSON. Default: the whole event.",
      oneOf: [{ type: "object" }, { type: "string", minLength: 1 }],
      examples: [{ task: "{{ event.detail.taskArn }}" }],
    },
    invocationType: {
      enum: ["Event", "RequestResponse"],
      default: "Event",
      description:
        "`Event` (default): queued, answered at once (Lambda retries and dead-letters on its side). `RequestResponse`: waits for the function; its error becomes this action's failure.",
    },
  },
  required: ["function"],
  additionalProperties: false,
};

export const lambdaInvokeDefaults: Readonly<Record<string, unknown>> = {
  payload: "{{ event | json }}",
  invocationType: "Event",
};
