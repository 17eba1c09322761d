/**
 * `pagerduty-event`: sends a PagerDuty Events API v2 event (trigger, acknowledge or resolve).
 * A complete project action written only against `rulebridge/actions`, as a team would keep it
 * in its rules repository's `actions/` folder and name it in rulebridge.yaml.
 */
import {
  type ActionDefinition,
  ActionFailure,
  type IamStatement,
  isAbort,
  isRetryableStatus,
  readEnvSecret,
  readSsmSecret,
  retryAfterMs,
  ssmSecretStatements,
} from "rulebridge/actions";

const EVENTS_API = "https://events.pagerduty.com/v2/enqueue";
const SEVERITIES = ["critical", "error", "warning", "info"] as const;

interface RoutingKeySource {
  env?: string;
  ssmParameter?: string;
}

interface Params {
  routingKey: RoutingKeySource;
  eventAction: "trigger" | "acknowledge" | "resolve";
  dedupKey: string;
  summary?: string;
  source?: string;
  severity?: (typeof SEVERITIES)[number];
  component?: string;
  group?: string;
  class?: string;
  customDetails?: unknown;
  endpoint: string;
}

/** The request body PagerDuty documents, with the routing key left for `run` to fill in. */
export function eventBody(p: Params, routingKey: string, now: string): Record<string, unknown> {
  const body: Record<string, unknown> = {
    routing_key: routingKey,
    event_action: p.eventAction,
    dedup_key: p.dedupKey,
  };
  if (p.eventAction === "trigger") {
    body.payload = {
      summary: (p.summary ?? "").slice(0, 1024),
      source: p.source,
      severity: p.severity ?? "error",
      timestamp: now,
      ...(p.component !== undefined ? { component: p.component } : {}),
      ...(p.group !== undefined ? { group: p.group } : {}),
      ...(p.class !== undefined ? { class: p.class } : {}),
      ...(p.customDetails !== undefined ? { custom_details: p.customDetails } : {}),
    };
  }
  return body;
}

function keySource(source: RoutingKeySource): string {
  return source.ssmParameter !== undefined ? `SSM ${source.ssmParameter}` : `env ${source.env}`;
}

/** PagerDuty's answer as a failure: 400 names what is invalid; 429 and 5xx are worth a retry. */
async function failure(res: Response): Promise<ActionFailure> {
  const text = (await res.text().catch(() => "")).slice(0, 300);
  let detail = text;
  try {
    const json = JSON.parse(text) as { message?: string; errors?: string[] };
    detail = [json.message, ...(json.errors ?? [])].filter(Boolean).join("; ");
  } catch {
    // Not JSON (an edge proxy's page): the excerpt says enough.
  }
  return new ActionFailure(`PagerDuty answered ${res.status}${detail ? `: ${detail}` : ""}`, {
    retryable: isRetryableStatus(res.status),
    retryAfterMs: retryAfterMs(res.headers.get("retry-after")),
  });
}

export const pagerdutyEventAction: ActionDefinition = {
  type: "pagerduty-event",
  description:
    "Send a PagerDuty Events API v2 event (trigger, acknowledge, resolve); the routing key comes from SSM or the environment.",
  paramsSchema: {
    type: "object",
    additionalProperties: false,
    required: ["routingKey"],
    properties: {
      routingKey: {
        description: "Where the integration's routing key is kept (never in the rule file).",
        type: "object",
        additionalProperties: false,
        minProperties: 1,
        maxProperties: 1,
        properties: {
          env: { type: "string", pattern: "^[A-Za-z_][A-Za-z0-9_]*$" },
          ssmParameter: { type: "string", minLength: 1 },
        },
      },
      eventAction: { enum: ["trigger", "acknowledge", "resolve"], default: "trigger" },
      dedupKey: {
        type: "string",
        description: "Alerts with the same key are one incident (default: the event id).",
      },
      summary: {
        type: "string",
        description: "The alert's title (trigger); at most 1024 characters are sent.",
      },
      source: { type: "string", description: "The affected system (trigger)." },
      severity: { enum: [...SEVERITIES], default: "error" },
      component: { type: "string" },
      group: { type: "string" },
      class: { type: "string" },
      customDetails: { description: "Anything JSON; shown on the alert." },
      endpoint: {
        type: "string",
        pattern: "^https?://",
        description: "Events API URL (default PagerDuty's).",
      },
    },
  },
  defaults: {
    eventAction: "trigger",
    dedupKey: "{{ event.id }}",
    summary: "{{ event.detail-type }} from {{ event.source }}",
    source: "{{ event.source }}",
    endpoint: EVENTS_API,
  },
  secretParams: ["routingKey"],
  // `rulebridge graph` draws the service the routing key belongs to, never the key.
  target(params) {
    const key = params.routingKey as RoutingKeySource | undefined;
    const where = key?.ssmParameter !== undefined ? `SSM ${key.ssmParameter}` : `env ${key?.env ?? "?"}`;
    return { key: `pagerduty|${where}`, label: `PagerDuty (routing key in ${where})` };
  },
  samples: [
    {
      title: "Page on-call when an essential container stops a task",
      on: { pattern: { source: ["aws.ecs"], "detail-type": ["ECS Task State Change"] } },
      params: {
        routingKey: { ssmParameter: "/oncall/pagerduty-routing-key" },
        summary: "ECS task stopped: {{ event.detail.stoppedReason }}",
        severity: "critical",
        dedupKey: "{{ event.detail.taskArn }}",
      },
    },
  ],
  check(params) {
    const key = params.routingKey as RoutingKeySource | undefined;
    const issues = [];
    if (key && typeof key === "object" && key.ssmParameter === undefined && key.env === undefined) {
      issues.push({
        code: "INVALID_PARAM" as const,
        message: "routingKey needs env or ssmParameter",
        path: ["routingKey"],
      });
    }
    if (params.eventAction === "trigger" && params.summary === "") {
      issues.push({
        code: "INVALID_PARAM" as const,
        message: "a trigger needs a summary",
        path: ["summary"],
      });
    }
    return issues;
  },
  iam(params): IamStatement[] {
    const key = params.routingKey as RoutingKeySource | undefined;
    return key?.ssmParameter !== undefined ? ssmSecretStatements(key.ssmParameter) : [];
  },
  plan({ params }) {
    const p = params as unknown as Params;
    const body = eventBody(p, `<routing key from ${keySource(p.routingKey)}>`, "<time of the run>");
    return {
      type: "pagerduty-event",
      summary: `${p.eventAction} PagerDuty alert ${p.dedupKey}`,
      steps: [{ call: `POST ${p.endpoint}`, input: body }],
    };
  },
  async run({ params, services, signal }) {
    const p = params as unknown as Params;
    const routingKey =
      p.routingKey.ssmParameter !== undefined
        ? await readSsmSecret(services, p.routingKey.ssmParameter, signal, "the PagerDuty routing key")
        : readEnvSecret(services.env, p.routingKey.env ?? "", "the PagerDuty routing key");
    let res: Response;
    try {
      res = await services.fetch(p.endpoint, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(eventBody(p, routingKey, new Date().toISOString())),
        signal,
      });
    } catch (err) {
      if (isAbort(err, signal)) throw new ActionFailure("PagerDuty: out of time", { retryable: false });
      throw new ActionFailure(`PagerDuty unreachable: ${(err as Error).name}`, { retryable: true });
    }
    if (res.status !== 202 && !res.ok) throw await failure(res);
    const answer = (await res.json().catch(() => ({}))) as { dedup_key?: string };
    return {
      status: "changed",
      summary: `${p.eventAction} PagerDuty alert ${answer.dedup_key ?? p.dedupKey}`,
      detail: { dedupKey: answer.dedup_key ?? p.dedupKey },
    };
  },
};

export default pagerdutyEventAction;
