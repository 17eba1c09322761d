import { partitionOf } from "./aws-partitions.js";

/**
 * Where a hand-written AWS call goes, as the SDK's own clients decide it: an explicit endpoint
 * (tests), then `AWS_ENDPOINT_URL_<SERVICE>`, then `AWS_ENDPOINT_URL` (both ignored when
 * `AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true`), then the service's regional endpoint in the
 * region's partition, FIPS and dual-stack variants by `AWS_USE_FIPS_ENDPOINT` and
 * `AWS_USE_DUALSTACK_ENDPOINT`. Partition data is the SDK's (aws-partitions.ts).
 * The shared config file's `endpoint_url` and `use_fips_endpoint` are not read: Lambda has none.
 */
export interface ServiceEndpointOptions {
  /** The service's endpoint prefix and env suffix, e.g. `sns` (→ `AWS_ENDPOINT_URL_SNS`). */
  service: string;
  region: string;
  endpoint?: string | undefined;
  env: Readonly<Record<string, string | undefined>>;
  /** Regions whose FIPS endpoint is the regular name (SNS's GovCloud regions). */
  fipsIsRegularIn?: readonly string[];
}

/** Regions are DNS labels; anything else would make a host name of whatever the string holds. */
const REGION = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

export function serviceEndpoint(opts: ServiceEndpointOptions): URL {
  const { service, region, env } = opts;
  const fips = isTrue(env.AWS_USE_FIPS_ENDPOINT);
  const dualStack = isTrue(env.AWS_USE_DUALSTACK_ENDPOINT);
  const custom =
    opts.endpoint ??
    (isTrue(env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS)
      ? undefined
      : env[`AWS_ENDPOINT_URL_${service.toUpperCase()}`] || env.AWS_ENDPOINT_URL || undefined);
  if (custom !== undefined) {
    // The SDK refuses these combinations too: a custom endpoint is taken as it is.
    if (fips) throw new Error("AWS_USE_FIPS_ENDPOINT cannot be combined with a custom endpoint");
    if (dualStack) throw new Error("AWS_USE_DUALSTACK_ENDPOINT cannot be combined with a custom endpoint");
    return new URL(custom);
  }
  if (!REGION.test(region)) throw new Error(`invalid region ${JSON.stringify(region)}`);
  const p = partitionOf(region);
  if (fips && !p.supportsFIPS) throw new Error(`FIPS endpoints are not available in partition ${p.name}`);
  if (dualStack && !p.supportsDualStack) {
    throw new Error(`dual-stack endpoints are not available in partition ${p.name}`);
  }
  const suffix = dualStack ? p.dualStackDnsSuffix : p.dnsSuffix;
  if (fips && !dualStack && opts.fipsIsRegularIn?.includes(region)) {
    return new URL(`https://${service}.${region}.${p.dnsSuffix}/`);
  }
  return new URL(`https://${fips ? `${service}-fips` : service}.${region}.${suffix}/`);
}

function isTrue(value: string | undefined): boolean {
  return value?.toLowerCase() === "true";
}
