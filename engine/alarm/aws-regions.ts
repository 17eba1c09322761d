import { isRegion, partitionOfRegion } from "../arn.js";

/**
 * Region display names as CloudWatch writes them in the `Region` field of alarm SNS messages
 * ("US East (N. Virginia)", older messages "US - N. Virginia" / "EU - Ireland"), mapped to codes.
 * Only a fallback: the alarm ARN in the message carries the code whenever it is present.
 */
const REGION_NAMES: Readonly<Record<string, string>> = {
  "US East (N. Virginia)": "us-east-1",
  "US East (Ohio)": "us-east-2",
  "US West (N. California)": "us-west-1",
  "US West (Oregon)": "us-west-2",
  "Africa (Cape Town)": "af-south-1",
  "Asia Pacific (Hong Kong)": "ap-east-1",
  "Asia Pacific (Taipei)": "ap-east-2",
  "Asia Pacific (Mumbai)": "ap-south-1",
  "Asia Pacific (Hyderabad)": "ap-south-2",
  "Asia Pacific (Singapore)": "ap-southeast-1",
  "Asia Pacific (Sydney)": "ap-southeast-2",
  "Asia Pacific (Jakarta)": "ap-southeast-3",
  "Asia Pacific (Melbourne)": "ap-southeast-4",
  "Asia Pacific (Malaysia)": "ap-southeast-5",
  "Asia Pacific (New Zealand)": "ap-southeast-6",
  "Asia Pacific (Thailand)": "ap-southeast-7",
  "Asia Pacific (Tokyo)": "ap-northeast-1",
  "Asia Pacific (Seoul)": "ap-northeast-2",
  "Asia Pacific (Osaka)": "ap-northeast-3",
  "Canada (Central)": "ca-central-1",
  "Canada West (Calgary)": "ca-west-1",
  "Europe (Frankfurt)": "eu-central-1",
  "Europe (Zurich)": "eu-central-2",
  "Europe (Ireland)": "eu-west-1",
  "Europe (London)": "eu-west-2",
  "Europe (Paris)": "eu-west-3",
  "Europe (Milan)": "eu-south-1",
  "Europe (Spain)": "eu-south-2",
  "Europe (Stockholm)": "eu-north-1",
  "Israel (Tel Aviv)": "il-central-1",
  "Middle East (Bahrain)": "me-south-1",
  "Middle East (UAE)": "me-central-1",
  "Middle East (Saudi Arabia)": "me-west-1",
  "Mexico (Central)": "mx-central-1",
  "South America (Sao Paulo)": "sa-east-1",
  "South America (Chile)": "sa-west-1",
  "AWS GovCloud (US-East)": "us-gov-east-1",
  "AWS GovCloud (US-West)": "us-gov-west-1",
  "AWS GovCloud (US)": "us-gov-west-1",
  "China (Beijing)": "cn-north-1",
  "China (Ningxia)": "cn-northwest-1",
  "AWS European Sovereign Cloud (Germany)": "eusc-de-east-1",
  "US ISO East": "us-iso-east-1",
  "US ISO West": "us-iso-west-1",
  "US ISOB East (Ohio)": "us-isob-east-1",
  "US ISOB West": "us-isob-west-1",
  "EU ISOE West": "eu-isoe-west-1",
  "US ISOF East": "us-isof-east-1",
  "US ISOF South": "us-isof-south-1",
  // Names used by older notifications.
  "US - N. Virginia": "us-east-1",
  "US - Ohio": "us-east-2",
  "US - N. California": "us-west-1",
  "US - Oregon": "us-west-2",
  "EU - Ireland": "eu-west-1",
  "EU - Frankfurt": "eu-central-1",
  "Asia Pacific - Singapore": "ap-southeast-1",
  "Asia Pacific - Sydney": "ap-southeast-2",
  "Asia Pacific - Tokyo": "ap-northeast-1",
  "South America - Sao Paulo": "sa-east-1",
};

/** Spelling-insensitive key: case, punctuation, accents and "EU"/"Europe" do not matter. */
function key(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]/g, "")
    .replace(/^europe/, "eu");
}

const BY_KEY: ReadonlyMap<string, string> = new Map(
  Object.entries(REGION_NAMES).map(([n, c]) => [key(n), c]),
);

/** `us-east-1`, `us-gov-west-1`, `eusc-de-east-1`; rejects placeholders like `REGION`. */
export function isRegionCode(value: unknown): value is string {
  return typeof value === "string" && isRegion(value);
}

/** The region code for a display name or a code; undefined when unknown. */
export function regionCode(name: unknown): string | undefined {
  if (typeof name !== "string") return undefined;
  if (isRegionCode(name)) return name;
  return BY_KEY.get(key(name));
}

/** A 12-digit AWS account id; rejects placeholders like `EXAMPLE`. */
export function isAccountId(value: unknown): value is string {
  return typeof value === "string" && /^\d{12}$/.test(value);
}

export interface ArnParts {
  partition: string;
  service: string;
  region: string;
  account: string;
  resource: string;
}

/** Splits `arn:partition:service:region:account:resource` (the resource may contain colons). */
export function parseArn(arn: unknown): ArnParts | undefined {
  if (typeof arn !== "string") return undefined;
  const m = /^arn:([^:]*):([^:]*):([^:]*):([^:]*):(.*)$/s.exec(arn);
  if (!m) return undefined;
  const [, partition = "", service = "", region = "", account = "", resource = ""] = m;
  return { partition, service, region, account, resource };
}

/** The partition an ARN in this region belongs to (one table for the whole engine, in arn.ts). */
export function partitionOf(region: string): string {
  return partitionOfRegion(region);
}
