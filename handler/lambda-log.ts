/**
 * The deployed function's log lines, written through Powertools Logger so every line carries a
 * timestamp, the request id, the cold-start flag, the X-Ray trace id and the function's name,
 * and obeys the level Lambda's logging config sets (AWS_LAMBDA_LOG_LEVEL). The record rulebridge
 * writes (event lines, invalid-input lines, rule warnings) keeps its keys beside those; the
 * lines arrive already redacted. Metric (EMF) documents bypass the logger: CloudWatch reads
 * them only when `_aws` sits at the top level, as written.
 */
import { Logger } from "@aws-lambda-powertools/logger";
import { type LogSink, stdoutLog } from "../engine/runtime/log-line.js";
import type { LambdaContext } from "./lambda-contract.js";

/** The `service` key of every line, as Powertools names it (POWERTOOLS_SERVICE_NAME overrides it). */
export const LOG_SERVICE_NAME = "rulebridge";

type Level = "debug" | "info" | "warn" | "error";
const LEVELS: ReadonlySet<string> = new Set<Level>(["debug", "info", "warn", "error"]);

export class LambdaLog {
  readonly logger: Logger;
  readonly #raw: LogSink;

  constructor(opts: { logger?: Logger; raw?: LogSink } = {}) {
    this.logger = opts.logger ?? new Logger({ serviceName: LOG_SERVICE_NAME });
    this.#raw = opts.raw ?? stdoutLog;
  }

  /** Call at the start of each invocation: request id, function and cold start join later lines. */
  invocation(context: LambdaContext | undefined): void {
    if (!context) return;
    this.logger.addContext({
      functionName: context.functionName ?? "",
      functionVersion: context.functionVersion ?? "",
      invokedFunctionArn: context.invokedFunctionArn ?? "",
      memoryLimitInMB: context.memoryLimitInMB ?? "",
      awsRequestId: context.awsRequestId ?? "",
    } as Parameters<Logger["addContext"]>[0]);
  }

  /** A LogSink for createHandler: one JSON record (or EMF document) a call. */
  readonly sink: LogSink = (line) => {
    let record: unknown;
    try {
      record = JSON.parse(line);
    } catch {
      this.#raw(line);
      return;
    }
    if (record === null || typeof record !== "object" || Array.isArray(record) || "_aws" in record) {
      this.#raw(line);
      return;
    }
    const { level, message, ...rest } = record as Record<string, unknown>;
    const method: Level = typeof level === "string" && LEVELS.has(level) ? (level as Level) : "info";
    this.logger[method](typeof message === "string" ? message : "rulebridge", rest);
  };
}
