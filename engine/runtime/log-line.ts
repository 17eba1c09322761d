import { Console } from "node:console";
import type { InputError } from "../envelope.js";
import type { ActionRunOutcome, EventOutcome } from "./outcome.js";

/** The `message` of the per-event line: a stable string to filter on in Logs Insights. */
export const EVENT_LOG_MESSAGE = "rulebridge event";
export const INPUT_ERROR_LOG_MESSAGE = "rulebridge invalid input";

export interface ActionLogEntry {
  index: number;
  type: string;
  status: ActionRunOutcome["status"];
  attempts: number;
  durationMs: number;
  summary?: string;
  error?: string;
  retryable?: boolean;
  gaveUp?: string;
  warning?: string;
}

export interface DecisionLogEntry {
  rule: string;
  /** Always true: only matched rules (or the rule the input named) have decisions. */
  matched: true;
  condition: boolean | "error";
  conditionError?: string;
  actions: ActionLogEntry[];
}

export interface EventLogLine {
  level: "info" | "error";
  message: typeof EVENT_LOG_MESSAGE;
  eventId: string | null;
  source: string | null;
  detailType: string | null;
  origin: string;
  rule?: string;
  unknownRule?: string;
  error?: string;
  failed: boolean;
  durationMs: number;
  decisions: DecisionLogEntry[];
  totals: EventOutcome["totals"];
}

/**
 * The one log line of an event: flat enough to query (`failed`, `eventId`, `decisions.0.rule`),
 * complete enough to answer "what did rulebridge do with event X" without another source. It
 * keeps summaries and errors but not `detail` (machine facts go in the returned outcome) so the
 * line stays well under CloudWatch's 256 KB event limit. Input must already be redacted.
 */
export function eventLogLine(outcome: EventOutcome): EventLogLine {
  return {
    level: outcome.failed ? "error" : "info",
    message: EVENT_LOG_MESSAGE,
    eventId: outcome.eventId,
    source: outcome.source,
    detailType: outcome.detailType,
    origin: outcome.origin,
    ...(outcome.rule !== undefined ? { rule: outcome.rule } : {}),
    ...(outcome.unknownRule !== undefined ? { unknownRule: outcome.unknownRule } : {}),
    ...(outcome.error !== undefined ? { error: outcome.error } : {}),
    failed: outcome.failed,
    durationMs: outcome.durationMs,
    decisions: outcome.decisions.map((d) => ({
      rule: d.rule,
      matched: true,
      condition: d.condition,
      ...(d.conditionError !== undefined ? { conditionError: d.conditionError } : {}),
      actions: d.actions.map(actionEntry),
    })),
    totals: outcome.totals,
  };
}

function actionEntry(a: ActionRunOutcome): ActionLogEntry {
  const entry: ActionLogEntry = {
    index: a.index,
    type: a.type,
    status: a.status,
    attempts: a.attempts,
    durationMs: a.durationMs,
  };
  switch (a.status) {
    case "changed":
    case "unchanged":
      entry.summary = a.summary;
      break;
    case "skipped-duplicate":
      entry.summary = `already ${a.previous.status}: ${a.previous.summary}`;
      break;
    case "failed":
      entry.error = a.error;
      entry.retryable = a.retryable;
      if (a.gaveUp !== undefined) entry.gaveUp = a.gaveUp;
      break;
    case "render-error":
      entry.error = a.error;
      break;
    case "skipped-in-progress":
      break;
  }
  if (a.warning !== undefined) entry.warning = a.warning;
  return entry;
}

export function formatEventLogLine(outcome: EventOutcome): string {
  return JSON.stringify(eventLogLine(outcome));
}

/** An input the engine could not take, naming the field; logged so it is never silently lost. */
export function formatInputErrorLine(error: InputError): string {
  return JSON.stringify({
    level: "error",
    message: INPUT_ERROR_LOG_MESSAGE,
    origin: error.origin,
    field: error.field,
    error: error.message,
  });
}

/** Where the runtime writes its JSON lines (event log lines, EMF documents): one string per line. */
export type LogSink = (line: string) => void;

/**
 * A Console of its own on stdout rather than the global `console.log`: inside Lambda the global
 * console prefixes every line with a timestamp, request id and level, which makes the line no
 * longer JSON for Logs Insights field discovery and for log shippers (Powertools writes to
 * stdout for the same reason). CloudWatch Logs still timestamps each line itself.
 */
const stdoutConsole = new Console({ stdout: process.stdout, stderr: process.stderr });

export const stdoutLog: LogSink = (line) => stdoutConsole.log(line);
