import { alarmEventFromSnsMessage, isSnsAlarmMessage } from "./alarm/index.js";
import { eventFromCloudTrailRecord, isCloudTrailRecord } from "./cloudtrail-record.js";

/** One event to evaluate, unwrapped from whatever envelope delivered it. */
export interface InputItem {
  event: Record<string, unknown>;
  /** Set when the envelope names the rule (deploy's target input): only that rule runs. */
  rule?: string;
  /** Where the item came from, e.g. `sqs:<messageId>`; SQS items need it for partial batch failures. */
  origin: string;
}

export interface InputError {
  origin: string;
  /** The field that was wrong, e.g. `Records[0].Sns.Message`. */
  field: string;
  message: string;
}

export interface Unwrapped {
  items: InputItem[];
  errors: InputError[];
}

/**
 * Normalises every input shape the engine accepts into (event, optional rule name):
 * an EventBridge event; deploy's `{rule, event}`; Lambda SNS records wrapping an EventBridge
 * event or a CloudWatch alarm notification; Lambda SQS records wrapping any of these (also
 * SNS-to-SQS notifications); Lambda on-failure destination records (the event under
 * `requestPayload`); CloudTrail log files (each record as the event EventBridge delivers for it).
 * Bad input becomes an error naming the field, never an exception. Every item and error keeps
 * the origin of the outermost record that carried it: a nested envelope's ids are its content,
 * and an SQS batch's failures must name the record that is redelivered.
 */
export function unwrapInput(input: unknown, origin = "input"): Unwrapped {
  const out: Unwrapped = { items: [], errors: [] };
  visit(input, origin, "", out, 0);
  return out;
}

const MAX_DEPTH = 4;

function visit(value: unknown, origin: string, field: string, out: Unwrapped, depth: number): void {
  const fail = (message: string): void => {
    out.errors.push({ origin, field: field || "(root)", message });
  };
  if (depth > MAX_DEPTH) {
    fail("envelopes nested too deeply");
    return;
  }
  if (!isObject(value)) {
    fail(`expected a JSON object, got ${describe(value)}`);
    return;
  }

  if (Array.isArray(value.Records)) {
    value.Records.forEach((record, i) => {
      visitRecord(record, `${field ? `${field}.` : ""}Records[${i}]`, origin, out, depth);
    });
    return;
  }
  if (isObject(value.requestContext) && "requestPayload" in value) {
    visit(value.requestPayload, origin, `${prefix(field)}requestPayload`, out, depth + 1);
    return;
  }
  if (typeof value.rule === "string" && "event" in value && Object.keys(value).length === 2) {
    if (!isEventBridgeEvent(value.event)) {
      fail("`event` is not an EventBridge event (needs source, detail-type)");
      return;
    }
    out.items.push({ event: value.event, rule: value.rule, origin });
    return;
  }
  if (value.Type === "Notification" && typeof value.Message === "string") {
    visitMessage(value.Message, origin, `${prefix(field)}Message`, out, depth, {
      messageId: str(value.MessageId),
      timestamp: str(value.Timestamp),
      topicArn: str(value.TopicArn),
    });
    return;
  }
  if (isEventBridgeEvent(value)) {
    out.items.push({ event: value, origin });
    return;
  }
  if (isSnsAlarmMessage(value)) {
    out.items.push({ event: alarmEventFromSnsMessage(value), origin });
    return;
  }
  fail("not an EventBridge event (needs string fields source and detail-type), nor a known envelope");
}

function visitRecord(record: unknown, field: string, origin: string, out: Unwrapped, depth: number): void {
  if (!isObject(record)) {
    out.errors.push({ origin, field, message: `expected a record object, got ${describe(record)}` });
    return;
  }
  if (isObject(record.Sns) && typeof record.Sns.Message === "string") {
    const sns = record.Sns;
    const id = str(sns.MessageId);
    visitMessage(
      sns.Message as string,
      recordOrigin("sns", id, origin, depth),
      `${field}.Sns.Message`,
      out,
      depth,
      {
        messageId: id,
        timestamp: str(sns.Timestamp),
        topicArn: str(sns.TopicArn),
      },
    );
    return;
  }
  if (record.eventSource === "aws:sqs" && typeof record.body === "string") {
    const id = str(record.messageId);
    visitMessage(record.body, recordOrigin("sqs", id, origin, depth), `${field}.body`, out, depth, {});
    return;
  }
  if (record.eventSource === "aws:sqs" && typeof record.messageId === "string") {
    // Charged to this record alone, so the rest of the batch is still processed.
    const message = `an SQS record's body must be a string, got ${describe(record.body)}`;
    out.errors.push({
      origin: recordOrigin("sqs", record.messageId, origin, depth),
      field: `${field}.body`,
      message,
    });
    return;
  }
  if (isCloudTrailRecord(record)) {
    out.items.push({ event: eventFromCloudTrailRecord(record), origin: `${origin} ${field}` });
    return;
  }
  out.errors.push({
    origin,
    field,
    message: "neither an SNS record (Sns.Message), an SQS record (body) nor a CloudTrail record",
  });
}

/** Only an outermost record names the origin: an id inside a message body is that body's content. */
function recordOrigin(kind: string, id: string | undefined, origin: string, depth: number): string {
  return depth === 0 && id ? `${kind}:${id}` : origin;
}

function visitMessage(
  text: string,
  origin: string,
  field: string,
  out: Unwrapped,
  depth: number,
  meta: { messageId?: string | undefined; timestamp?: string | undefined; topicArn?: string | undefined },
): void {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    out.errors.push({ origin, field, message: "message is not JSON" });
    return;
  }
  if (isSnsAlarmMessage(parsed)) {
    out.items.push({ event: alarmEventFromSnsMessage(parsed, definedOnly(meta)), origin });
    return;
  }
  visit(parsed, origin, field, out, depth + 1);
}

export function isEventBridgeEvent(v: unknown): v is Record<string, unknown> {
  return isObject(v) && typeof v.source === "string" && typeof v["detail-type"] === "string";
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

function str(v: unknown): string | undefined {
  return typeof v === "string" ? v : undefined;
}

function prefix(field: string): string {
  return field ? `${field}.` : "";
}

function describe(v: unknown): string {
  return v === null ? "null" : Array.isArray(v) ? "an array" : typeof v;
}

function definedOnly<T extends Record<string, unknown>>(o: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as {
    [K in keyof T]: Exclude<T[K], undefined>;
  };
}
