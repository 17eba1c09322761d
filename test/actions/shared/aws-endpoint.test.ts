import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { SNSClient } from "@aws-sdk/client-sns";
import { describe, expect, it } from "vitest";
import { serviceEndpoint } from "../../../actions/shared/aws-endpoint.js";

/** Where a hand-written SNS call goes, against the SNS client's own endpoint rules. */
const sdk = new SNSClient({ region: "us-east-1" });
const sdkEndpoint = (Region: string, UseFIPS: boolean, UseDualStack: boolean): string =>
  sdk.config.endpointProvider({ Region, UseFIPS, UseDualStack }).url.href;

const sns = (region: string, env: Record<string, string> = {}, endpoint?: string) =>
  serviceEndpoint({
    service: "sns",
    region,
    endpoint,
    env,
    fipsIsRegularIn: ["us-gov-east-1", "us-gov-west-1"],
  }).href;

describe("serviceEndpoint (SNS)", () => {
  const regions = [
    "us-east-1",
    "eu-west-3",
    "ap-southeast-7",
    "mx-central-1",
    "cn-north-1",
    "cn-northwest-1",
    "us-gov-west-1",
    "us-gov-east-1",
    "us-iso-east-1",
    "us-isob-east-1",
    "eu-isoe-west-1",
    "us-isof-south-1",
    "eusc-de-east-1",
    "xx-nowhere-1",
  ];
  const variants = [
    [false, false],
    [true, false],
    [false, true],
    [true, true],
  ] as const;

  it.each(regions)("gives %s's endpoints, FIPS and dual-stack included, as the SNS client does", (region) => {
    for (const [fips, dualStack] of variants) {
      const env: Record<string, string> = {};
      if (fips) env.AWS_USE_FIPS_ENDPOINT = "true";
      if (dualStack) env.AWS_USE_DUALSTACK_ENDPOINT = "true";
      expect(sns(region, env), `${region} fips=${fips} dualStack=${dualStack}`).toBe(
        sdkEndpoint(region, fips, dualStack),
      );
    }
  });

  it.each([
    [
      "an explicit endpoint first",
      { AWS_ENDPOINT_URL_SNS: "http://b:2/", AWS_ENDPOINT_URL: "http://c:3/" },
      "http://a:1/",
      "http://a:1/",
    ],
    [
      "then AWS_ENDPOINT_URL_SNS",
      { AWS_ENDPOINT_URL_SNS: "http://b:2/", AWS_ENDPOINT_URL: "http://c:3/" },
      undefined,
      "http://b:2/",
    ],
    ["then AWS_ENDPOINT_URL", { AWS_ENDPOINT_URL: "http://c:3/" }, undefined, "http://c:3/"],
    [
      "neither when AWS_IGNORE_CONFIGURED_ENDPOINT_URLS is true",
      { AWS_ENDPOINT_URL: "http://c:3/", AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: "true" },
      undefined,
      "https://sns.eu-west-1.amazonaws.com/",
    ],
  ])("takes %s", (_what, env, endpoint, expected) => {
    expect(sns("eu-west-1", env, endpoint)).toBe(expected);
  });

  it.each([
    [{ AWS_ENDPOINT_URL: "http://c:3/", AWS_USE_FIPS_ENDPOINT: "true" }, /FIPS.*custom endpoint/],
    [
      { AWS_ENDPOINT_URL_SNS: "http://c:3/", AWS_USE_DUALSTACK_ENDPOINT: "true" },
      /DUALSTACK.*custom endpoint/,
    ],
  ])("refuses a custom endpoint with FIPS or dual-stack, as the SDK does", (env, message) => {
    expect(() => sns("eu-west-1", env)).toThrow(message);
  });

  it("refuses a region that is not a DNS label", () => {
    expect(() => sns("us-east-1.evil.example/")).toThrow(/invalid region/);
  });
});

describe("serviceEndpoint (DynamoDB, the idempotency store's)", () => {
  const client = new DynamoDBClient({ region: "us-east-1" });
  it.each([
    "us-east-1",
    "eu-central-1",
    "cn-northwest-1",
    "us-gov-west-1",
    "us-gov-east-1",
    "us-isob-east-1",
    "eusc-de-east-1",
  ])("gives %s's regional endpoints as the DynamoDB client does (account-ID endpoints off)", (region) => {
    for (const [UseFIPS, UseDualStack] of [
      [false, false],
      [true, false],
      [false, true],
      [true, true],
    ] as const) {
      const env: Record<string, string> = {};
      if (UseFIPS) env.AWS_USE_FIPS_ENDPOINT = "true";
      if (UseDualStack) env.AWS_USE_DUALSTACK_ENDPOINT = "true";
      const ours = serviceEndpoint({
        service: "dynamodb",
        region,
        env,
        fipsIsRegularIn: ["us-gov-east-1", "us-gov-west-1"],
      });
      const theirs = client.config.endpointProvider({
        Region: region,
        UseFIPS,
        UseDualStack,
        AccountIdEndpointMode: "disabled",
      });
      expect(ours.href, `${region} fips=${UseFIPS} dualStack=${UseDualStack}`).toBe(theirs.url.href);
    }
  });
});
