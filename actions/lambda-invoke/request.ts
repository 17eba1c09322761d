import { payloadText } from "../shared/json-payload.js";
import { functionProblem } from "./function-ref.js";

/** The Invoke request, as the SDK takes it (payload as text here; bytes when sent). */
export interface InvokeRequest {
  FunctionName: string;
  InvocationType: "Event" | "RequestResponse";
  Payload: string;
}

/** Lambda's payload limits: 256 KB for Event, 6 MB for RequestResponse. */
const PAYLOAD_MAX = { Event: 262_144, RequestResponse: 6_291_456 } as const;

/** Builds the request from rendered params; errors name the param. */
export function invokeRequest(params: Record<string, unknown>): InvokeRequest {
  const fn = params.function;
  if (typeof fn !== "string" || fn === "") throw new Error("function: expected a name or ARN");
  const problem = functionProblem(fn);
  if (problem) throw new Error(`function: ${problem}`);
  const type = params.invocationType ?? "Event";
  if (type !== "Event" && type !== "RequestResponse")
    throw new Error("invocationType: expected Event or RequestResponse");
  const payload = payloadText(params.payload, "payload", true);
  const bytes = Buffer.byteLength(payload);
  if (bytes > PAYLOAD_MAX[type])
    throw new Error(`payload: ${bytes} bytes, over Lambda's ${PAYLOAD_MAX[type]} for ${type}`);
  return { FunctionName: fn, InvocationType: type, Payload: payload };
}
