import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { createServer } from "node:https";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Agent, Dispatcher } from "undici-types";

/**
 * An HTTPS front for the loopback Slack receiver (which speaks plain HTTP): it terminates TLS with a
 * certificate made for this run and passes each request through. It lets a test post to an
 * `https://` webhook URL — the only scheme the Lambda blueprint's scheme-less URLs can become —
 * with real `fetch` verifying a real certificate.
 */
export interface TlsFront {
  /** `https://127.0.0.1:<port>`: replaces the receiver's origin, same paths. */
  origin: string;
  /** Real fetch, trusting this front's certificate (and nothing else extra). */
  fetch: typeof fetch;
  close(): Promise<void>;
}

export async function startTlsFront(target: string): Promise<TlsFront> {
  const upstream = new URL(target);
  const { key, cert } = selfSignedLoopbackCertificate();
  const server = createServer({ key, cert }, (req, res) => {
    const forward = httpRequest(
      {
        hostname: upstream.hostname,
        port: upstream.port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, host: upstream.host },
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    forward.on("error", () => res.destroy());
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const origin = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const AgentClass = await undiciAgentClass(origin);
  const dispatcher = new AgentClass({ connect: { ca: cert } });
  const trusting: typeof fetch = (input, init) => fetch(input, { ...init, dispatcher });
  return {
    origin,
    fetch: trusting,
    close: async () => {
      await dispatcher.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A key and self-signed certificate for IP 127.0.0.1, valid from now (so no clock skew matters). */
function selfSignedLoopbackCertificate(): { key: string; cert: string } {
  const dir = mkdtempSync(join(tmpdir(), "rulebridge-tls-"));
  try {
    // biome-ignore format: one openssl option per line reads better
    execFileSync("openssl", [
      "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
      "-keyout", join(dir, "key.pem"), "-out", join(dir, "cert.pem"), "-days", "1",
      "-subj", "/CN=rulebridge loopback test", "-addext", "subjectAltName=IP:127.0.0.1",
    ], { stdio: "pipe" });
    return {
      key: readFileSync(join(dir, "key.pem"), "utf8"),
      cert: readFileSync(join(dir, "cert.pem"), "utf8"),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

type AgentConstructor = new (options: Agent.Options) => Dispatcher;

/**
 * undici's Agent, the engine of Node's fetch. Node 20 does not export it, but the global
 * dispatcher fetch creates on first use is one; a first request (here: one the front's unknown
 * certificate makes fail) brings it into being.
 */
async function undiciAgentClass(origin: string): Promise<AgentConstructor> {
  const key = Symbol.for("undici.globalDispatcher.1");
  const global = globalThis as unknown as Record<symbol, unknown>;
  if (global[key] === undefined) await fetch(origin).catch(() => undefined);
  const dispatcher = global[key];
  if (dispatcher === null || typeof dispatcher !== "object") {
    throw new Error("Node's fetch has no undici global dispatcher to take the Agent class from");
  }
  return dispatcher.constructor as AgentConstructor;
}
