import { ActionFailure, type ActionResult, type RunInput } from "../types.js";
import { openSearchClient } from "./opensearch-client.js";
import { openSearchFailure } from "./opensearch-failure.js";
import { type IndexRequest, indexRequest } from "./request.js";

/**
 * `PUT <endpoint>/<index>/_doc/<id>` with the document `plan` shows. Indexing under an explicit
 * id creates or replaces, so a replayed event (same id) updates its document, never adds another.
 */
export async function runIndexDocument({
  params,
  context,
  services,
  signal,
}: RunInput): Promise<ActionResult> {
  let request: IndexRequest;
  try {
    request = indexRequest(params, context);
  } catch (err) {
    throw new ActionFailure(`index-document not sent: ${(err as Error).message}`, { retryable: false });
  }
  const operation = `${request.method} ${request.url}`;
  if (signal.aborted) throw openSearchFailure(operation, signal.reason, signal);

  const client = await openSearchClient(request.endpoint, request.auth, services, signal);
  const pending = client.index({ index: request.index, id: request.id, body: request.document });
  // The client predates AbortSignal; its promise has its own abort(). The braces matter: abort()
  // returns the (rejecting) request thenable, and an EventTarget listener that returns a thenable
  // has its rejection rethrown by Node as an uncaught exception.
  const onAbort = (): void => {
    pending.abort();
  };
  signal.addEventListener("abort", onAbort, { once: true });
  let body: { result?: unknown; _version?: unknown; _seq_no?: unknown };
  try {
    body = (await pending).body;
  } catch (err) {
    throw openSearchFailure(operation, err, signal);
  } finally {
    signal.removeEventListener("abort", onAbort);
  }

  const result = typeof body.result === "string" ? body.result : "indexed";
  const detail: Record<string, unknown> = {
    host: request.endpoint.host,
    index: request.index,
    id: request.id,
    result,
  };
  if (typeof body._version === "number") detail.version = body._version;
  return {
    status: "changed",
    summary: `indexed document ${request.id} into ${request.index} at ${request.endpoint.host} (${result})`,
    detail,
  };
}
