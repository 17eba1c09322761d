import { ActionFailure, type ActionResult, type RunInput } from "../../engine/action/types.js";
import { isEndpointProblem, parseEndpoint } from "./endpoint.js";
import { authorizer, type OpenSearchResponse, sendJson } from "./opensearch-client.js";
import { requestFailure, responseFailure } from "./opensearch-failure.js";
import { type IndexRequest, indexRequest, indexUrl } from "./request.js";

/**
 * Sends every index-document request to this OpenSearch instead of the rule's endpoint, as
 * AWS_ENDPOINT_URL does for the AWS clients: a local cluster for trying rules live. The rule's
 * auth still applies (a local cluster without the security plugin ignores a signature).
 */
export const OPENSEARCH_ENDPOINT_ENV = "RULEBRIDGE_OPENSEARCH_ENDPOINT";

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
  let endpoint = request.endpoint;
  const override = services.env[OPENSEARCH_ENDPOINT_ENV];
  if (override !== undefined && override !== "") {
    const parsed = parseEndpoint(override);
    if (isEndpointProblem(parsed)) {
      throw new ActionFailure(`index-document not sent: ${OPENSEARCH_ENDPOINT_ENV}: ${parsed.message}`, {
        retryable: false,
      });
    }
    endpoint = parsed;
  }
  const url = new URL(indexUrl(endpoint, request.index, request.id));
  const operation = `${request.method} ${url.href}`;
  if (signal.aborted) throw requestFailure(operation, signal.reason, signal);

  let response: OpenSearchResponse;
  try {
    const authorize = await authorizer(endpoint, request.auth, services, signal);
    response = await sendJson(request.method, url, request.document, authorize, services, signal);
  } catch (err) {
    throw requestFailure(operation, err, signal);
  }
  if (response.status < 200 || response.status > 299) throw responseFailure(operation, response);

  const body = (response.body ?? {}) as { result?: unknown; _version?: unknown };
  const result = typeof body.result === "string" ? body.result : "indexed";
  const detail: Record<string, unknown> = {
    host: endpoint.host,
    index: request.index,
    id: request.id,
    result,
  };
  if (typeof body._version === "number") detail.version = body._version;
  return {
    status: "changed",
    summary: `indexed document ${request.id} into ${request.index} at ${endpoint.host} (${result})`,
    detail,
  };
}
