import { describe, expect, it } from "vitest";
import { tagFromTemplateAction } from "../../../actions/tag-from-template/index.js";
import { asgContext } from "../fixtures.js";
import { NAME_TEMPLATE, seedPlanParams } from "./seed.js";

describe("tag-from-template plan", () => {
  it("seed 000: describes the launched instance, then writes Name from its template", () => {
    expect(tagFromTemplateAction.plan({ params: seedPlanParams, context: asgContext() })).toEqual({
      type: "tag-from-template",
      summary: "tag i-0123456789abcdef0 in us-west-2: Name (only tags whose value changes)",
      steps: [
        {
          call: "ec2:DescribeInstances",
          input: { InstanceIds: ["i-0123456789abcdef0"] },
          note: expect.stringContaining("`instance` template root"),
        },
        {
          call: "ec2:CreateTags",
          input: { Resources: ["i-0123456789abcdef0"], Tags: [{ Key: "Name", Value: NAME_TEMPLATE }] },
          note: expect.stringMatching(/only tags whose rendered value differs.*no tag is written/),
        },
      ],
    });
  });

  it("overwrite: false says only absent tags are written", () => {
    const plan = tagFromTemplateAction.plan({
      params: { ...seedPlanParams, overwrite: false },
      context: asgContext(),
    });
    expect(plan.steps[1]?.note).toContain("only tags the instance does not have yet");
  });

  it("an explicit region wins over the event's", () => {
    const plan = tagFromTemplateAction.plan({
      params: { ...seedPlanParams, region: "eu-west-1" },
      context: asgContext(),
    });
    expect(plan.summary).toContain("in eu-west-1");
  });

  it("fails naming instanceId when it rendered to something else", () => {
    const params = { ...seedPlanParams, instanceId: "my-auto-scaling-group" };
    expect(() => tagFromTemplateAction.plan({ params, context: asgContext() })).toThrow(
      /^instanceId: rendered to "my-auto-scaling-group"/,
    );
  });
});
