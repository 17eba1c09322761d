import type { ActionFailure } from "../../engine/action/types.js";
import { processRetryBudget } from "./retry-budget.js";

/**
 * The failure for an AWS call that failed (see awsFailure). The SDK's error classifiers are
 * loaded with it on the first failure, not when the action loads: in the engine bundle a static
 * import put @smithy/core's retry code on every cold start, though most invocations never fail.
 */
export async function awsFailureOf(
  operation: string,
  err: unknown,
  signal?: AbortSignal,
): Promise<ActionFailure> {
  const { awsFailure } = await import("./aws-failure.js");
  return awsFailure(operation, err, signal);
}

/**
 * Runs one AWS call with the invocation's abort signal, turning any error into an ActionFailure.
 * `call` gets the options object to hand to `client.send`. A success refunds the retry budget.
 */
export async function callAws<T>(
  operation: string,
  signal: AbortSignal,
  call: (options: { abortSignal: AbortSignal }) => Promise<T>,
): Promise<T> {
  let out: T;
  try {
    out = await call({ abortSignal: signal });
  } catch (err) {
    throw await awsFailureOf(operation, err, signal);
  }
  processRetryBudget.refund();
  return out;
}
