import { describe, expect, it } from "vitest";
import { checkArn, isRegion, parseArn, partitionOfRegion } from "../../engine/arn.js";

describe("parseArn", () => {
  it.each([
    [
      "arn:aws:sns:us-east-1:123456789012:ECSTaskErrorNotification",
      {
        partition: "aws",
        service: "sns",
        region: "us-east-1",
        account: "123456789012",
        resource: "ECSTaskErrorNotification",
      },
    ],
    [
      "arn:aws:s3:::my-bucket/key",
      { partition: "aws", service: "s3", region: "", account: "", resource: "my-bucket/key" },
    ],
    [
      "arn:aws:iam::aws:policy/AdministratorAccess",
      {
        partition: "aws",
        service: "iam",
        region: "",
        account: "aws",
        resource: "policy/AdministratorAccess",
      },
    ],
    [
      "arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/fn:*",
      {
        partition: "aws",
        service: "logs",
        region: "us-east-1",
        account: "123456789012",
        resource: "log-group:/aws/lambda/fn:*",
      },
    ],
    [
      "arn:aws-cn:kms:cn-north-1:123456789012:key/abc",
      {
        partition: "aws-cn",
        service: "kms",
        region: "cn-north-1",
        account: "123456789012",
        resource: "key/abc",
      },
    ],
    [
      "arn:aws-us-gov:sns:us-gov-west-1:123456789012:t",
      {
        partition: "aws-us-gov",
        service: "sns",
        region: "us-gov-west-1",
        account: "123456789012",
        resource: "t",
      },
    ],
    [
      "arn:aws-iso-b:sns:us-isob-east-1:123456789012:t",
      {
        partition: "aws-iso-b",
        service: "sns",
        region: "us-isob-east-1",
        account: "123456789012",
        resource: "t",
      },
    ],
  ])("parses %s", (text, arn) => {
    expect(parseArn(text)).toEqual(arn);
  });

  it.each([
    ["empty", ""],
    ["a bare name", "ECSTaskErrorNotification"],
    ["too few parts", "arn:aws:sns:us-east-1:123456789012"],
    ["unknown partition", "arn:azure:sns:us-east-1:123456789012:t"],
    ["upper-case prefix", "ARN:aws:sns:us-east-1:123456789012:t"],
    ["empty resource", "arn:aws:sns:us-east-1:123456789012:"],
    ["empty service", "arn:aws::us-east-1:123456789012:t"],
    ["whitespace", "arn:aws:sns:us-east-1:123456789012:my topic"],
  ])("rejects %s", (_name, text) => {
    expect(parseArn(text)).toBeNull();
  });
});

describe("checkArn", () => {
  it.each([
    ["sns topic", "arn:aws:sns:us-east-1:123456789012:ECSTaskErrorNotification", { service: "sns" }],
    ["FIFO topic", "arn:aws:sns:us-east-1:123456789012:orders.fifo", { service: "sns" }],
    ["China", "arn:aws-cn:sns:cn-northwest-1:123456789012:t", { service: "sns" }],
    [
      "GovCloud",
      "arn:aws-us-gov:kms:us-gov-east-1:123456789012:key/k",
      { service: "kms", resourcePrefix: "key/" },
    ],
    [
      "ISO",
      "arn:aws-iso:ssm:us-iso-east-1:123456789012:parameter/x",
      { service: "ssm", resourcePrefix: "parameter/" },
    ],
    [
      "event bus",
      "arn:aws:events:us-east-1:123456789012:event-bus/default",
      { service: "events", resourcePrefix: "event-bus/" },
    ],
    ["s3 without region or account", "arn:aws:s3:::bucket", { service: "s3" }],
    [
      "AWS-managed IAM policy",
      "arn:aws:iam::aws:policy/ReadOnlyAccess",
      { service: "iam", resourcePrefix: "policy/" },
    ],
    [
      "unlisted service, lenient",
      "arn:aws:states:us-east-1:123456789012:stateMachine:x",
      { service: "states" },
    ],
  ])("accepts %s", (_name, text, expectation) => {
    expect(checkArn(text, expectation)).toBeNull();
  });

  it.each([
    ["a bare name", "ECSTaskErrorNotification", { service: "sns" }, "not an ARN"],
    ["too few parts", "arn:aws:sns:us-east-1:t", { service: "sns" }, "six colon-separated parts"],
    [
      "unknown partition",
      "arn:aws-moon:sns:us-east-1:123456789012:t",
      { service: "sns" },
      'unknown partition "aws-moon"',
    ],
    [
      "another service",
      "arn:aws:sqs:us-east-1:123456789012:q",
      { service: "sns" },
      'names service "sqs", expected "sns"',
    ],
    ["no region", "arn:aws:sns::123456789012:t", { service: "sns" }, "needs a region"],
    [
      "malformed region",
      "arn:aws:sns:us-east:123456789012:t",
      { service: "sns" },
      'malformed region "us-east"',
    ],
    [
      "region of another partition",
      "arn:aws:sns:cn-north-1:123456789012:t",
      { service: "sns" },
      "partition aws-cn, not aws",
    ],
    ["no account", "arn:aws:kms:us-east-1::key/k", { service: "kms" }, "needs a 12-digit account id"],
    [
      "short account",
      "arn:aws:sns:us-east-1:12345678901:t",
      { service: "sns" },
      'account id "12345678901" is not 12 digits',
    ],
    ["s3 with a region", "arn:aws:s3:us-east-1::bucket", { service: "s3" }, "has no region"],
    [
      "wrong resource type",
      "arn:aws:ssm:us-east-1:123456789012:document/x",
      { service: "ssm", resourcePrefix: "parameter/" },
      'should start with "parameter/"',
    ],
    [
      "resource type without a name",
      "arn:aws:ssm:us-east-1:123456789012:parameter/",
      { service: "ssm", resourcePrefix: "parameter/" },
      "names no parameter",
    ],
    ["whitespace", "arn:aws:sns:us-east-1:123456789012:my topic", { service: "sns" }, "whitespace"],
  ])("refuses %s", (_name, text, expectation, reason) => {
    expect(checkArn(text, expectation)).toContain(reason);
  });
});

describe("partitionOfRegion", () => {
  it.each([
    ["us-east-1", "aws"],
    ["eu-central-2", "aws"],
    ["cn-north-1", "aws-cn"],
    ["us-gov-west-1", "aws-us-gov"],
    ["us-iso-east-1", "aws-iso"],
    ["us-isob-east-1", "aws-iso-b"],
    ["eu-isoe-west-1", "aws-iso-e"],
    ["us-isof-south-1", "aws-iso-f"],
    ["eusc-de-east-1", "aws-eusc"],
  ])("%s is in %s", (region, partition) => {
    expect(partitionOfRegion(region)).toBe(partition);
  });
});

describe("isRegion", () => {
  it.each([
    ["us-east-1", true],
    ["ap-southeast-4", true],
    ["us-gov-west-1", true],
    ["us-east", false],
    ["US-EAST-1", false],
    ["mars", false],
    ["{{ event.region }}", false],
  ])("%s → %s", (text, ok) => {
    expect(isRegion(text)).toBe(ok);
  });
});
