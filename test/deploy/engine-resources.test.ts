import { Match } from "aws-cdk-lib/assertions";
import { beforeAll, describe, expect, it } from "vitest";
import { type BuiltStack, buildStack } from "./fixture.js";

let seeds: BuiltStack;
beforeAll(async () => {
  seeds = await buildStack(undefined, {
    memory: 1024,
    timeout: 120,
    logRetentionDays: 90,
    functionName: "rb-fn",
  });
});

describe("the engine and what it relies on", () => {
  it("is one ESM arm64 function on the latest Node.js runtime, with settings and env", () => {
    seeds.template.resourceCountIs("AWS::Lambda::Function", 1);
    seeds.template.hasResourceProperties("AWS::Lambda::Function", {
      Runtime: "nodejs24.x",
      Architectures: ["arm64"],
      Handler: "index.handler",
      MemorySize: 1024,
      Timeout: 120,
      FunctionName: "rb-fn",
      Environment: {
        Variables: {
          RULEBRIDGE_RULES_ARTIFACT: "/var/task/rules.json",
          RULEBRIDGE_IDEMPOTENCY_TABLE: { Ref: Match.stringLikeRegexp("^RuleBridgeIdempotencyTable") },
        },
      },
      LoggingConfig: {
        LogGroup: { Ref: Match.stringLikeRegexp("^RuleBridgeEngineLogs") },
        // JSON lines with levels (Powertools Logger reads the application level Lambda sets).
        LogFormat: "JSON",
        ApplicationLogLevel: "INFO",
        SystemLogLevel: "WARN",
      },
    });
    expect(
      seeds.template.findResources("AWS::Lambda::Function", {
        Properties: { ReservedConcurrentExecutions: Match.anyValue() },
      }),
    ).toEqual({});
  });

  it("has one role, and it is the function's", () => {
    seeds.template.resourceCountIs("AWS::IAM::Role", 1);
    seeds.template.resourceCountIs("AWS::IAM::Policy", 0);
    seeds.template.resourceCountIs("AWS::IAM::ManagedPolicy", 0);
    seeds.template.hasResourceProperties("AWS::Lambda::Function", {
      Role: { "Fn::GetAtt": [Match.stringLikeRegexp("^RuleBridgeEngineRole"), "Arn"] },
    });
  });

  it("keeps its logs in an explicit log group with the configured retention", () => {
    seeds.template.resourceCountIs("AWS::Logs::LogGroup", 1);
    seeds.template.hasResourceProperties("AWS::Logs::LogGroup", { RetentionInDays: 90 });
  });

  it("has an encrypted, TLS-only dead-letter queue, used for failed async invocations", () => {
    seeds.template.resourceCountIs("AWS::SQS::Queue", 1);
    seeds.template.hasResourceProperties("AWS::SQS::Queue", { SqsManagedSseEnabled: true });
    seeds.template.hasResourceProperties("AWS::SQS::QueuePolicy", {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: "Deny", Condition: { Bool: { "aws:SecureTransport": "false" } } }),
        ]),
      },
    });
    seeds.template.hasResourceProperties("AWS::Lambda::EventInvokeConfig", {
      DestinationConfig: {
        OnFailure: {
          Destination: { "Fn::GetAtt": [Match.stringLikeRegexp("^RuleBridgeDeadLetterQueue"), "Arn"] },
        },
      },
    });
  });

  it("has the idempotency table the handler expects", () => {
    seeds.template.resourceCountIs("AWS::DynamoDB::Table", 1);
    seeds.template.hasResourceProperties("AWS::DynamoDB::Table", {
      KeySchema: [{ AttributeName: "pk", KeyType: "HASH" }],
      AttributeDefinitions: [{ AttributeName: "pk", AttributeType: "S" }],
      BillingMode: "PAY_PER_REQUEST",
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      TimeToLiveSpecification: { AttributeName: "expiresAt", Enabled: true },
      SSESpecification: { SSEEnabled: true },
    });
  });

  it("alarms on engine errors and on events waiting in the DLQ", () => {
    seeds.template.hasResourceProperties("AWS::CloudWatch::Alarm", {
      Namespace: "AWS/Lambda",
      MetricName: "Errors",
      Threshold: 1,
      ComparisonOperator: "GreaterThanOrEqualToThreshold",
    });
    seeds.template.hasResourceProperties("AWS::CloudWatch::Alarm", {
      Namespace: "AWS/SQS",
      MetricName: "ApproximateNumberOfMessagesVisible",
      Threshold: 1,
    });
  });

  it("tags every taggable resource with the settings' tags", async () => {
    const tagged = await buildStack(undefined, { tags: { team: "ops" } });
    tagged.template.hasResourceProperties("AWS::Lambda::Function", {
      Tags: Match.arrayWith([{ Key: "team", Value: "ops" }]),
    });
    tagged.template.hasResourceProperties("AWS::SQS::Queue", {
      Tags: Match.arrayWith([{ Key: "team", Value: "ops" }]),
    });
  });
});
