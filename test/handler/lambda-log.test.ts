import { Logger } from "@aws-lambda-powertools/logger";
import { afterEach, describe, expect, it, vi } from "vitest";
import { LambdaLog } from "../../handler/lambda-log.js";

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
});

/** What the Powertools logger writes (stdout and stderr), one parsed line each. */
function capture(): () => Record<string, unknown>[] {
  const lines: string[] = [];
  const grab = (chunk: string | Uint8Array): boolean => {
    lines.push(String(chunk));
    return true;
  };
  vi.spyOn(process.stdout, "write").mockImplementation(grab);
  vi.spyOn(process.stderr, "write").mockImplementation(grab);
  return () =>
    lines
      .join("")
      .split("\n")
      .filter((l) => l.startsWith("{"))
      .map((l) => JSON.parse(l) as Record<string, unknown>);
}

describe("LambdaLog", () => {
  it.each([
    { level: "info", written: "INFO" },
    { level: "error", written: "ERROR" },
    { level: "warn", written: "WARN" },
    { level: undefined, written: "INFO" },
  ])("writes a $level record at $written, keeping its keys", ({ level, written }) => {
    const lines = capture();
    const log = new LambdaLog({ logger: new Logger({ serviceName: "rulebridge", logLevel: "DEBUG" }) });
    log.sink(JSON.stringify({ level, message: "rulebridge event", eventId: "e-1", decisions: [] }));
    expect(lines()).toEqual([
      expect.objectContaining({
        level: written,
        message: "rulebridge event",
        service: "rulebridge",
        eventId: "e-1",
        decisions: [],
        timestamp: expect.any(String),
      }),
    ]);
  });

  it("adds the invocation's request id and function name to later lines", () => {
    const lines = capture();
    const log = new LambdaLog({ logger: new Logger({ serviceName: "rulebridge" }) });
    log.invocation({ getRemainingTimeInMillis: () => 1000, awsRequestId: "req-9", functionName: "fn" });
    log.sink(JSON.stringify({ level: "info", message: "m" }));
    expect(lines()[0]).toMatchObject({ function_request_id: "req-9", function_name: "fn" });
  });

  it.each([
    { what: "an EMF document", line: JSON.stringify({ _aws: { Timestamp: 1 }, Events: 1 }) },
    { what: "a line that is not JSON", line: "plain text" },
    { what: "a JSON array", line: "[1,2]" },
  ])("passes $what through unchanged", ({ line }) => {
    const raw: string[] = [];
    const log = new LambdaLog({ logger: new Logger({ serviceName: "rulebridge" }), raw: (l) => raw.push(l) });
    log.sink(line);
    expect(raw).toEqual([line]);
  });

  it("drops info lines below the level Lambda sets", () => {
    vi.stubEnv("AWS_LAMBDA_LOG_LEVEL", "WARN");
    const lines = capture();
    const log = new LambdaLog();
    log.sink(JSON.stringify({ level: "info", message: "quiet" }));
    log.sink(JSON.stringify({ level: "error", message: "loud" }));
    expect(lines().map((l) => l.message)).toEqual(["loud"]);
  });
});
