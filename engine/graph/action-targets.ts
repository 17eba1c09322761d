import { Redactor } from "../runtime/redact.js";

/** Where an action's effect lands, for the rule graph: a node label and a key to merge equal targets. */
export interface ActionTarget {
  key: string;
  label: string;
}

type Params = Readonly<Record<string, unknown>>;

/**
 * Describers for the built-in actions. Labels name the resource (topic, channel, index, tags) but
 * never a secret: secret params (a webhook's source, basic-auth settings) are only ever described.
 */
const DESCRIBERS: Readonly<Record<string, (params: Params) => ActionTarget | undefined>> = {
  "sns-publish": (p) => {
    const topic = text(p.topicArn);
    return topic === undefined ? undefined : { key: `sns|${topic}`, label: `SNS ${topic}` };
  },
  "slack-post": (p) => {
    const channel = text(p.channel);
    const via = webhookSource(p.webhook);
    const label = channel === undefined ? `Slack (${via.label})` : `Slack ${channel} (${via.label})`;
    return { key: `slack|${channel ?? ""}|${via.key}`, label };
  },
  "index-document": (p) => {
    const endpoint = text(p.endpoint);
    const index = text(p.index);
    if (endpoint === undefined || index === undefined) return undefined;
    const where = endpointHost(endpoint);
    return { key: `opensearch|${where}|${index}`, label: `OpenSearch ${where} index ${index}` };
  },
  webhook: (p) => {
    const url = p.url;
    if (typeof url === "string") {
      const where = endpointHost(url).split("/")[0] ?? url;
      return { key: `webhook|${where}`, label: `webhook ${where}` };
    }
    const via = webhookSource(url);
    return { key: `webhook|${via.key}`, label: `webhook (${via.label.replace(/^webhook /, "URL ")})` };
  },
  "eventbridge-put": (p) => {
    const bus = text(p.bus) ?? "default";
    return { key: `events|${bus}`, label: `EventBridge bus ${bus}` };
  },
  "sqs-send": (p) => {
    const queue = text(p.queue);
    if (queue === undefined) return undefined;
    const name = queue.split(/[/:]/).pop() ?? queue;
    return { key: `sqs|${queue}`, label: `SQS ${name}` };
  },
  "lambda-invoke": (p) => {
    const fn = text(p.function);
    if (fn === undefined) return undefined;
    const name = fn.startsWith("arn:") ? fn.split(":").slice(6).join(":") : fn;
    return { key: `lambda|${fn}`, label: `Lambda ${name}` };
  },
  "tag-from-template": (p) => {
    const tags = p.tags !== null && typeof p.tags === "object" ? Object.keys(p.tags) : [];
    const label = `EC2 tags ${tags.join(", ")}`;
    return { key: `ec2-tags|${tags.join("|")}`, label };
  },
};

const redactor = new Redactor();

/** The target of one action, or undefined for actions the graph knows nothing about (custom ones). */
export function actionTarget(type: string, params: Params): ActionTarget | undefined {
  const describe = Object.hasOwn(DESCRIBERS, type) ? DESCRIBERS[type] : undefined;
  const target = describe?.(params);
  // Belt and braces: whatever slipped into a label, Slack URLs and URL passwords are scrubbed.
  return target && { key: target.key, label: redactor.string(target.label) };
}

/** Where a webhook URL comes from, described without the URL or its ciphertext. */
function webhookSource(webhook: unknown): { key: string; label: string } {
  const w = webhook !== null && typeof webhook === "object" ? (webhook as Params) : {};
  const ssm = text(w.ssmParameter);
  if (ssm !== undefined) return { key: `ssm:${ssm}`, label: `webhook in SSM ${ssm}` };
  const sm = text(w.secretsManager);
  if (sm !== undefined) return { key: `secretsmanager:${sm}`, label: `webhook in Secrets Manager ${sm}` };
  const env = text(w.env);
  if (env !== undefined) return { key: `env:${env}`, label: `webhook in env ${env}` };
  // The ciphertext is not shown; the key and context tell different encrypted webhooks apart.
  return {
    key: `kms:${JSON.stringify([w.keyArn ?? null, w.encryptionContext ?? null])}`,
    label: "KMS-encrypted webhook",
  };
}

/** Host and path of an endpoint URL, without scheme or credentials. */
function endpointHost(endpoint: string): string {
  try {
    const url = new URL(endpoint);
    return `${url.host}${url.pathname.replace(/\/+$/, "")}`;
  } catch {
    return endpoint;
  }
}

function text(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}
