/**
 * AWS partitions: which DNS names a region's endpoints live under. The SDK's own table
 * (`partitionsInfo` in @aws-sdk/core/client), reduced to what endpoints need. Importing the
 * SDK's `partition` brings its endpoint-rules engine along (about 50 KB evaluated at the first
 * call), so the hand-written AWS calls keep this copy; test/actions/shared/aws-partitions.test.ts
 * holds it equal to the installed SDK's table, so an SDK upgrade that changes a partition fails
 * there until this is updated.
 */
export interface Partition {
  name: string;
  dnsSuffix: string;
  dualStackDnsSuffix: string;
  supportsFIPS: boolean;
  supportsDualStack: boolean;
  implicitGlobalRegion: string;
}

interface PartitionEntry {
  /** The SDK's `regionRegex`, as written there. */
  regionRegex: string;
  /** Names the SDK lists under the partition that its pattern does not match. */
  listed: readonly string[];
  outputs: Partition;
}

const row = (
  [name, regionRegex, dnsSuffix, dualStackDnsSuffix, implicitGlobalRegion]: readonly [
    string,
    string,
    string,
    string,
    string,
  ],
  listed: readonly string[],
): PartitionEntry => ({
  regionRegex,
  listed,
  outputs: {
    name,
    dnsSuffix,
    dualStackDnsSuffix,
    supportsFIPS: true,
    supportsDualStack: true,
    implicitGlobalRegion,
  },
});

/** In the SDK's order: a region matching no partition belongs to `aws`, as there. */
export const PARTITIONS: readonly PartitionEntry[] = [
  row(
    ["aws", "^(us|eu|ap|sa|ca|me|af|il|mx)\\-\\w+\\-\\d+$", "amazonaws.com", "api.aws", "us-east-1"],
    ["aws-global"],
  ),
  row(
    ["aws-cn", "^cn\\-\\w+\\-\\d+$", "amazonaws.com.cn", "api.amazonwebservices.com.cn", "cn-northwest-1"],
    ["aws-cn-global"],
  ),
  row(
    ["aws-eusc", "^eusc\\-(de)\\-\\w+\\-\\d+$", "amazonaws.eu", "api.amazonwebservices.eu", "eusc-de-east-1"],
    [],
  ),
  row(
    ["aws-iso", "^us\\-iso\\-\\w+\\-\\d+$", "c2s.ic.gov", "api.aws.ic.gov", "us-iso-east-1"],
    ["aws-iso-global"],
  ),
  row(
    ["aws-iso-b", "^us\\-isob\\-\\w+\\-\\d+$", "sc2s.sgov.gov", "api.aws.scloud", "us-isob-east-1"],
    ["aws-iso-b-global"],
  ),
  row(
    ["aws-iso-e", "^eu\\-isoe\\-\\w+\\-\\d+$", "cloud.adc-e.uk", "api.cloud-aws.adc-e.uk", "eu-isoe-west-1"],
    ["aws-iso-e-global"],
  ),
  row(
    ["aws-iso-f", "^us\\-isof\\-\\w+\\-\\d+$", "csp.hci.ic.gov", "api.aws.hci.ic.gov", "us-isof-south-1"],
    ["aws-iso-f-global"],
  ),
  row(
    ["aws-us-gov", "^us\\-gov\\-\\w+\\-\\d+$", "amazonaws.com", "api.aws", "us-gov-west-1"],
    ["aws-us-gov-global"],
  ),
];

const patterns = new Map<string, RegExp>();

/** The partition of a region, as the SDK's `partition(region)` answers it (without descriptions). */
export function partitionOf(region: string): Partition {
  for (const p of PARTITIONS) if (p.listed.includes(region)) return { ...p.outputs };
  for (const p of PARTITIONS) {
    let pattern = patterns.get(p.regionRegex);
    if (!pattern) {
      pattern = new RegExp(p.regionRegex);
      patterns.set(p.regionRegex, pattern);
    }
    if (pattern.test(region)) return { ...p.outputs };
  }
  return { ...(PARTITIONS[0] as PartitionEntry).outputs };
}
