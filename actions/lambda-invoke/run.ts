import { ActionFailure, type ActionResult, type RunInput } from "../../engine/action/types.js";
import { callAws } from "../shared/call-aws.js";
import { responseExcerpt } from "../shared/http-request.js";
import { functionRegion } from "./function-ref.js";
import { type InvokeRequest, invokeRequest } from "./request.js";

/**
 * One Invoke, in the function ARN's region. A function error (`X-Amz-Function-Error`, only seen
 * with RequestResponse) is a failure carrying the function's errorType and message; it is not
 * retried here, since the function decided it (Lambda itself retries Event invocations).
 */
export async function runLambdaInvoke({ params, services, signal }: RunInput): Promise<ActionResult> {
  let req: InvokeRequest;
  try {
    req = invokeRequest(params);
  } catch (err) {
    throw new ActionFailure(`lambda:Invoke not sent: ${(err as Error).message}`, { retryable: false });
  }
  // Loaded on first call: importing the action (replay, plans, check) must not load the SDK client.
  const { InvokeCommand, LambdaClient } = await import("./sdk.js");
  const client = services.aws.client(
    LambdaClient,
    functionRegion(req.FunctionName) ?? services.aws.defaultRegion,
  );
  const out = await callAws("lambda:Invoke", signal, (opts) =>
    client.send(
      new InvokeCommand({
        FunctionName: req.FunctionName,
        InvocationType: req.InvocationType,
        Payload: new TextEncoder().encode(req.Payload),
      }),
      opts,
    ),
  );
  const answer = out.Payload ? new TextDecoder().decode(out.Payload) : "";
  if (out.FunctionError) {
    const { type, message } = functionError(answer);
    throw new ActionFailure(
      `lambda:Invoke: function ${req.FunctionName} failed (${out.FunctionError}): ${type}${message ? `: ${message}` : ""}`,
      {
        retryable: false,
      },
    );
  }
  const detail: Record<string, unknown> = { function: req.FunctionName, statusCode: out.StatusCode };
  if (out.ExecutedVersion !== undefined) detail.executedVersion = out.ExecutedVersion;
  if (req.InvocationType === "RequestResponse") detail.response = excerpt(answer);
  const how = req.InvocationType === "Event" ? "queued" : "answered";
  return {
    status: "changed",
    summary: `invoked ${req.FunctionName}: ${how} (HTTP ${out.StatusCode ?? "?"})`,
    detail,
  };
}

/** errorType and errorMessage of Lambda's error payload; whatever it holds, short and masked. */
function functionError(payload: string): { type: string; message: string } {
  try {
    const parsed = JSON.parse(payload) as { errorType?: unknown; errorMessage?: unknown };
    return {
      type: typeof parsed.errorType === "string" ? parsed.errorType : "Error",
      message: typeof parsed.errorMessage === "string" ? excerpt(parsed.errorMessage) : "",
    };
  } catch {
    return { type: "Error", message: excerpt(payload) };
  }
}

function excerpt(text: string): string {
  return responseExcerpt(text, []);
}
