import { payloadText } from "../shared/json-payload.js";
import { busProblem } from "./bus.js";

/** One PutEvents entry, field for field as the SDK takes it. */
export interface PutEventsEntry {
  EventBusName: string;
  Source: string;
  DetailType: string;
  Detail: string;
  Resources?: string[];
}

/** EventBridge's limit on one entry (source, detail-type, detail, resources), in bytes. */
export const ENTRY_MAX_BYTES = 262_144;

/** Builds the entry from rendered params; errors name the param. */
export function putEventsEntry(
  params: Record<string, unknown>,
  context: Record<string, unknown>,
): PutEventsEntry {
  const bus = str(params, "bus");
  const problem = busProblem(bus);
  if (problem) throw new Error(`bus: "${bus}": ${problem}`);
  const detail = payloadText(params.detail, "detail", true);
  const parsed: unknown = JSON.parse(detail);
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
    throw new Error("detail: must be a JSON object, as EventBridge requires");
  }
  const entry: PutEventsEntry = {
    EventBusName: bus,
    Source: str(params, "source"),
    DetailType: str(params, "detailType"),
    Detail: detail,
  };
  const resources = params.resources ?? (context.event as { resources?: unknown } | undefined)?.resources;
  if (Array.isArray(resources) && resources.length > 0) {
    if (!resources.every((r) => typeof r === "string"))
      throw new Error("resources: expected a list of strings");
    entry.Resources = resources as string[];
  }
  const size =
    Buffer.byteLength(entry.Source) +
    Buffer.byteLength(entry.DetailType) +
    Buffer.byteLength(entry.Detail) +
    (entry.Resources ?? []).reduce((n, r) => n + Buffer.byteLength(r), 0);
  if (size > ENTRY_MAX_BYTES)
    throw new Error(`detail: the entry is ${size} bytes, over EventBridge's ${ENTRY_MAX_BYTES}`);
  return entry;
}

function str(params: Record<string, unknown>, key: string): string {
  const v = params[key];
  if (typeof v !== "string" || v === "") throw new Error(`${key}: rendered to an empty or non-string value`);
  return v;
}
