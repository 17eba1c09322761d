import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { isRegionCode, partitionOf, regionCode } from "../../../engine/alarm/aws-regions.js";

interface PartitionsInfo {
  partitions: Array<{ id: string; regions: Record<string, { description?: string }> }>;
}

/**
 * The AWS SDK's own partition data (the endpoints ruleset's partitions.json, shipped inside
 * @aws-sdk/core as an ES module exporting one JSON literal). Reading the file, not a copy, means
 * an SDK upgrade that adds a region makes this test fail until the display-name table has it.
 */
function sdkPartitions(): PartitionsInfo {
  const require = createRequire(import.meta.url);
  const root = dirname(require.resolve("@aws-sdk/core/package.json"));
  const file = join(root, "dist-es/submodules/client/util-endpoints/lib/aws/partitions.js");
  const text = readFileSync(file, "utf8");
  const json = /^export const partitionsInfo = ([\s\S]*);\s*$/.exec(text)?.[1];
  if (json === undefined) throw new Error(`${file} no longer has the expected shape`);
  return JSON.parse(json) as PartitionsInfo;
}

const regions = sdkPartitions().partitions.flatMap((p) =>
  Object.entries(p.regions)
    // aws-global, aws-cn-global, …: endpoint aliases, not regions.
    .filter(([code]) => /-\d+$/.test(code))
    .map(([code, r]) => ({ partition: p.id, code, description: r.description ?? "" })),
);

describe("region table against the SDK's partition data", () => {
  it("the SDK data was read (and has the regions the table once missed)", () => {
    expect(regions.length).toBeGreaterThan(35);
    expect(regions.map((r) => r.code)).toEqual(expect.arrayContaining(["me-west-1", "sa-west-1"]));
  });

  it.each(regions)("$description → $code ($partition)", ({ partition, code, description }) => {
    expect(regionCode(description)).toBe(code);
    expect(isRegionCode(code)).toBe(true);
    expect(partitionOf(code)).toBe(partition);
  });
});
