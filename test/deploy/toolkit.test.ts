import { readFileSync } from "node:fs";
import { join } from "node:path";
import {
  CloudFormationClient,
  DescribeStackResourcesCommand,
  DescribeStacksCommand,
} from "@aws-sdk/client-cloudformation";
import { DescribeTableCommand, DynamoDBClient } from "@aws-sdk/client-dynamodb";
import {
  DescribeRuleCommand,
  EventBridgeClient,
  ListRulesCommand,
  ListTargetsByRuleCommand,
} from "@aws-sdk/client-eventbridge";
import { CreatePolicyCommand, IAMClient } from "@aws-sdk/client-iam";
import { GetFunctionCommand, LambdaClient } from "@aws-sdk/client-lambda";
import { GetQueueAttributesCommand, SQSClient } from "@aws-sdk/client-sqs";
import { beforeAll, describe, expect, it } from "vitest";
import { awsClientConfig, awsTestEnv, resetMoto } from "../support/services/index.js";
import { editFile, SEED_RULES, scratchDir, seedRulesCopy } from "./fixture.js";
import { assertClean, rulebridge, stubToolkitEnv } from "./toolkit-fixture.js";

/**
 * The seed rules' stack through `rulebridge deploy/diff/destroy` and the real CDK toolkit, against
 * moto's CloudFormation, S3, SSM, STS, IAM, Lambda, EventBridge, SQS, DynamoDB and Logs.
 *
 * What moto 5.2.5 cannot do, and how the tests live with it (nothing is faked):
 * - Its CloudFormation accepts these types but creates nothing for them (it logs "No Moto
 *   CloudFormation support for …"): alarms, the async invoke config and the DLQ policy. They are
 *   checked in the template tests instead; RESOURCES_MOTO_SKIPS makes a new type fail here until
 *   someone decides how it is checked.
 * - Updating an existing stack through a change set fails in moto: DeleteChangeSet of a name
 *   with no change set answers HTTP 500 (UnboundLocalError in moto/cloudformation/models.py
 *   delete_change_set) where AWS succeeds, and change sets are found by name across all stacks,
 *   so after the toolkit deletes `cdk-deploy-change-set` of our stack it keeps seeing the
 *   CDKToolkit stack's one and waits forever. The toolkit cleans up old change sets before every
 *   update, so updates here use `--method direct` (UpdateStack), and diffs of a deployed stack use
 *   `--method template` (a change-set diff would retry the 500 for a minute, then fall back to
 *   the same template comparison). The first deploy and a diff before it use change sets.
 */
const RESOURCES_MOTO_SKIPS = [
  "AWS::CloudWatch::Alarm",
  "AWS::Lambda::EventInvokeConfig",
  "AWS::SQS::QueuePolicy",
];
const RESOURCES_CHECKED = [
  "AWS::DynamoDB::Table",
  "AWS::Events::Rule",
  "AWS::IAM::Role",
  "AWS::Lambda::Function",
  "AWS::Lambda::Permission",
  "AWS::Logs::LogGroup",
  "AWS::SQS::Queue",
];

const SETTINGS = join(SEED_RULES, "..", "rulebridge.yaml");
const STACK = "rulebridge";

interface TemplateResource {
  Type: string;
  Properties?: Record<string, unknown>;
}

let outDir: string;
let secret: string;
const cfn = () => new CloudFormationClient(awsClientConfig());
const events = () => new EventBridgeClient(awsClientConfig());

function args(command: string, ...extra: string[]): string[] {
  return [command, "--rules", SEED_RULES, "--settings", SETTINGS, "--out", outDir, ...extra];
}

function template(): Record<string, TemplateResource> {
  const text = readFileSync(join(outDir, `${STACK}.template.json`), "utf8");
  return (JSON.parse(text) as { Resources: Record<string, TemplateResource> }).Resources;
}

/** Logical id → physical id of the deployed stack's resources. */
async function physicalIds(): Promise<Map<string, string>> {
  const { StackResources = [] } = await cfn().send(new DescribeStackResourcesCommand({ StackName: STACK }));
  return new Map(StackResources.map((r) => [r.LogicalResourceId ?? "", r.PhysicalResourceId ?? ""]));
}

async function stackStatus(): Promise<string> {
  try {
    const { Stacks = [] } = await cfn().send(new DescribeStacksCommand({ StackName: STACK }));
    return Stacks[0]?.StackStatus ?? "NONE";
  } catch (err) {
    if (/does not exist/.test((err as Error).message)) return "NONE";
    throw err;
  }
}

async function ruleNames(): Promise<string[]> {
  const { Rules = [] } = await events().send(new ListRulesCommand({ NamePrefix: `${STACK}-` }));
  return Rules.map((r) => r.Name ?? "").sort();
}

beforeAll(async () => {
  await resetMoto();
  stubToolkitEnv();
  secret = awsTestEnv().AWS_SECRET_ACCESS_KEY!;
  outDir = join(scratchDir("rulebridge-toolkit-"), "cdk.out");
});

describe("rulebridge deploy, diff and destroy against moto", () => {
  it("refuses to deploy into an environment that is not bootstrapped, saying how to fix it", async () => {
    const run = await rulebridge(...args("deploy", "--yes"));
    expect(run.code).toBe(1);
    expect(run.err).toMatch(/not bootstrapped/);
    expect(run.err).toContain("rulebridge deploy --bootstrap");
    assertClean(run, secret);
    expect(await stackStatus()).toBe("NONE");
  });

  it("diffs against a stack that is not deployed (change-set method): everything is new", async () => {
    const run = await rulebridge(...args("diff", "--fail"));
    expect(run.code).toBe(1);
    expect(run.out).toContain("[+] AWS::Lambda::Function RuleBridge/Engine");
    expect(run.out).toContain("[+] AWS::Events::Rule RuleBridge/EcsEventsToOpensearch/Rule");
    expect(run.out).toMatch(/Number of stacks with differences: 1/);
    assertClean(run, secret);
  });

  it("bootstraps, then refuses an IAM-broadening deploy without --yes and deploys nothing", async () => {
    // A deployer policy of the account's own, as a team narrowing the CDK's AdministratorAccess would.
    const iam = new IAMClient(awsClientConfig());
    const { Policy } = await iam.send(
      new CreatePolicyCommand({
        PolicyName: "rulebridge-deployer",
        PolicyDocument: JSON.stringify({
          Version: "2012-10-17",
          Statement: [{ Effect: "Allow", Action: ["events:*", "lambda:*"], Resource: "*" }],
        }),
      }),
    );
    const policyArn = Policy?.Arn ?? "";
    const run = await rulebridge(...args("deploy", "--bootstrap", "--execution-policy", policyArn));
    expect(run.code).toBe(1);
    expect(run.err).toContain("CDKToolkit"); // the bootstrap stack's progress
    expect(run.err).toContain(`Execution policies: ${policyArn}`);
    // The bootstrap stack's execution role takes its managed policies from this parameter (moto
    // 5.2.5's CloudFormation ignores an IAM role's ManagedPolicyArns, so the role itself is not
    // asked: it has none there, with this flag or without).
    const { Stacks = [] } = await cfn().send(new DescribeStacksCommand({ StackName: "CDKToolkit" }));
    const parameters = new Map((Stacks[0]?.Parameters ?? []).map((p) => [p.ParameterKey, p.ParameterValue]));
    // Contained, not equal: moto keeps the list parameter as its Python repr ("['arn:…']").
    expect(parameters.get("CloudFormationExecutionPolicies")).toContain(policyArn);
    expect(parameters.get("CloudFormationExecutionPolicies")).not.toContain("AdministratorAccess");
    expect(run.err).toMatch(/Publishing RuleBridge\/Engine\/Code/); // assets go up before the approval
    expect(run.err).toContain("IAM Statement Changes");
    expect(run.err).toContain("sts:AssumeRole");
    expect(run.err).toMatch(/broadens IAM permissions .* not approved; nothing was deployed/);
    expect(run.err).toContain("--yes");
    assertClean(run, secret);
    expect(await stackStatus()).toBe("NONE");
  });

  it("deploys the seed rules with --yes, streaming the stack's events", async () => {
    const run = await rulebridge(...args("deploy", "--yes"));
    expect(run.code, run.err).toBe(0);
    expect(run.out).toMatch(
      /^deployed rulebridge: arn:aws:cloudformation:us-east-1:123456789012:stack\/rulebridge\//m,
    );
    expect(run.err).toMatch(/rulebridge \|.*\| CREATE_COMPLETE \| AWS::CloudFormation::Stack \| rulebridge/);
    assertClean(run, secret);
    expect(await stackStatus()).toBe("CREATE_COMPLETE");
  });

  it("created every resource moto implements, as the template says", async () => {
    const resources = template();
    const types = [...new Set(Object.values(resources).map((r) => r.Type))].sort();
    expect(types).toEqual([...RESOURCES_CHECKED, ...RESOURCES_MOTO_SKIPS].sort());
    const ids = await physicalIds();

    const fn = await new LambdaClient(awsClientConfig()).send(
      new GetFunctionCommand({ FunctionName: "rulebridge-engine" }),
    );
    expect(fn.Configuration).toMatchObject({
      Runtime: "nodejs24.x",
      Handler: "index.handler",
      MemorySize: 512,
    });
    expect(fn.Configuration?.CodeSize).toBeGreaterThan(0); // moto read the published asset from S3
    expect(fn.Configuration?.Environment?.Variables?.RULEBRIDGE_RULES_ARTIFACT).toBe("/var/task/rules.json");
    const functionArn = fn.Configuration?.FunctionArn;

    const rules = Object.entries(resources).filter(([, r]) => r.Type === "AWS::Events::Rule");
    expect(rules).toHaveLength(4);
    for (const [logicalId, resource] of rules) {
      const name = ids.get(logicalId)!;
      const deployed = await events().send(new DescribeRuleCommand({ Name: name }));
      expect(JSON.parse(deployed.EventPattern ?? "null")).toEqual(resource.Properties?.EventPattern);
      expect(deployed.State).toBe("ENABLED");
      const { Targets = [] } = await events().send(new ListTargetsByRuleCommand({ Rule: name }));
      type Target = { InputTransformer: { InputTemplate: string } };
      const expected = (resource.Properties?.Targets as Target[] | undefined)?.[0]?.InputTransformer
        .InputTemplate;
      expect(expected).toMatch(/^\{"rule": /);
      expect(Targets).toHaveLength(1);
      expect(Targets[0]?.Arn).toBe(functionArn);
      expect(Targets[0]?.InputTransformer?.InputTemplate).toBe(expected);
    }
    expect(await ruleNames()).toHaveLength(4);

    const tableId = [...ids].find(([id]) => id.startsWith("RuleBridgeIdempotencyTable"))![1];
    const table = await new DynamoDBClient(awsClientConfig()).send(
      new DescribeTableCommand({ TableName: tableId }),
    );
    expect(table.Table?.KeySchema).toEqual([{ AttributeName: "pk", KeyType: "HASH" }]);
    const queueUrl = [...ids].find(([id]) => id.startsWith("RuleBridgeDeadLetterQueue"))![1];
    const queue = await new SQSClient(awsClientConfig()).send(
      new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ["MessageRetentionPeriod"] }),
    );
    expect(queue.Attributes?.MessageRetentionPeriod).toBe(String(14 * 24 * 3600));
  });

  it("diff shows no differences for the rules just deployed", async () => {
    const run = await rulebridge(...args("diff", "--method", "template", "--fail"));
    expect(run.code).toBe(0);
    expect(run.out).toContain("There were no differences");
    assertClean(run, secret);
  });

  it("diff shows a rule's changed pattern, and deploy applies it without --yes (no IAM change)", async () => {
    const rulesDir = seedRulesCopy();
    editFile(join(rulesDir, "ecs-events-to-opensearch.yaml"), (t) =>
      t.replace("source: [aws.ecs]", "source: [aws.ec2]"),
    );
    const edited = (command: string, ...extra: string[]) =>
      rulebridge(command, "--rules", rulesDir, "--settings", SETTINGS, "--out", outDir, ...extra);

    const diff = await edited("diff", "--method", "template", "--fail");
    expect(diff.code).toBe(1);
    expect(diff.out).toContain("[~] AWS::Events::Rule RuleBridge/EcsEventsToOpensearch/Rule");
    expect(diff.out).toMatch(/\[-\]\s+"aws\.ecs"/);
    expect(diff.out).toMatch(/\[\+\]\s+"aws\.ec2"/);
    expect(diff.out).not.toContain("IAM Statement Changes");

    const deploy = await edited("deploy", "--method", "direct");
    expect(deploy.code, deploy.err).toBe(0);
    expect(deploy.err).toMatch(/UPDATE_COMPLETE \| AWS::CloudFormation::Stack/);
    const ids = await physicalIds();
    const name = ids.get(
      [...ids.keys()].find((id) => id.startsWith("RuleBridgeEcsEventsToOpensearchRule"))!,
    )!;
    const rule = await events().send(new DescribeRuleCommand({ Name: name }));
    expect(JSON.parse(rule.EventPattern ?? "{}")).toEqual({ source: ["aws.ec2"] });

    const after = await edited("diff", "--method", "template", "--fail");
    expect(after.code).toBe(0);
  });

  it("destroy without --force deletes nothing", async () => {
    const run = await rulebridge(...args("destroy"));
    expect(run.code).toBe(1);
    expect(run.err).toContain("--force");
    expect(await stackStatus()).toBe("UPDATE_COMPLETE");
  });

  it("destroy --force deletes the stack and its rules and function", async () => {
    const run = await rulebridge(...args("destroy", "--force"));
    expect(run.code).toBe(0);
    expect(run.out).toBe("destroyed rulebridge\n");
    expect(run.err).toMatch(/DELETE_COMPLETE \| AWS::CloudFormation::Stack/);
    assertClean(run, secret);
    expect(await stackStatus()).toBe("NONE");
    expect(await ruleNames()).toEqual([]);
    await expect(
      new LambdaClient(awsClientConfig()).send(new GetFunctionCommand({ FunctionName: "rulebridge-engine" })),
    ).rejects.toThrow(/not found/i);
  });

  it("destroy of a stack that does not exist says so and exits 1", async () => {
    const run = await rulebridge(...args("destroy", "--force"));
    expect(run.code).toBe(1);
    expect(run.err).toContain("stack rulebridge does not exist; nothing to delete");
  });
});
