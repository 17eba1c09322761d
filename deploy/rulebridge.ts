import { Duration, RemovalPolicy, Validations } from "aws-cdk-lib";
import * as cloudwatch from "aws-cdk-lib/aws-cloudwatch";
import * as cloudwatchActions from "aws-cdk-lib/aws-cloudwatch-actions";
import * as dynamodb from "aws-cdk-lib/aws-dynamodb";
import * as lambda from "aws-cdk-lib/aws-lambda";
import * as logs from "aws-cdk-lib/aws-logs";
import * as sns from "aws-cdk-lib/aws-sns";
import * as sqs from "aws-cdk-lib/aws-sqs";
import { Construct } from "constructs";
import type { ActionRegistry } from "../engine/action/registry.js";
import type { CompiledRule } from "../engine/compile/rule-compiler.js";
import { bundleEngine, RULE_ARTIFACT_FILE, RULES_ARTIFACT_ENV } from "./bundle.js";
import { ruleConstructIds } from "./construct-ids.js";
import { engineRole } from "./engine-role.js";
import { eventRule } from "./event-rule.js";
import { ruleAlarm } from "./rule-alarm.js";
import { DEFAULT_SETTINGS, type Settings } from "./settings.js";

/** Where the asset's files land in the function: Lambda unpacks code to /var/task. */
const TASK_ROOT = "/var/task";

export type RuleBridgeSettings = Partial<
  Pick<Settings, "bus" | "functionName" | "memory" | "timeout" | "logRetentionDays" | "alarmTopicArn">
>;

export interface RuleBridgeProps {
  /** Compiled rules without errors (`loadRuleSet(...).rules`). */
  rules: readonly CompiledRule[];
  /** The registry the rules were compiled with (default: the built-ins); its actions' IAM goes into the role. */
  registry?: ActionRegistry;
  /** Absolute paths of the project's action modules, bundled and registered beside the built-ins. */
  actionModules?: readonly string[];
  /** Folder the engine bundle and rule artifact are written to (recreated on every synthesis). */
  bundleDir: string;
  settings?: RuleBridgeSettings;
}

/**
 * Everything rulebridge deploys for a set of rules: one engine function with its log group,
 * role, DLQ and idempotency table, and per rule an EventBridge rule targeting it (plus the
 * CloudWatch alarm the rule defines). Embed it in any stack; `RuleBridgeStack` is the stack
 * `rulebridge synth` generates around it.
 */
export class RuleBridge extends Construct {
  readonly function: lambda.Function;
  readonly deadLetterQueue: sqs.Queue;
  readonly idempotencyTable: dynamodb.Table;
  readonly logGroup: logs.LogGroup;
  /** EventBridge rule of each rulebridge rule, by rule name. */
  readonly eventRules = new Map<string, Construct>();

  constructor(scope: Construct, id: string, props: RuleBridgeProps) {
    super(scope, id);
    const settings = { ...DEFAULT_SETTINGS, ...props.settings };
    const ids = ruleConstructIds(props.rules);

    this.deadLetterQueue = new sqs.Queue(this, "DeadLetterQueue", {
      // SQS-managed keys: EventBridge and Lambda can send without a key policy to maintain.
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    Validations.of(this.deadLetterQueue).acknowledge({
      id: "AwsSolutions-SQS3",
      reason:
        "This queue is itself the dead-letter queue of the engine (Lambda on-failure destination and EventBridge target DLQ).",
    });

    this.idempotencyTable = new dynamodb.Table(this, "IdempotencyTable", {
      partitionKey: { name: "pk", type: dynamodb.AttributeType.STRING },
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      timeToLiveAttribute: "expiresAt",
      encryption: dynamodb.TableEncryption.AWS_MANAGED,
      // Records only dedupe retries and expire by TTL; keeping them after the stack is gone helps no one.
      removalPolicy: RemovalPolicy.DESTROY,
    });

    this.logGroup = new logs.LogGroup(this, "EngineLogs", {
      retention: settings.logRetentionDays as logs.RetentionDays,
      // Deleting the stack deletes its logs too: nothing is left behind (retention bounds them meanwhile).
      removalPolicy: RemovalPolicy.DESTROY,
    });

    const role = engineRole(this, "EngineRole", {
      rules: props.rules,
      logGroupArn: this.logGroup.logGroupArn,
      idempotencyTableArn: this.idempotencyTable.tableArn,
      deadLetterQueueArn: this.deadLetterQueue.queueArn,
    });

    const bundleDir = bundleEngine({
      outDir: props.bundleDir,
      rules: props.rules,
      ...(props.registry ? { registry: props.registry } : {}),
      ...(props.actionModules ? { actionModules: props.actionModules } : {}),
    });
    this.function = new lambda.Function(this, "Engine", {
      runtime: lambda.Runtime.NODEJS_24_X,
      architecture: lambda.Architecture.ARM_64,
      handler: "index.handler",
      code: lambda.Code.fromAsset(bundleDir),
      role,
      memorySize: settings.memory,
      timeout: Duration.seconds(settings.timeout),
      logGroup: this.logGroup,
      // JSON lines with levels: the engine writes through Powertools Logger, which reads the
      // application level Lambda sets (AWS_LAMBDA_LOG_LEVEL); the platform's own lines from WARN.
      loggingFormat: lambda.LoggingFormat.JSON,
      applicationLogLevelV2: lambda.ApplicationLogLevel.INFO,
      systemLogLevelV2: lambda.SystemLogLevel.WARN,
      ...(settings.functionName !== undefined ? { functionName: settings.functionName } : {}),
      description: "rulebridge engine: runs the actions of the rule named in each event",
      environment: {
        [RULES_ARTIFACT_ENV]: `${TASK_ROOT}/${RULE_ARTIFACT_FILE}`,
        RULEBRIDGE_IDEMPOTENCY_TABLE: this.idempotencyTable.tableName,
      },
    });

    // Failed asynchronous invocations (after Lambda's own retries) land in the DLQ. The role's
    // EngineDeadLetters statement already allows it, so this destination grants nothing itself.
    const queueArn = this.deadLetterQueue.queueArn;
    new lambda.EventInvokeConfig(this, "EngineAsyncConfig", {
      function: this.function,
      onFailure: { bind: () => ({ destination: queueArn }) },
      retryAttempts: 2,
      maxEventAge: Duration.hours(6),
    });

    for (const rule of props.rules) {
      const ruleScope = new Construct(this, ids.get(rule.name)!);
      this.eventRules.set(
        rule.name,
        eventRule(ruleScope, {
          rule,
          fn: this.function,
          deadLetterQueue: this.deadLetterQueue,
          defaultBus: settings.bus,
        }),
      );
      ruleAlarm(ruleScope, "Alarm", rule);
    }

    this.monitoringAlarms(settings.alarmTopicArn);
  }

  /**
   * Someone must hear about failures: engine errors, and events parked in the DLQ. With a topic
   * they notify it on entering ALARM; without one they are still there to watch or subscribe to.
   */
  private monitoringAlarms(topicArn: string | undefined): void {
    const topic = topicArn !== undefined ? sns.Topic.fromTopicArn(this, "AlarmTopic", topicArn) : undefined;
    const errors = new cloudwatch.Alarm(this, "EngineErrorsAlarm", {
      alarmDescription: "rulebridge engine invocations failed",
      metric: this.function.metricErrors({ period: Duration.minutes(5), statistic: "Sum" }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    const deadLetters = new cloudwatch.Alarm(this, "DeadLetterQueueAlarm", {
      alarmDescription: "rulebridge events are waiting in the dead-letter queue",
      metric: this.deadLetterQueue.metricApproximateNumberOfMessagesVisible({
        period: Duration.minutes(5),
        statistic: "Maximum",
      }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    if (topic) {
      for (const alarm of [errors, deadLetters]) alarm.addAlarmAction(new cloudwatchActions.SnsAction(topic));
    }
  }
}
