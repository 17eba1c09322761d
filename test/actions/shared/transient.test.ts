import { createServer } from "node:net";
import { describe, expect, it } from "vitest";
import {
  connectionFailure,
  isAbort,
  isRetryableStatus,
  retryAfterMs,
} from "../../../actions/shared/transient.js";

describe("connectionFailure", () => {
  it("finds the socket's code under fetch's TypeError", async () => {
    const err = await fetch(`http://127.0.0.1:${await closedPort()}/`).catch((e: unknown) => e);
    expect(connectionFailure(err)).toBe("ECONNREFUSED");
  });

  it("looks inside AggregateError (IPv4 and IPv6 both refused)", () => {
    const inner = Object.assign(new Error("connect ECONNREFUSED ::1:9"), { code: "ECONNREFUSED" });
    expect(connectionFailure(new AggregateError([inner], "all failed"))).toBe("ECONNREFUSED");
  });

  it("recognises socket hang up by its message", () => {
    expect(connectionFailure(new Error("socket hang up"))).toBe("socket hang up");
  });

  it("counts a host that does not resolve, as the SDK does (one policy for every path)", () => {
    expect(connectionFailure(Object.assign(new Error("x"), { code: "ENOTFOUND" }))).toBe("ENOTFOUND");
  });

  it("is undefined for errors that are not about the connection", () => {
    expect(connectionFailure(new Error("bad request"))).toBeUndefined();
    expect(connectionFailure("a string")).toBeUndefined();
  });
});

describe("isAbort", () => {
  it("is true for an aborted signal or an AbortError anywhere in the chain", () => {
    const controller = new AbortController();
    controller.abort();
    expect(isAbort(new Error("x"), controller.signal)).toBe(true);
    const abort = Object.assign(new Error("aborted"), { name: "AbortError" });
    expect(isAbort(new Error("wrapped", { cause: abort }))).toBe(true);
    expect(isAbort(new Error("x"), new AbortController().signal)).toBe(false);
  });
});

describe("isRetryableStatus", () => {
  it.each([
    [429, true],
    [408, true],
    [500, true],
    [503, true],
    [400, false],
    [403, false],
    [404, false],
    [410, false],
  ])("%i → %s", (status, retryable) => {
    expect(isRetryableStatus(status)).toBe(retryable);
  });
});

describe("retryAfterMs", () => {
  const now = Date.parse("2024-05-01T12:00:00Z");
  it.each([
    ["30", 30_000],
    [" 7 ", 7000],
    ["1.5", 1500],
    ["0", 0],
    ["Wed, 01 May 2024 12:00:10 GMT", 10_000],
    ["Wed, 01 May 2024 11:00:00 GMT", 0],
  ])("%s → %i ms", (header, ms) => {
    expect(retryAfterMs(header, now)).toBe(ms);
  });

  it.each([[null], [undefined], ["soon"], [""]])("%s → undefined", (header) => {
    expect(retryAfterMs(header, now)).toBeUndefined();
  });
});

/** A loopback port nothing listens on: bound, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
