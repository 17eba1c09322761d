import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { type BuiltStack, buildStack, seedRulesCopy } from "./fixture.js";

interface Statement {
  Sid?: string;
  Effect: string;
  Action: string | string[];
  Resource: unknown;
  Condition?: Record<string, Record<string, unknown>>;
}

let seeds: BuiltStack;
let statements: Statement[];
beforeAll(async () => {
  seeds = await buildStack();
  const role = Object.values(seeds.template.findResources("AWS::IAM::Role"))[0]!;
  const policies = role.Properties.Policies as { PolicyDocument: { Statement: Statement[] } }[];
  expect(policies).toHaveLength(1);
  statements = policies[0]!.PolicyDocument.Statement;
});

const actionsOf = (s: Statement): string[] => (Array.isArray(s.Action) ? s.Action : [s.Action]);
function withAction(action: string): Statement[] {
  return statements.filter((s) => actionsOf(s).includes(action));
}

describe("the engine role: least privilege from the actions' declarations", () => {
  it("allows sns:Publish on the seed's topic only", () => {
    const [s, ...more] = withAction("sns:Publish");
    expect(more).toEqual([]);
    expect(s!.Resource).toBe("arn:aws:sns:us-east-1:123456789012:ECSTaskErrorNotification");
  });

  it("allows kms:Decrypt only for the webhook's encryption context and key alias", () => {
    const [s, ...more] = withAction("kms:Decrypt");
    expect(more).toEqual([]);
    expect(s!.Condition?.StringEquals).toEqual({
      "kms:EncryptionContext:LambdaFunctionName": "rulebridge-engine",
    });
    expect(s!.Condition?.["ForAnyValue:StringEquals"]).toEqual({ "kms:ResourceAliases": "alias/rulebridge" });
    expect(s!.Resource).toBe("arn:aws:kms:us-east-1:123456789012:key/*");
  });

  it("allows es:ESHttpPut on the seed's domain and index path", () => {
    const [s, ...more] = withAction("es:ESHttpPut");
    expect(more).toEqual([]);
    expect(s!.Resource).toBe("arn:aws:es:us-east-1:*:domain/ecs-events/ecs-events-*/*");
  });

  it("allows ec2:DescribeInstances on * and ec2:CreateTags only for the declared tag keys", () => {
    expect(withAction("ec2:DescribeInstances").map((s) => s.Resource)).toEqual(["*"]);
    const [tags, ...more] = withAction("ec2:CreateTags");
    expect(more).toEqual([]);
    expect(tags!.Resource).toBe("arn:aws:ec2:*:*:instance/*");
    expect(tags!.Condition).toEqual({ "ForAllValues:StringEquals": { "aws:TagKeys": ["Name"] } });
  });

  it("adds only logs, idempotency and DLQ access of its own", () => {
    const own = statements
      .filter((s) => s.Sid?.startsWith("Engine"))
      .flatMap(actionsOf)
      .sort();
    expect(own).toEqual([
      "dynamodb:DeleteItem",
      "dynamodb:GetItem",
      "dynamodb:PutItem",
      "dynamodb:UpdateItem",
      "logs:CreateLogStream",
      "logs:PutLogEvents",
      "sqs:SendMessage",
    ]);
    const fromActions = statements
      .filter((s) => !s.Sid?.startsWith("Engine"))
      .flatMap(actionsOf)
      .sort();
    expect(fromActions).toEqual([
      "ec2:CreateTags",
      "ec2:DescribeInstances",
      "es:ESHttpPut",
      "kms:Decrypt",
      "sns:Publish",
    ]);
  });

  it("uses Resource * only where an action gave a reason, recorded on the role", () => {
    const role = Object.values(seeds.template.findResources("AWS::IAM::Role"))[0]!;
    const recorded = role.Metadata["rulebridge:wildcards"] as {
      sid: string;
      resource: string;
      reason: string;
    }[];
    for (const s of statements.filter((st) => st.Resource === "*")) {
      const entry = recorded.find((r) => r.sid === s.Sid && r.resource === "*");
      expect(entry?.reason).toMatch(/supports no resource-level permissions/);
    }
    expect(recorded.every((r) => r.reason.length > 40)).toBe(true);
  });

  it("merges identical statements from several rules into one, deterministically", async () => {
    const twice = await buildStack();
    const role = Object.values(twice.template.findResources("AWS::IAM::Role"))[0]!;
    expect(JSON.stringify(role.Properties.Policies)).toBe(
      JSON.stringify(Object.values(seeds.template.findResources("AWS::IAM::Role"))[0]!.Properties.Policies),
    );
    const sids = statements.map((s) => s.Sid);
    expect(new Set(sids).size).toBe(sids.length);
  });

  it("grants a topic two rules publish to once, in one statement", async () => {
    const dir = seedRulesCopy();
    writeFileSync(
      join(dir, "second.yaml"),
      [
        "name: second-publisher",
        "on:",
        "  pattern:",
        "    source: [aws.ecs]",
        "actions:",
        "  - type: sns-publish",
        "    topicArn: arn:aws:sns:us-east-1:123456789012:ECSTaskErrorNotification",
        '    subject: "again"',
        "",
      ].join("\n"),
    );
    const built = await buildStack(dir);
    const role = Object.values(built.template.findResources("AWS::IAM::Role"))[0]!;
    const doc = (role.Properties.Policies as { PolicyDocument: { Statement: Statement[] } }[])[0]!
      .PolicyDocument;
    const publish = doc.Statement.filter((s) => actionsOf(s).includes("sns:Publish"));
    expect(publish).toHaveLength(1);
    expect(publish[0]!.Resource).toBe("arn:aws:sns:us-east-1:123456789012:ECSTaskErrorNotification");
  });
});
