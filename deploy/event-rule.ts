import { Duration } from "aws-cdk-lib";
import * as events from "aws-cdk-lib/aws-events";
import * as iam from "aws-cdk-lib/aws-iam";
import * as lambda from "aws-cdk-lib/aws-lambda";
import type * as sqs from "aws-cdk-lib/aws-sqs";
import type { Construct } from "constructs";
import type { CompiledRule } from "../engine/compile/rule-compiler.js";

export interface EventRuleProps {
  rule: CompiledRule;
  fn: lambda.IFunction;
  deadLetterQueue: sqs.IQueue;
  /** Bus of rules that name none; `default` leaves the property out. */
  defaultBus: string;
}

/** EventBridge's retries before an event goes to the target's DLQ. */
const TARGET_RETRY = { maximumRetryAttempts: 8, maximumEventAgeInSeconds: Duration.hours(24).toSeconds() };

/**
 * Target input: the rule name and the event untouched. `<aws.events.event.json>` is EventBridge's
 * reserved variable for the whole event; naming the rule makes the engine run only this rule.
 */
export function targetInputTemplate(ruleName: string): string {
  return `{"rule": ${JSON.stringify(ruleName)}, "event": <aws.events.event.json>}`;
}

/**
 * One rule's EventBridge side: the rule (pattern verbatim, as the L1 takes it), its target (the
 * engine, with retries and the shared DLQ), the permission for this rule alone to invoke the
 * function, and this rule's right to send to the DLQ.
 */
export function eventRule(scope: Construct, props: EventRuleProps): events.CfnRule {
  const { rule, fn, deadLetterQueue } = props;
  const bus = rule.rule.on.bus ?? props.defaultBus;
  const cfnRule = new events.CfnRule(scope, "Rule", {
    description: (rule.description ?? `rulebridge rule ${rule.name}`).slice(0, 512),
    eventPattern: rule.pattern,
    ...(bus !== "default" ? { eventBusName: bus } : {}),
    state: rule.enabled ? "ENABLED" : "DISABLED",
    targets: [
      {
        id: "engine",
        arn: fn.functionArn,
        inputTransformer: { inputPathsMap: {}, inputTemplate: targetInputTemplate(rule.name) },
        deadLetterConfig: { arn: deadLetterQueue.queueArn },
        retryPolicy: TARGET_RETRY,
      },
    ],
  });
  new lambda.CfnPermission(scope, "InvokePermission", {
    action: "lambda:InvokeFunction",
    functionName: fn.functionArn,
    principal: "events.amazonaws.com",
    sourceArn: cfnRule.attrArn,
  });
  deadLetterQueue.addToResourcePolicy(
    new iam.PolicyStatement({
      sid: `EventBridgeDlq${scope.node.id}`.slice(0, 100),
      principals: [new iam.ServicePrincipal("events.amazonaws.com")],
      actions: ["sqs:SendMessage"],
      resources: [deadLetterQueue.queueArn],
      conditions: { ArnEquals: { "aws:SourceArn": cfnRule.attrArn } },
    }),
  );
  return cfnRule;
}
