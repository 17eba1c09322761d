import type { AlarmView } from "../../engine/alarm/index.js";
import { alarmMessage } from "./alarm-message.js";

/** The JSON body of a webhook post; `plan` shows it and `run` sends it. */
export interface SlackBody {
  text: string;
  blocks?: unknown[];
  channel?: string;
}

/**
 * Builds the body from rendered params; throws naming the param when a value cannot be sent.
 * An alarm rule without `text` posts the default alarm message built from the `alarm` view.
 */
export function slackBody(params: Record<string, unknown>, context: Record<string, unknown> = {}): SlackBody {
  const { blocks, channel } = params;
  let { text } = params;
  if (text === undefined) {
    if (!isAlarmView(context.alarm))
      throw new Error("text: required (only alarm rules have a default message)");
    const message = alarmMessage(context.alarm);
    text = message.text;
    if (blocks === undefined) return withChannel({ text: message.text, blocks: message.blocks }, channel);
  }
  if (typeof text !== "string") throw new Error("text: expected a string");
  if (text.trim() === "" && blocks === undefined) {
    throw new Error("text: rendered to an empty message, which Slack rejects (no_text)");
  }
  const body: SlackBody = { text };
  if (blocks !== undefined) {
    if (!Array.isArray(blocks)) throw new Error("blocks: expected a list of Block Kit blocks");
    body.blocks = blocks;
  }
  return withChannel(body, channel);
}

function withChannel(body: SlackBody, channel: unknown): SlackBody {
  if (channel !== undefined) {
    if (typeof channel !== "string") throw new Error("channel: expected a string");
    body.channel = channel;
  }
  return body;
}

function isAlarmView(v: unknown): v is AlarmView {
  return v !== null && typeof v === "object" && typeof (v as AlarmView).name === "string";
}
