import { createServer } from "node:net";

/**
 * A loopback URL where nothing listens, so connecting fails with ECONNREFUSED: "the server is stopped".
 * Fault tests point a client here (or use a fault proxy's refuseConnections()) instead of stopping the
 * shared OpenSearch, which other test files running at the same time still need. The port was free a
 * moment ago; on loopback the kernel hands out ports in sequence, so a reuse before the test ends is unlikely.
 */
export async function unreachableUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolveListen, rejectListen) => {
    server.once("error", rejectListen);
    server.listen(0, "127.0.0.1", () => resolveListen());
  });
  const address = server.address();
  const port = typeof address === "object" && address !== null ? address.port : 0;
  await new Promise<void>((resolveClose) => server.close(() => resolveClose()));
  return `http://127.0.0.1:${port}`;
}
