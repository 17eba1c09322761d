import { randomBytes } from "node:crypto";
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { readBody } from "./read-body.js";

/**
 * A loopback stand-in for a generic webhook (PagerDuty's Events API, Opsgenie, Teams, Discord, a
 * team's own endpoint): answers each request as scripted, and records what arrived. Unlike the
 * Slack receiver it knows no payload contract; tests script the answers the contract under test
 * needs, including ones that never come (a server that accepts and never answers).
 */
export type WebhookReply =
  | {
      readonly status: number;
      readonly body?: string;
      readonly headers?: Readonly<Record<string, string>>;
      /** Answer only after this long. */
      readonly delayMs?: number;
    }
  /** Accept the request and never answer (until the receiver closes). */
  | { readonly kind: "hang" }
  /** Reset the connection before any response. */
  | { readonly kind: "drop-connection" };

export interface WebhookRequest {
  readonly method: string;
  /** Path and query as received. */
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
  /** What the receiver answered: 0 for a dropped or hung request. */
  readonly status: number;
}

export interface WebhookReceiver {
  /** A URL with a random secret path segment, shaped like a webhook URL: http://127.0.0.1:<port>/hooks/<secret>. */
  readonly url: string;
  /** The secret path segment of `url`; tests assert it never leaks. */
  readonly token: string;
  readonly requests: readonly WebhookRequest[];
  /** Sets the replies for the next requests; once used up, requests get 202 `{"status":"success"}`. */
  respond(replies: readonly WebhookReply[]): void;
  close(): Promise<void>;
}

/** Starts the receiver on a free loopback port. Requests to any other path get 404. */
export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const token = randomBytes(16).toString("hex");
  const hookPath = `/hooks/${token}`;
  const requests: WebhookRequest[] = [];
  const queue: WebhookReply[] = [];

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const body = (await readBody(request)).toString("utf8");
    const base = { method: request.method ?? "", path: request.url ?? "", headers: request.headers, body };
    const answer = (status: number, text: string, headers: Readonly<Record<string, string>> = {}): void => {
      requests.push({ ...base, status });
      response.writeHead(status, {
        "content-type": "application/json",
        "content-length": Buffer.byteLength(text),
        ...headers,
      });
      response.end(text);
    };
    if (!(request.url ?? "").startsWith(hookPath)) return answer(404, '{"message":"not found"}');
    const reply = queue.shift() ?? { status: 202, body: '{"status":"success"}' };
    if ("kind" in reply) {
      requests.push({ ...base, status: 0 });
      if (reply.kind === "drop-connection") request.socket.resetAndDestroy();
      return; // "hang": the socket stays open until the client gives up or the receiver closes
    }
    if (reply.delayMs !== undefined) await new Promise((r) => setTimeout(r, reply.delayMs));
    answer(reply.status, reply.body ?? "", reply.headers);
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
    token,
    requests,
    respond(replies) {
      queue.splice(0, queue.length, ...replies);
    },
    close: () =>
      new Promise<void>((resolveClose) => {
        server.closeAllConnections();
        server.close(() => resolveClose());
      }),
  };
}
