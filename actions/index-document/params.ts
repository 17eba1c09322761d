import type { JsonSchema } from "../../engine/action/types.js";

export const INDEX_DOCUMENT = "index-document";

/** Event ids are unique per event, so a replay overwrites its own document instead of adding one. */
export const DEFAULT_ID = "{{ event.id }}";

const sigv4: JsonSchema = {
  type: "object",
  title: "AWS Signature Version 4 (IAM)",
  properties: {
    type: { type: "string", const: "sigv4" },
    service: {
      type: "string",
      enum: ["es", "aoss"],
      description:
        "`es` for a managed OpenSearch domain, `aoss` for a Serverless collection. Default: read from the endpoint, else `es`.",
    },
    region: {
      type: "string",
      minLength: 1,
      description: "Signing region. Default: read from the endpoint, else the runtime's region.",
    },
    resourceArn: {
      type: "string",
      minLength: 1,
      description:
        "Domain ARN (`arn:aws:es:<region>:<account>:domain/<name>`) or collection ARN (`arn:aws:aoss:…:collection/<id>`), for IAM scoping when the endpoint is a custom domain name.",
    },
  },
  required: ["type"],
  additionalProperties: false,
};

const none: JsonSchema = {
  type: "object",
  title: "No authentication",
  properties: { type: { type: "string", const: "none" } },
  required: ["type"],
  additionalProperties: false,
};

const basicType = { type: "string", const: "basic" };
const username = { type: "string", minLength: 1, description: "User name (template)." };

/** Two shapes rather than one with a nested oneOf: each names where the password comes from, never the password. */
const basicSsm: JsonSchema = {
  type: "object",
  title: "HTTP basic authentication, password in SSM Parameter Store",
  properties: {
    type: basicType,
    username,
    passwordSsmParameter: {
      type: "string",
      minLength: 1,
      description: "Name or ARN of a SecureString parameter holding the password.",
    },
  },
  required: ["type", "username", "passwordSsmParameter"],
  additionalProperties: false,
};

const basicEnv: JsonSchema = {
  type: "object",
  title: "HTTP basic authentication, password from an environment variable",
  properties: {
    type: basicType,
    username,
    passwordEnv: {
      type: "string",
      minLength: 1,
      description: "Name of an environment variable holding the password; meant for local runs.",
    },
  },
  required: ["type", "username", "passwordEnv"],
  additionalProperties: false,
};

export const indexDocumentSchema: JsonSchema = {
  type: "object",
  description: "Index a document (by default the whole event) into OpenSearch or Amazon OpenSearch Service.",
  properties: {
    endpoint: {
      type: "string",
      minLength: 1,
      description:
        "Base URL of the OpenSearch domain or Serverless collection (https; plain http only for localhost). Requests go to `<endpoint>/<index>/_doc/<id>`.",
      examples: ["https://search-ecs-events-abcdefghijklmnopqrstuvwxyz.us-east-1.es.amazonaws.com"],
    },
    index: {
      type: "string",
      minLength: 1,
      description:
        'Index name (template). Lowercase; no spaces or `\\ / * ? " < > | , # :`; not starting with `-`, `_` or `+`; at most 255 bytes.',
      examples: ['ecs-events-{{ event.time | date: "%Y.%m.%d" }}'],
    },
    id: {
      type: "string",
      minLength: 1,
      description:
        "Document id (template). Defaults to `{{ event.id }}`, so a replayed event overwrites its own document instead of adding a duplicate.",
      examples: ["{{ event.id }}"],
    },
    document: {
      description:
        "The document to index. Absent: the whole event, as delivered. A mapping: that document (strings inside are templates). A string: a template rendering to a JSON object, e.g. `{{ event.detail | json }}`.",
      oneOf: [{ type: "object" }, { type: "string", minLength: 1 }],
    },
    auth: {
      description:
        "How requests are authenticated. Default: `{type: sigv4}` for `*.amazonaws.com` endpoints; required for any other endpoint.",
      oneOf: [sigv4, none, basicSsm, basicEnv],
    },
  },
  required: ["endpoint", "index"],
  additionalProperties: false,
};

export const indexDocumentDefaults: Readonly<Record<string, unknown>> = { id: DEFAULT_ID };

/** `auth` points to the password's source: redact it like any secret reference. */
export const indexDocumentSecrets: readonly string[] = ["auth"];
