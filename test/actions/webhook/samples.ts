/** Webhook params as the reference docs show them (PagerDuty, Opsgenie, Teams, Discord), for the tests. */
export const PAGERDUTY = {
  url: "https://events.pagerduty.com/v2/enqueue",
  bodySecrets: { routing_key: { ssmParameter: "/pagerduty/routing-key" } },
  body: {
    event_action: "trigger",
    dedup_key: "{{ event.id }}",
    payload: {
      summary: "{{ event.detail-type }}: {{ event.detail.stoppedReason }}",
      source: "{{ event.source }}",
      severity: "error",
    },
  },
  successStatuses: [202],
};

export const OPSGENIE = {
  url: "https://api.opsgenie.com/v2/alerts",
  headers: { Authorization: { secretsManager: "opsgenie/api", jsonKey: "key", prefix: "GenieKey " } },
  body: { message: "{{ event.detail-type }}", alias: "{{ event.id }}", priority: "P2" },
  successStatuses: [202],
};

export const TEAMS = {
  url: { ssmParameter: "/webhooks/teams-ops" },
  body: { text: "**{{ event.detail-type }}** in {{ event.region }}" },
};

export const DISCORD = {
  url: { env: "DISCORD_WEBHOOK_URL" },
  body: { content: "{{ event.detail-type }}: {{ event.detail.stoppedReason }}" },
};
