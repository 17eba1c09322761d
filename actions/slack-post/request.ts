/** The JSON body of a webhook post; `plan` shows it and `run` sends it. */
export interface SlackBody {
  text: string;
  blocks?: unknown[];
  channel?: string;
}

/** Builds the body from rendered params; throws naming the param when a value cannot be sent. */
export function slackBody(params: Record<string, unknown>): SlackBody {
  const { text, blocks, channel } = params;
  if (typeof text !== "string") throw new Error("text: expected a string");
  if (text.trim() === "" && blocks === undefined) {
    throw new Error("text: rendered to an empty message, which Slack rejects (no_text)");
  }
  const body: SlackBody = { text };
  if (blocks !== undefined) {
    if (!Array.isArray(blocks)) throw new Error("blocks: expected a list of Block Kit blocks");
    body.blocks = blocks;
  }
  if (channel !== undefined) {
    if (typeof channel !== "string") throw new Error("channel: expected a string");
    body.channel = channel;
  }
  return body;
}
