import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { AwsSolutionsChecks } from "cdk-nag";
import { beforeAll, describe, expect, it } from "vitest";
import { cli } from "../../cli/cli.js";
import { buildStack } from "../deploy/fixture.js";
import { cfnLint, ensureCfnLint } from "../support/cfn-lint.js";
import { memoryIo } from "../support/memory-io.js";

/**
 * A rules folder using each new built-in (webhook with SSM and Secrets Manager secrets,
 * eventbridge-put to another account's bus, sqs-send to a FIFO queue, lambda-invoke of an alias),
 * synthesized as `rulebridge synth` does: cdk-nag and cfn-lint find nothing, and the engine role's
 * grants name each target.
 */
const RULES = resolve("test/actions/fixtures/rules-new-builtins");

describe("synth of a rule using every new built-in", () => {
  beforeAll(() => ensureCfnLint(), 600_000);

  it("is cdk-nag clean and grants each action exactly its target", async () => {
    const { stack, json } = await buildStack(RULES);
    const errors = new AwsSolutionsChecks()
      .validateScope(stack)
      .violations.filter((v) => v.severity === "error");
    expect(errors.map((v) => v.ruleName)).toEqual([]);

    // The engine role's inline policy; the actions' statements are the `Action…` ones.
    type Statement = { Sid?: string; Action: unknown; Resource: unknown };
    const statements = Object.values(json.Resources)
      .filter((r) => r.Type === "AWS::IAM::Role")
      .flatMap(
        (r) => (r.Properties?.Policies as { PolicyDocument: { Statement: Statement[] } }[] | undefined) ?? [],
      )
      .flatMap((p) => p.PolicyDocument.Statement)
      .filter((st) => st.Sid?.startsWith("Action"));
    const grants = (action: string) =>
      statements.filter((s) => [s.Action].flat().includes(action)).flatMap((s) => [s.Resource].flat());
    expect(grants("events:PutEvents")).toEqual([
      "arn:aws:events:eu-west-1:210987654321:event-bus/central-ops",
    ]);
    expect(grants("sqs:SendMessage")).toEqual(["arn:aws:sqs:us-east-1:123456789012:ecs-events.fifo"]);
    expect(grants("lambda:InvokeFunction").sort()).toEqual([
      "arn:aws:lambda:us-east-1:123456789012:function:remediate-ecs",
      "arn:aws:lambda:us-east-1:123456789012:function:remediate-ecs:live",
    ]);
    expect(grants("ssm:GetParameter")).toEqual(["arn:aws:ssm:*:*:parameter/pagerduty/routing-key"]);
    expect(grants("secretsmanager:GetSecretValue")).toEqual([
      "arn:aws:secretsmanager:*:*:secret:webhooks/teams-ops-??????",
    ]);
  });

  it("has zero cfn-lint errors", async () => {
    const out = join(await mkdtemp(join(tmpdir(), "rulebridge-synth-")), "cdk.out");
    const io = memoryIo();
    expect(await cli(["synth", "--rules", RULES, "--out", out], io), io.err).toBe(0);
    const findings = await cfnLint(io.out.trim(), { regions: ["us-east-1", "eu-west-1"] });
    expect(findings.filter((f) => f.level === "Error")).toEqual([]);
  });
});
