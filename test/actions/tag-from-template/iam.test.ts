import { describe, expect, it } from "vitest";
import { tagFromTemplateAction } from "../../../actions/tag-from-template/index.js";
import { seedParams } from "./seed.js";

const describeInstances = {
  actions: ["ec2:DescribeInstances"],
  resources: ["*"],
  why: expect.stringContaining("no resource-level permissions"),
};

describe("tag-from-template iam", () => {
  it("seed 000: describe anywhere, write only the Name tag on instances", () => {
    expect(tagFromTemplateAction.iam(seedParams)).toEqual([
      describeInstances,
      {
        actions: ["ec2:CreateTags"],
        resources: ["arn:aws:ec2:*:*:instance/*"],
        conditions: { "ForAllValues:StringEquals": { "aws:TagKeys": ["Name"] } },
      },
    ]);
  });

  it.each([
    ["a literal region", "us-west-2", "arn:aws:ec2:us-west-2:*:instance/*"],
    ["a China region", "cn-north-1", "arn:aws-cn:ec2:cn-north-1:*:instance/*"],
    ["a templated region", "{{ event.region }}", "arn:aws:ec2:*:*:instance/*"],
  ])("scopes CreateTags to %s", (_name, region, resource) => {
    const [, createTags] = tagFromTemplateAction.iam({ tags: { Owner: "x", Name: "y" }, region });
    expect(createTags).toEqual({
      actions: ["ec2:CreateTags"],
      resources: [resource],
      conditions: { "ForAllValues:StringEquals": { "aws:TagKeys": ["Name", "Owner"] } },
    });
  });
});
