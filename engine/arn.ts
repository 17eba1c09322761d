/** The parts of an Amazon Resource Name: `arn:<partition>:<service>:<region>:<account>:<resource>`. */
export interface Arn {
  partition: string;
  service: string;
  /** Empty for global services (s3, iam). */
  region: string;
  /** Empty where the service omits it (s3); `aws` for AWS-owned IAM policies. */
  account: string;
  /** Everything after the fifth colon; may itself contain `:` and `/`. */
  resource: string;
}

/** What a caller expects an ARN to name. */
export interface ArnExpectation {
  service: string;
  /** e.g. `parameter/`, `key/`, `event-bus/`; omitted when the resource is a bare name (sns topics). */
  resourcePrefix?: string;
}

/** Partitions AWS has: commercial, China, GovCloud, the ISO (secret/top-secret) family, European Sovereign Cloud. */
const PARTITION = /^aws(-cn|-us-gov|-iso(-[a-z])?|-eusc)?$/;
const SERVICE = /^[a-z0-9][a-z0-9-]*$/;
/** `us-east-1`, `us-gov-west-1`, `cn-north-1`, `us-isob-east-1`, `eusc-de-east-1`, … */
const REGION = /^[a-z]{2,4}(-[a-z]+)+-\d{1,2}$/;
const ACCOUNT = /^\d{12}$/;

/** How a service spells its ARNs: whether region and account are always present. */
interface ServiceShape {
  region: "required" | "empty" | "optional";
  account: "required" | "empty" | "optional";
}

/**
 * Services rulebridge meets in rules and IAM. Anything else is checked leniently: region and
 * account must be well formed when present, but may be absent.
 */
const SHAPES: Readonly<Record<string, ServiceShape>> = {
  sns: { region: "required", account: "required" },
  sqs: { region: "required", account: "required" },
  kms: { region: "required", account: "required" },
  ssm: { region: "required", account: "required" },
  events: { region: "required", account: "required" },
  es: { region: "required", account: "required" },
  aoss: { region: "required", account: "required" },
  ec2: { region: "required", account: "required" },
  lambda: { region: "required", account: "required" },
  dynamodb: { region: "required", account: "required" },
  cloudwatch: { region: "required", account: "required" },
  logs: { region: "required", account: "required" },
  secretsmanager: { region: "required", account: "required" },
  s3: { region: "empty", account: "empty" },
  iam: { region: "empty", account: "required" },
  sts: { region: "empty", account: "required" },
};

/** Region prefixes outside the commercial partition; longest first so `us-isob-` wins over `us-iso-`. */
const REGION_PARTITIONS: ReadonlyArray<readonly [string, string]> = [
  ["us-isob-", "aws-iso-b"],
  ["us-isof-", "aws-iso-f"],
  ["eu-isoe-", "aws-iso-e"],
  ["us-iso-", "aws-iso"],
  ["us-gov-", "aws-us-gov"],
  ["eusc-", "aws-eusc"],
  ["cn-", "aws-cn"],
];

/** Structural parse; null when the text is not shaped like an ARN at all. Does not judge the service's rules. */
export function parseArn(s: string): Arn | null {
  if (typeof s !== "string" || !s.startsWith("arn:") || /\s/.test(s)) return null;
  const parts = s.split(":");
  if (parts.length < 6) return null;
  const [, partition, service, region, account] = parts as [string, string, string, string, string];
  const resource = parts.slice(5).join(":");
  if (!PARTITION.test(partition) || !SERVICE.test(service) || resource === "") return null;
  return { partition, service, region, account, resource };
}

/** The partition a region belongs to, e.g. `cn-north-1` → `aws-cn`. */
export function partitionOfRegion(region: string): string {
  for (const [prefix, partition] of REGION_PARTITIONS) if (region.startsWith(prefix)) return partition;
  return "aws";
}

/** Whether `s` is a well-formed region name (not whether AWS has launched it). */
export function isRegion(s: string): boolean {
  return REGION.test(s);
}

/**
 * Checks that `s` is a well-formed ARN of the expected service and resource type.
 * Returns null when it is, else a short reason (without repeating the ARN) for a problem message.
 */
export function checkArn(s: string, expect: ArnExpectation): string | null {
  if (typeof s !== "string") return judgeArn(s, expect);
  // Plans check the same few ARNs for every event a rule matches (replay plans millions).
  const key = `${expect.service}\u0000${expect.resourcePrefix ?? ""}\u0000${s}`;
  let verdict = verdicts.get(key);
  if (verdict === undefined) {
    if (verdicts.size >= MAX_VERDICTS) verdicts.clear();
    verdict = judgeArn(s, expect);
    verdicts.set(key, verdict);
  }
  return verdict;
}

/** checkArn's answers by service, prefix and text; cleared when full (rendered ARNs can be many). */
const verdicts = new Map<string, string | null>();
const MAX_VERDICTS = 4096;

function judgeArn(s: string, expect: ArnExpectation): string | null {
  if (typeof s !== "string" || !s.startsWith("arn:")) {
    return `not an ARN (expected arn:<partition>:${expect.service}:<region>:<account>:<resource>)`;
  }
  if (/\s/.test(s)) return "an ARN cannot contain whitespace";
  const parts = s.split(":");
  if (parts.length < 6) {
    return `an ARN has six colon-separated parts (arn:<partition>:${expect.service}:<region>:<account>:<resource>); found ${parts.length}`;
  }
  const arn = parseArn(s);
  if (!arn) {
    const partition = parts[1] ?? "";
    if (!PARTITION.test(partition)) {
      return `unknown partition "${partition}" (expected aws, aws-cn, aws-us-gov, aws-iso, aws-iso-b, aws-iso-e, aws-iso-f or aws-eusc)`;
    }
    if (!SERVICE.test(parts[2] ?? "")) return `malformed service "${parts[2] ?? ""}"`;
    return "the resource part is empty";
  }
  if (arn.service !== expect.service) return `names service "${arn.service}", expected "${expect.service}"`;

  const shape = SHAPES[arn.service] ?? { region: "optional", account: "optional" };
  const regionReason = checkRegion(arn, shape.region);
  if (regionReason) return regionReason;
  const accountReason = checkAccount(arn, shape.account);
  if (accountReason) return accountReason;

  if (expect.resourcePrefix !== undefined) {
    if (!arn.resource.startsWith(expect.resourcePrefix)) {
      return `resource "${arn.resource}" should start with "${expect.resourcePrefix}"`;
    }
    if (arn.resource.length === expect.resourcePrefix.length) {
      return `resource "${arn.resource}" names no ${expect.resourcePrefix.replace(/[/:]$/, "")}`;
    }
  }
  return null;
}

function checkRegion(arn: Arn, rule: ServiceShape["region"]): string | null {
  if (arn.region === "") return rule === "required" ? `a ${arn.service} ARN needs a region` : null;
  if (rule === "empty") return `a ${arn.service} ARN has no region (found "${arn.region}")`;
  if (!REGION.test(arn.region)) return `malformed region "${arn.region}"`;
  const expected = partitionOfRegion(arn.region);
  if (expected !== arn.partition) {
    return `region ${arn.region} is in partition ${expected}, not ${arn.partition}`;
  }
  return null;
}

function checkAccount(arn: Arn, rule: ServiceShape["account"]): string | null {
  if (arn.account === "")
    return rule === "required" ? `a ${arn.service} ARN needs a 12-digit account id` : null;
  if (rule === "empty") return `a ${arn.service} ARN has no account id (found "${arn.account}")`;
  // AWS-managed IAM policies are owned by the pseudo-account `aws`.
  if (arn.service === "iam" && arn.account === "aws") return null;
  if (!ACCOUNT.test(arn.account)) return `account id "${arn.account}" is not 12 digits`;
  return null;
}
