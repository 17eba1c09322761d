import { type Auth, resolveAuth } from "./auth.js";
import { type Endpoint, isEndpointProblem, parseEndpoint } from "./endpoint.js";
import { indexNameProblem } from "./index-name.js";

/** OpenSearch refuses `_id`s over 512 bytes. */
const ID_MAX_BYTES = 512;

/** One index call: `PUT <endpoint>/<index>/_doc/<id>` with the document as body. */
export interface IndexRequest {
  method: "PUT";
  url: string;
  endpoint: Endpoint;
  index: string;
  id: string;
  document: Record<string, unknown>;
  auth: Auth;
}

/**
 * Builds the request from rendered params and the context (the default document is the event).
 * Values OpenSearch would refuse fail here, naming the param, so a dry run fails where a live one would.
 */
export function indexRequest(
  params: Record<string, unknown>,
  context: Record<string, unknown>,
): IndexRequest {
  const endpointText = stringParam(params, "endpoint");
  const endpoint = parseEndpoint(endpointText);
  if (isEndpointProblem(endpoint)) throw new Error(`endpoint: ${endpoint.message}`);

  const index = stringParam(params, "index");
  const indexProblem = indexNameProblem(index);
  if (indexProblem) throw new Error(`index: rendered to "${index}": ${indexProblem}`);

  const id = stringParam(params, "id");
  if (id === "") throw new Error("id: rendered to an empty string");
  if (Buffer.byteLength(id) > ID_MAX_BYTES) {
    throw new Error(`id: ${Buffer.byteLength(id)} bytes; OpenSearch allows at most ${ID_MAX_BYTES}`);
  }

  const document = documentOf(params.document, context);
  const auth = resolveAuth(params.auth, endpoint);
  const url = indexUrl(endpoint, index, id);
  return { method: "PUT", url, endpoint, index, id, document, auth };
}

/** Where a document goes: `<endpoint>/<index>/_doc/<id>`, both names escaped. */
export function indexUrl(endpoint: Endpoint, index: string, id: string): string {
  return `${endpoint.base}/${encodeURIComponent(index)}/_doc/${encodeURIComponent(id)}`;
}

/** Absent: the event itself. A mapping: as rendered. A string: rendered JSON text of an object. */
function documentOf(document: unknown, context: Record<string, unknown>): Record<string, unknown> {
  if (document === undefined) {
    if (!isObject(context.event)) throw new Error("document: no event in the context to index");
    return context.event;
  }
  if (isObject(document)) return document;
  if (typeof document === "string") {
    let parsed: unknown;
    try {
      parsed = JSON.parse(document);
    } catch {
      throw new Error("document: rendered text is not JSON; use a mapping, or a template ending in `| json`");
    }
    if (!isObject(parsed))
      throw new Error("document: rendered JSON is not an object; OpenSearch documents are objects");
    return parsed;
  }
  throw new Error("document: expected a mapping or a template string");
}

function stringParam(params: Record<string, unknown>, key: string): string {
  const value = params[key];
  if (typeof value !== "string") throw new Error(`${key}: expected a string`);
  return value;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}
