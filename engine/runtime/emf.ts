import type { EventOutcome } from "./outcome.js";
import { FAILED_STATUSES, SUCCEEDED_STATUSES } from "./outcome.js";

export const METRICS_NAMESPACE = "rulebridge";

/** One CloudWatch Embedded Metric Format document (a JSON log line CloudWatch turns into metrics). */
export interface EmfDocument {
  _aws: {
    /** Epoch milliseconds the metric values are for. */
    Timestamp: number;
    CloudWatchMetrics: {
      Namespace: string;
      /** Dimension sets; each names root members whose string values are the dimensions. */
      Dimensions: string[][];
      Metrics: { Name: string; Unit: "Count" }[];
    }[];
  };
  [member: string]: unknown;
}

export interface MetricsInput {
  outcomes: readonly EventOutcome[];
  /** Inputs (or SQS records) that could not be unwrapped into an event. */
  invalidInputs?: number;
  timestamp: number;
  namespace?: string;
}

interface ActionCounts {
  ActionsSucceeded: number;
  ActionsFailed: number;
  ActionsSkipped: number;
}

/**
 * The invocation's metrics as EMF documents: one without dimensions for the totals (`Events`,
 * `EventsFailed`, `Matches`, `ActionsSucceeded`, `ActionsFailed`, `ActionsSkipped`,
 * `InvalidInputs`), then one per action type with the `ActionType` dimension. One document cannot
 * hold two action types: a dimension's value is a single root member, so several types need
 * several documents.
 *
 * `Matches` counts rule matches (an event matching two rules counts two). Succeeded = changed or
 * unchanged; failed = failed or render-error; skipped = already done or in progress elsewhere
 * (counted apart so a replay does not inflate successes). `EventsFailed` also covers failures no
 * action type owns (a condition error, a rule the input named but that is not loaded): it is
 * the one to alarm on.
 */
export function metricDocuments(input: MetricsInput): EmfDocument[] {
  const namespace = input.namespace ?? METRICS_NAMESPACE;
  const total: ActionCounts = { ActionsSucceeded: 0, ActionsFailed: 0, ActionsSkipped: 0 };
  const byType = new Map<string, ActionCounts>();
  let matches = 0;
  let eventsFailed = 0;
  for (const outcome of input.outcomes) {
    matches += outcome.decisions.length;
    if (outcome.failed) eventsFailed++;
    for (const decision of outcome.decisions) {
      for (const action of decision.actions) {
        let counts = byType.get(action.type);
        if (!counts) {
          counts = { ActionsSucceeded: 0, ActionsFailed: 0, ActionsSkipped: 0 };
          byType.set(action.type, counts);
        }
        const metric: keyof ActionCounts = SUCCEEDED_STATUSES.has(action.status)
          ? "ActionsSucceeded"
          : FAILED_STATUSES.has(action.status)
            ? "ActionsFailed"
            : "ActionsSkipped";
        counts[metric]++;
        total[metric]++;
      }
    }
  }

  const doc = (dimensions: string[][], values: Record<string, number>, members = {}): EmfDocument => ({
    _aws: {
      Timestamp: input.timestamp,
      CloudWatchMetrics: [
        {
          Namespace: namespace,
          Dimensions: dimensions,
          Metrics: Object.keys(values).map((Name) => ({ Name, Unit: "Count" })),
        },
      ],
    },
    ...members,
    ...values,
  });

  const docs = [
    doc([[]], {
      Events: input.outcomes.length,
      EventsFailed: eventsFailed,
      Matches: matches,
      ...total,
      InvalidInputs: input.invalidInputs ?? 0,
    }),
  ];
  for (const [type, counts] of [...byType].sort(([a], [b]) => a.localeCompare(b))) {
    docs.push(doc([["ActionType"]], { ...counts }, { ActionType: type }));
  }
  return docs;
}

/** The documents as log lines, one JSON object per line as CloudWatch Logs expects them. */
export function metricLines(input: MetricsInput): string[] {
  return metricDocuments(input).map((d) => JSON.stringify(d));
}
