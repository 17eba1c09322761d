import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, vi } from "vitest";

/**
 * A loopback server that answers every request with the answer set last and keeps what it was
 * sent: the SDK's client and rulebridge's own AWS calls are sent to it in turn, so a test can
 * hold the two to the same requests and the same reading of each answer.
 */
export interface ScriptedAnswer {
  status: number;
  headers?: Record<string, string>;
  body: string;
}

export interface ScriptedServer {
  url: string;
  /** What the next requests get. */
  answer: ScriptedAnswer;
  /** Every request so far: its headers and body. */
  seen: { headers: IncomingMessage["headers"]; body: string }[];
  close(): Promise<void>;
}

/** The credentials both sides sign with; useScriptedServer puts them in the environment. */
export const SCRIPTED_CREDENTIALS = {
  accessKeyId: "AKIDTEST",
  secretAccessKey: "secret",
  sessionToken: "session-token",
};

function stubScriptedCredentials(): void {
  vi.stubEnv("AWS_ACCESS_KEY_ID", SCRIPTED_CREDENTIALS.accessKeyId);
  vi.stubEnv("AWS_SECRET_ACCESS_KEY", SCRIPTED_CREDENTIALS.secretAccessKey);
  vi.stubEnv("AWS_SESSION_TOKEN", SCRIPTED_CREDENTIALS.sessionToken);
}

/**
 * A server for the file's tests, started (and the credentials stubbed) before them and closed
 * after. The object is the server's state from the start; `url` is set when it listens.
 */
export function useScriptedServer(): ScriptedServer {
  const state: ScriptedServer = {
    url: "",
    answer: { status: 200, body: "" },
    seen: [],
    close: async () => {},
  };
  beforeAll(async () => {
    stubScriptedCredentials();
    const { url, close } = await startScriptedServer(state);
    Object.assign(state, { url, close });
  });
  afterAll(() => state.close());
  return state;
}

async function startScriptedServer(state: Pick<ScriptedServer, "answer" | "seen">): Promise<ScriptedServer> {
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => {
      body += c.toString("utf8");
    });
    req.on("end", () => {
      state.seen.push({ headers: req.headers, body });
      res.writeHead(state.answer.status, state.answer.headers ?? {});
      res.end(state.answer.body);
    });
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  return Object.assign(state, {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((done) => server.close(() => done())),
  });
}
