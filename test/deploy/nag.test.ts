import { App, Stack } from "aws-cdk-lib";
import * as sqs from "aws-cdk-lib/aws-sqs";
import { AwsSolutionsChecks } from "cdk-nag";
import { beforeAll, describe, expect, it } from "vitest";
import { type BuiltStack, buildStack } from "./fixture.js";

let seeds: BuiltStack;
beforeAll(async () => {
  seeds = await buildStack();
});

const ACKNOWLEDGED = "aws:cdk:acknowledged-rules";

describe("cdk-nag AwsSolutions", () => {
  it("is live: it reports errors on a stack that breaks its rules", () => {
    const control = new Stack(new App(), "Control");
    new sqs.Queue(control, "Plain");
    const names = new AwsSolutionsChecks().validateScope(control).violations.map((v) => v.ruleName);
    expect(names).toContain("AwsSolutions-SQS4");
  });

  it("finds no unacknowledged error", () => {
    const report = new AwsSolutionsChecks().validateScope(seeds.stack);
    const errors = report.violations.filter((v) => v.severity === "error");
    expect(
      errors.map((v) => `${v.ruleName}: ${v.violatingResources.map((r) => r.constructPath).join(", ")}`),
    ).toEqual([]);
  });

  it("acknowledges every finding with a reason", () => {
    const acknowledgements = seeds.stack.node
      .findAll()
      .flatMap((c) => c.node.metadata.filter((m) => m.type === ACKNOWLEDGED))
      .flatMap((m) => Object.entries(m.data as Record<string, unknown>));
    expect(acknowledgements.length).toBeGreaterThan(0);
    for (const [id, reason] of acknowledgements) {
      expect(id).toMatch(/AwsSolutions-/);
      expect(typeof reason === "string" ? reason : JSON.stringify(reason)).toMatch(/\w{4,}.*\w{4,}/);
    }
  });

  it("acknowledges the IAM wildcards with the actions' own reasons", () => {
    const data = seeds.stack.node
      .findAll()
      .flatMap((c) => c.node.metadata.filter((m) => m.type === ACKNOWLEDGED))
      .map((m) => JSON.stringify(m.data))
      .join("\n");
    expect(data).toContain("AwsSolutions-IAM5[Resource::*]");
    expect(data).toContain("supports no resource-level permissions");
  });
});
