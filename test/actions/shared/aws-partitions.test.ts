import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { partition } from "@aws-sdk/core/client";
import { describe, expect, it } from "vitest";
import { PARTITIONS, partitionOf } from "../../../actions/shared/aws-partitions.js";

/**
 * The copy of the SDK's partition table (aws-partitions.ts) against the installed SDK's own
 * (`partitionsInfo` of @aws-sdk/core, read from its file: the package does not export it). An SDK
 * upgrade that adds or changes a partition fails here until the copy follows.
 */
interface SdkPartitions {
  partitions: {
    id: string;
    regionRegex: string;
    outputs: Record<string, unknown>;
    regions: Record<string, Record<string, unknown>>;
  }[];
}

const sdkTable = (): SdkPartitions => {
  const core = dirname(createRequire(import.meta.url).resolve("@aws-sdk/core/package.json"));
  const text = readFileSync(
    join(core, "dist-es/submodules/client/util-endpoints/lib/aws/partitions.js"),
    "utf8",
  );
  const literal = /^export const partitionsInfo = ([\s\S]*);\s*$/.exec(text)?.[1];
  if (literal === undefined) throw new Error("the SDK's partitions.js changed shape: update this test");
  return JSON.parse(literal) as SdkPartitions;
};

describe("PARTITIONS", () => {
  const sdk = sdkTable();

  it("holds the SDK's partitions, in its order, with its patterns and outputs", () => {
    expect(PARTITIONS.map((p) => [p.outputs.name, p.regionRegex, p.outputs])).toEqual(
      sdk.partitions.map((p) => [p.id, p.regionRegex, p.outputs]),
    );
  });

  it("lists the regions the SDK names that its patterns do not match", () => {
    for (const p of sdk.partitions) {
      const unmatched = Object.keys(p.regions).filter((r) => !new RegExp(p.regionRegex).test(r));
      expect(PARTITIONS.find((q) => q.outputs.name === p.id)?.listed, p.id).toEqual(unmatched);
    }
  });

  it("answers every region the SDK knows, and unknown ones, as the SDK's partition() does", () => {
    const regions = sdk.partitions.flatMap((p) => Object.keys(p.regions));
    expect(regions.length).toBeGreaterThan(30);
    for (const region of [
      ...regions,
      "xx-nowhere-1",
      "us-iso-west-9",
      "eusc-de-west-7",
      "aws-eusc-global",
      "local",
    ]) {
      const { description: _description, ...expected } = partition(region) as unknown as Record<
        string,
        unknown
      >;
      expect(partitionOf(region), region).toEqual(expected);
    }
  });
});
