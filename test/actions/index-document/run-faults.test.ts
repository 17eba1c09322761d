import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { indexDocumentAction } from "../../../actions/index-document/index.js";
import type { ActionServices } from "../../../engine/action/types.js";
import {
  type FaultProxy,
  httpError,
  openSearchError,
  openSearchUrl,
  startFaultProxy,
  uniqueName,
} from "../../support/services/index.js";
import { ecsContext } from "../fixtures.js";
import { failureOf, runAction, testServices, useAwsTestEnv } from "../run-support.js";

/**
 * OpenSearch failing behind a fault proxy: a busy or restarting cluster is retryable, a refused
 * document is not, and the cached client recovers once the cluster is back.
 */
let proxy: FaultProxy;
let services: ActionServices;

beforeAll(async () => {
  useAwsTestEnv();
  proxy = await startFaultProxy(openSearchUrl());
  services = testServices();
});

afterAll(async () => {
  await proxy?.close();
});

function index(signal?: AbortSignal) {
  const params = { endpoint: proxy.url, index: uniqueName("ecs-events"), auth: { type: "none" } };
  return runAction(indexDocumentAction, params, ecsContext(), services, signal);
}

describe("index-document run: OpenSearch faults", () => {
  it("reports a 429 (rejected execution) as retryable, with Retry-After when given", async () => {
    const rejected = openSearchError(
      429,
      "es_rejected_execution_exception",
      "rejected execution of coordinating operation",
    );
    proxy.script([
      {
        match: { method: "PUT" },
        fault: { ...rejected, headers: { ...rejected.headers, "retry-after": "2" } },
      },
    ]);
    const failure = await failureOf(index());
    expect(failure.retryable).toBe(true);
    expect(failure.retryAfterMs).toBe(2000);
    expect(failure.message).toMatch(/failed: HTTP 429: es_rejected_execution_exception/);
  });

  it.each([
    [
      503,
      openSearchError(
        503,
        "cluster_block_exception",
        "blocked by: [SERVICE_UNAVAILABLE/1/state not recovered]",
      ),
    ],
    [502, httpError(502, "Bad Gateway")],
    [504, httpError(504, "Gateway Timeout")],
  ])("reports HTTP %i as retryable", async (status, fault) => {
    proxy.script([{ match: { method: "PUT" }, fault }]);
    const failure = await failureOf(index());
    expect(failure.retryable).toBe(true);
    expect(failure.message).toContain(`HTTP ${status}`);
  });

  it.each([
    [403, openSearchError(403, "security_exception", "no permissions for [indices:data/write/index]")],
    [400, openSearchError(400, "illegal_argument_exception", "bad request")],
  ])("reports HTTP %i as not retryable, with OpenSearch's reason", async (status, fault) => {
    proxy.script([{ match: { method: "PUT" }, fault }]);
    const failure = await failureOf(index());
    expect(failure.retryable).toBe(false);
    expect(failure.message).toContain(`HTTP ${status}`);
    expect(failure.message).toMatch(/security_exception|illegal_argument_exception/);
  });

  it("reports refused connections as retryable; the cached client recovers when the cluster is back", async () => {
    const first = await index();
    expect(first.status).toBe("changed");

    await proxy.refuseConnections();
    try {
      // The kept-alive socket of the first request dies with the server (undici: UND_ERR_SOCKET).
      const broken = await failureOf(index());
      expect(broken.retryable).toBe(true);
      expect(broken.message).toMatch(
        /ConnectionError: .*(UND_ERR_SOCKET|ECONNRESET|ECONNREFUSED|socket hang up)/,
      );
      // A new connection is refused.
      const refused = await failureOf(index());
      expect(refused.retryable).toBe(true);
      expect(refused.message).toContain("ConnectionError: connect ECONNREFUSED");
    } finally {
      await proxy.acceptConnections();
    }
    const recovered = await index();
    expect(recovered.detail).toMatchObject({ result: "created" });
  });

  it("reports a reset connection as retryable", async () => {
    proxy.script([{ match: { method: "PUT" }, fault: { kind: "reset" } }]);
    const failure = await failureOf(index());
    expect(failure.retryable).toBe(true);
  });

  it("stops at the abort signal and reports it as retryable", async () => {
    proxy.script([{ match: { method: "PUT" }, fault: { kind: "delay", ms: 10_000 } }]);
    const started = Date.now();
    const failure = await failureOf(index(AbortSignal.timeout(200)));
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(failure.retryable).toBe(true);
    expect(failure.message).toMatch(/aborted: the invocation ran out of time$/);
  });
});
