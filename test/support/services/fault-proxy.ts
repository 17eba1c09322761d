import {
  createServer,
  request as httpRequest,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type OutgoingHttpHeaders,
  type ServerResponse,
} from "node:http";
import type { AddressInfo } from "node:net";
import type { CannedResponse } from "./fault-responses.js";
import { readBody } from "./read-body.js";

/** What to do with a matching request instead of (or before) forwarding it. */
export type Fault =
  | CannedResponse
  /** TCP reset before any response: the client sees ECONNRESET. */
  | { readonly kind: "reset" }
  /** Forward, but only after this long: for client timeouts. */
  | { readonly kind: "delay"; readonly ms: number };

export interface RequestMatch {
  readonly method?: string;
  /** A string matches a path prefix; a RegExp is tested against path and query. */
  readonly path?: string | RegExp;
  /** The AWS operation: X-Amz-Target's suffix (JSON protocols), Action= (query/EC2), or /operation/<Name> (CBOR). */
  readonly awsAction?: string;
}

export interface FaultRule {
  /** Omitted: every request. */
  readonly match?: RequestMatch;
  /** How many matching requests get the fault (default 1; Infinity for all), after which they are forwarded. */
  readonly times?: number;
  readonly fault: Fault;
}

/** Rules are tried in order; the first matching rule with uses left applies. Unmatched requests are forwarded. */
export type FaultScript = readonly FaultRule[];

export interface ProxiedRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
  readonly awsAction: string | null;
  /** "forwarded", a fault kind ("respond", "reset", "delay" then forwarded), or "upstream-error". */
  readonly outcome: "forwarded" | "respond" | "reset" | "delayed" | "upstream-error";
  /** The status the client got; 0 when the connection was reset. */
  readonly status: number;
}

export interface FaultProxy {
  readonly url: string;
  readonly requests: readonly ProxiedRequest[];
  /** Replaces the script: from now on these rules apply, with fresh counts. */
  script(rules: FaultScript): void;
  /**
   * Stops listening and drops open connections: new connections are refused (ECONNREFUSED), as when the
   * server behind the proxy is stopped. Other test files keep their own server untouched.
   */
  refuseConnections(): Promise<void>;
  /** Listens again on the same port: "the server came back". */
  acceptConnections(): Promise<void>;
  close(): Promise<void>;
}

// Connection-level headers are the proxy's own business on each side (RFC 9110 7.6.1).
const HOP_BY_HOP = new Set([
  "connection",
  "keep-alive",
  "proxy-authenticate",
  "proxy-authorization",
  "proxy-connection",
  "te",
  "trailer",
  "transfer-encoding",
  "upgrade",
]);

function endToEnd(headers: IncomingHttpHeaders): OutgoingHttpHeaders {
  const out: OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined && !HOP_BY_HOP.has(name)) out[name] = value;
  }
  return out;
}

/** The AWS operation a request calls, whatever the protocol, so scripts can target "Publish" or "PutItem". */
function awsActionOf(request: IncomingMessage, body: string): string | null {
  const target = request.headers["x-amz-target"];
  if (typeof target === "string") return target.slice(target.lastIndexOf(".") + 1);
  const url = new URL(request.url ?? "/", "http://proxy.invalid");
  const cbor = /\/operation\/([A-Za-z0-9]+)$/.exec(url.pathname);
  if (cbor?.[1]) return cbor[1];
  const fromQuery = url.searchParams.get("Action");
  if (fromQuery) return fromQuery;
  if ((request.headers["content-type"] ?? "").startsWith("application/x-www-form-urlencoded")) {
    return new URLSearchParams(body).get("Action");
  }
  return null;
}

function matches(match: RequestMatch | undefined, request: IncomingMessage, action: string | null): boolean {
  if (match === undefined) return true;
  const path = request.url ?? "/";
  if (match.method !== undefined && match.method.toUpperCase() !== request.method) return false;
  if (typeof match.path === "string" && !path.startsWith(match.path)) return false;
  if (match.path instanceof RegExp && !match.path.test(path)) return false;
  if (match.awsAction !== undefined && match.awsAction !== action) return false;
  return true;
}

/**
 * Starts a loopback HTTP proxy in front of a real server (moto, OpenSearch) that answers the requests a
 * script selects with faults and forwards everything else unchanged (Host and signature headers included,
 * so signed requests stay valid). Fault injection in front of the real thing, not a mock of it.
 */
export async function startFaultProxy(target: string, initialScript: FaultScript = []): Promise<FaultProxy> {
  const upstream = new URL(target);
  if (upstream.protocol !== "http:") throw new Error(`fault proxy forwards to http:// only, not ${target}`);
  const requests: ProxiedRequest[] = [];
  let rules: { rule: FaultRule; left: number }[] = [];
  const timers = new Set<NodeJS.Timeout>();
  let closed = false;

  const setScript = (script: FaultScript): void => {
    rules = script.map((rule) => ({ rule, left: rule.times ?? 1 }));
  };
  setScript(initialScript);

  const forward = (
    request: IncomingMessage,
    response: ServerResponse,
    body: Buffer,
    record: (outcome: ProxiedRequest["outcome"], status: number) => void,
    outcome: "forwarded" | "delayed",
  ): void => {
    const headers = endToEnd(request.headers);
    headers["content-length"] = body.length;
    const outgoing = httpRequest(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: request.method,
        path: request.url,
        headers,
      },
      (upstreamResponse) => {
        const status = upstreamResponse.statusCode ?? 502;
        record(outcome, status);
        response.writeHead(status, endToEnd(upstreamResponse.headers));
        upstreamResponse.pipe(response);
      },
    );
    outgoing.once("error", (error) => {
      // Like a real reverse proxy: the upstream being down is a 502 to the client.
      record("upstream-error", 502);
      if (response.headersSent) {
        response.destroy();
      } else {
        const message = `fault proxy: ${target} unreachable: ${error.message}`;
        response.writeHead(502, {
          "content-type": "text/plain",
          "content-length": Buffer.byteLength(message),
        });
        response.end(message);
      }
    });
    outgoing.end(body);
  };

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const body = await readBody(request);
    const text = body.toString("utf8");
    const action = awsActionOf(request, text);
    const record = (outcome: ProxiedRequest["outcome"], status: number): void => {
      requests.push({
        method: request.method ?? "",
        path: request.url ?? "",
        headers: request.headers,
        body: text,
        awsAction: action,
        outcome,
        status,
      });
    };
    const entry = rules.find(({ rule, left }) => left > 0 && matches(rule.match, request, action));
    if (entry === undefined) return forward(request, response, body, record, "forwarded");
    entry.left -= 1;
    const { fault } = entry.rule;
    switch (fault.kind) {
      case "respond":
        record("respond", fault.status);
        response.writeHead(fault.status, {
          ...fault.headers,
          "content-length": Buffer.byteLength(fault.body),
        });
        response.end(fault.body);
        return;
      case "reset":
        record("reset", 0);
        request.socket.resetAndDestroy();
        return;
      case "delay": {
        const timer = setTimeout(() => {
          timers.delete(timer);
          if (!closed) forward(request, response, body, record, "delayed");
        }, fault.ms);
        timers.add(timer);
        return;
      }
    }
  };

  const server = createServer((request, response) => {
    handle(request, response).catch(() => request.socket.destroy());
  });
  const listen = (port: number): Promise<void> =>
    new Promise((resolveListen, rejectListen) => {
      server.once("error", rejectListen);
      server.listen(port, "127.0.0.1", () => {
        server.removeListener("error", rejectListen);
        resolveListen();
      });
    });
  const stopListening = (): Promise<void> =>
    new Promise((resolveClose) => {
      if (!server.listening) return resolveClose();
      server.close(() => resolveClose());
      server.closeAllConnections();
    });

  await listen(0);
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    script: setScript,
    refuseConnections: stopListening,
    async acceptConnections() {
      // The port was ours a moment ago; retry briefly in case the kernel still holds it, then say so.
      for (let attempt = 1; !server.listening; attempt += 1) {
        try {
          await listen(port);
        } catch (error) {
          if (attempt >= 20) {
            throw new Error(`fault proxy could not listen on port ${port} again: ${String(error)}`);
          }
          await new Promise((resolveRetry) => setTimeout(resolveRetry, 100));
        }
      }
    },
    async close() {
      closed = true;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      await stopListening();
    },
  };
}
