import { Client } from "@opensearch-project/opensearch";
import { afterAll, describe, expect, it } from "vitest";
import { openSearchUrl, serviceVersions, uniqueName } from "../support/services/index.js";

describe("OpenSearch", () => {
  const client = new Client({ node: openSearchUrl() });
  const index = uniqueName("services-test");

  afterAll(async () => {
    await client.indices.delete({ index, ignore_unavailable: true });
    await client.close();
  });

  it("is the pinned 2.x integ-test distribution, plain HTTP on loopback, without the security plugin", async () => {
    expect(openSearchUrl()).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const info = await client.info();
    expect(info.body.version.number).toBe(serviceVersions().opensearch);
    expect(serviceVersions().opensearch).toMatch(/^2\./);
    const plugins = await client.cat.plugins({ format: "json" });
    expect(plugins.body).toEqual([]);
  });

  it("indexes a document and gets it back by id", async () => {
    const document = { "detail-type": "ECS Task State Change", detail: { lastStatus: "STOPPED" } };
    await client.index({ index, id: "event-1", body: document, refresh: true });
    const got = await client.get({ index, id: "event-1" });
    expect(got.body._source).toEqual(document);
    // Same id again replaces the document: a replayed event never duplicates.
    await client.index({ index, id: "event-1", body: document, refresh: true });
    const count = await client.count({ index });
    expect(count.body.count).toBe(1);
  });
});
