import { randomBytes } from "node:crypto";
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { readBody } from "./read-body.js";

/**
 * How the receiver answers one request. Slack's incoming-webhook contract: 200 with the body `ok`, or an
 * error status with a short error string as the body (api.slack.com, "Handling errors" and the 2016-05-17
 * changelog "Improving error conditions for Incoming Webhooks"); 429 carries Retry-After in seconds.
 */
export type SlackReply =
  /** What Slack does for a live webhook: 200 `ok` for a valid message, 400 `invalid_payload` otherwise. */
  | { readonly kind: "accept" }
  /** A fixed error, whatever the payload (revoked token, deleted hook, archived channel, outage). */
  | { readonly kind: "error"; readonly status: number; readonly body: string }
  | { readonly kind: "rate-limited"; readonly retryAfterSeconds: number }
  /** The connection is reset before any response: a network failure as the client sees it. */
  | { readonly kind: "drop-connection" }
  /** Exactly this answer, e.g. { status: 429, body: "rate_limited", headers: { "retry-after": "1" } }. */
  | LiteralSlackReply;

export interface LiteralSlackReply {
  readonly kind?: undefined;
  readonly status: number;
  readonly body?: string;
  readonly headers?: Readonly<Record<string, string>>;
}

export const slackReplies = {
  accept: (): SlackReply => ({ kind: "accept" }),
  invalidPayload: (): SlackReply => ({ kind: "error", status: 400, body: "invalid_payload" }),
  invalidToken: (): SlackReply => ({ kind: "error", status: 403, body: "invalid_token" }),
  actionProhibited: (): SlackReply => ({ kind: "error", status: 403, body: "action_prohibited" }),
  noService: (): SlackReply => ({ kind: "error", status: 404, body: "no_service" }),
  channelNotFound: (): SlackReply => ({ kind: "error", status: 404, body: "channel_not_found" }),
  channelIsArchived: (): SlackReply => ({ kind: "error", status: 410, body: "channel_is_archived" }),
  rateLimited: (retryAfterSeconds: number): SlackReply => ({ kind: "rate-limited", retryAfterSeconds }),
  /** Slack reserves 500 (`rollup_error`) for the exceptional; 502/503 come from its edge in an outage. */
  serverError: (status = 500, body = "rollup_error"): SlackReply => ({ kind: "error", status, body }),
  dropConnection: (): SlackReply => ({ kind: "drop-connection" }),
} as const;

export interface SlackRequest {
  readonly method: string;
  /** Path and query as received. */
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  /** The body as received. */
  readonly body: string;
  /** The message as Slack would read it (JSON body, or the `payload` field of a form post); undefined if unreadable. */
  readonly payload: unknown;
  /** What the receiver answered: status 0 for a dropped connection. */
  readonly status: number;
  readonly responseBody: string;
}

export interface SlackReceiver {
  /** The webhook URL to configure, shaped like Slack's: http://127.0.0.1:<port>/services/T…/B…/<secret>. */
  readonly url: string;
  /** Every request received, in order, whatever it was answered. */
  readonly requests: readonly SlackRequest[];
  /** The requests answered 200 `ok`: the messages Slack would have posted. */
  delivered(): readonly SlackRequest[];
  /** Sets the replies for the next requests to the webhook URL; once they are used up, requests are accepted. */
  respond(replies: readonly SlackReply[]): void;
  /** Resolves once `count` requests have arrived (bounded by timeoutMs). */
  waitForRequests(count: number, timeoutMs?: number): Promise<readonly SlackRequest[]>;
  close(): Promise<void>;
}

function parsePayload(headers: IncomingHttpHeaders, raw: string): unknown {
  try {
    if ((headers["content-type"] ?? "").startsWith("application/x-www-form-urlencoded")) {
      const field = new URLSearchParams(raw).get("payload");
      return field === null ? undefined : JSON.parse(field);
    }
    return JSON.parse(raw);
  } catch {
    return undefined;
  }
}

/** Slack needs a message: non-empty `text`, or `blocks`/`attachments` to render. */
function isPostableMessage(payload: unknown): boolean {
  if (typeof payload !== "object" || payload === null || Array.isArray(payload)) return false;
  const { text, blocks, attachments } = payload as Record<string, unknown>;
  return (
    (typeof text === "string" && text.trim().length > 0) ||
    (Array.isArray(blocks) && blocks.length > 0) ||
    (Array.isArray(attachments) && attachments.length > 0)
  );
}

function send(
  response: ServerResponse,
  status: number,
  body: string,
  headers: Readonly<Record<string, string>> = {},
): void {
  // Slack answers webhooks with text/html bodies such as "ok" or "invalid_payload".
  response.writeHead(status, {
    "content-type": "text/html",
    "content-length": Buffer.byteLength(body),
    ...headers,
  });
  response.end(body);
}

/** Starts a loopback receiver that answers as Slack's incoming webhooks do, scripted per test. */
export async function startSlackReceiver(): Promise<SlackReceiver> {
  const hookPath = `/services/T${randomBytes(4).toString("hex").toUpperCase()}/B${randomBytes(4)
    .toString("hex")
    .toUpperCase()}/${randomBytes(12).toString("hex")}`;
  const requests: SlackRequest[] = [];
  const queue: SlackReply[] = [];
  const waiters = new Set<() => void>();

  const record = (request: SlackRequest): void => {
    requests.push(request);
    for (const wake of waiters) wake();
  };

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const raw = (await readBody(request)).toString("utf8");
    const base = {
      method: request.method ?? "",
      path: request.url ?? "",
      headers: request.headers,
      body: raw,
      payload: parsePayload(request.headers, raw),
    };
    const answer = (status: number, body: string, headers: Readonly<Record<string, string>> = {}): void => {
      record({ ...base, status, responseBody: body });
      send(response, status, body, headers);
    };
    // An unknown hook is Slack's 404 no_service; it does not use up a scripted reply.
    if (request.url !== hookPath) return answer(404, "no_service");
    // Slack documents no body for a GET on a hook; a 405 is what any HTTP client understands.
    if (request.method !== "POST") return answer(405, "method_not_allowed");
    const reply = queue.shift() ?? slackReplies.accept();
    switch (reply.kind) {
      case "accept":
        return isPostableMessage(base.payload) ? answer(200, "ok") : answer(400, "invalid_payload");
      case "error":
        return answer(reply.status, reply.body);
      case "rate-limited":
        return answer(429, "rate_limited", { "retry-after": String(reply.retryAfterSeconds) });
      case "drop-connection":
        record({ ...base, status: 0, responseBody: "" });
        request.socket.resetAndDestroy();
        return;
      case undefined:
        return answer(reply.status, reply.body ?? "", reply.headers);
    }
  };

  const server = createServer((request, response) => {
    handle(request, response).catch(() => request.socket.destroy());
  });
  await new Promise<void>((resolveListen, rejectListen) => {
    server.once("error", rejectListen);
    server.listen(0, "127.0.0.1", () => resolveListen());
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}${hookPath}`,
    requests,
    delivered: () => requests.filter((request) => request.status === 200),
    respond(replies) {
      queue.splice(0, queue.length, ...replies);
    },
    async waitForRequests(count, timeoutMs = 10_000) {
      if (requests.length >= count) return requests;
      await new Promise<void>((resolveWait, rejectWait) => {
        const timer = setTimeout(() => {
          waiters.delete(wake);
          rejectWait(
            new Error(
              `Slack receiver got ${requests.length} request(s), expected ${count}, in ${timeoutMs}ms`,
            ),
          );
        }, timeoutMs);
        const wake = (): void => {
          if (requests.length < count) return;
          clearTimeout(timer);
          waiters.delete(wake);
          resolveWait();
        };
        waiters.add(wake);
      });
      return requests;
    },
    close: () =>
      new Promise<void>((resolveClose) => {
        server.closeAllConnections();
        server.close(() => resolveClose());
      }),
  };
}
