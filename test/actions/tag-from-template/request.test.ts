import { describe, expect, it } from "vitest";
import { instanceView } from "../../../actions/tag-from-template/instance-view.js";
import { tagsToWrite } from "../../../actions/tag-from-template/request.js";

describe("tagsToWrite", () => {
  const current = { Name: "vg-store-web-release-a-12-34", Env: "release" };
  it.each([
    ["an unchanged value writes nothing", { Name: "vg-store-web-release-a-12-34" }, true, []],
    [
      "a changed value is written",
      { Name: "vg-store-web-release-a-56-78" },
      true,
      [{ Key: "Name", Value: "vg-store-web-release-a-56-78" }],
    ],
    ["overwrite false keeps a present tag", { Name: "other" }, false, []],
    ["overwrite false still adds an absent tag", { Owner: "ops" }, false, [{ Key: "Owner", Value: "ops" }]],
    [
      "declaration order is kept",
      { Owner: "ops", Env: "prod", Name: "vg-store-web-release-a-12-34" },
      true,
      [
        { Key: "Owner", Value: "ops" },
        { Key: "Env", Value: "prod" },
      ],
    ],
    ["an empty value differs from an absent tag", { Cost: "" }, true, [{ Key: "Cost", Value: "" }]],
  ])("%s", (_name, rendered, overwrite, expected) => {
    expect(tagsToWrite(rendered, current, overwrite)).toEqual(expected);
  });

  it("does not treat inherited object keys as present tags", () => {
    expect(tagsToWrite({ constructor: "x" }, {}, false)).toEqual([{ Key: "constructor", Value: "x" }]);
  });
});

describe("instanceView", () => {
  it("flattens a DescribeInstances instance for templates", () => {
    expect(
      instanceView({
        InstanceId: "i-0123456789abcdef0",
        PrivateIpAddress: "10.0.12.34",
        InstanceType: "t3.micro",
        State: { Name: "running" },
        Placement: { AvailabilityZone: "us-west-2b" },
        Tags: [
          { Key: "Region", Value: "vg" },
          { Key: "App", Value: "store" },
        ],
      }),
    ).toEqual({
      id: "i-0123456789abcdef0",
      privateIp: "10.0.12.34",
      type: "t3.micro",
      state: "running",
      az: "us-west-2b",
      tags: { Region: "vg", App: "store" },
    });
  });

  it("leaves absent facts out so templates using them fail as missing", () => {
    const view = instanceView({ InstanceId: "i-12345678" });
    expect(view).toEqual({ id: "i-12345678", tags: {} });
    expect("publicIp" in view).toBe(false);
  });

  it("refuses an instance without an id", () => {
    expect(() => instanceView({})).toThrow(/without an InstanceId/);
  });
});
