import { Validations } from "aws-cdk-lib";
import * as iam from "aws-cdk-lib/aws-iam";
import type { Construct } from "constructs";
import type { CompiledRule } from "../engine/compile/rule-compiler.js";
import { actionStatements, type EngineStatement, wildcardReason } from "./iam-statements.js";

export interface EngineRoleProps {
  rules: readonly CompiledRule[];
  /** The engine's log group ARN (writing its own logs). */
  logGroupArn: string;
  idempotencyTableArn: string;
  deadLetterQueueArn: string;
}

function toPolicyStatement(s: EngineStatement): iam.PolicyStatement {
  return new iam.PolicyStatement({
    sid: s.sid,
    actions: s.actions,
    resources: s.resources,
    ...(s.conditions ? { conditions: s.conditions } : {}),
  });
}

/**
 * The engine's only role. Its policy is exactly: writing its logs, its idempotency records, its
 * failed events to the DLQ, and what each rule's actions declare for their params — nothing
 * from managed policies or grants, so the template shows every permission the function has.
 * Wildcards exist only where an action declared them; each is acknowledged for cdk-nag with the
 * action's own reason, and listed in the role's `rulebridge:wildcards` metadata for reviewers.
 */
export function engineRole(scope: Construct, id: string, props: EngineRoleProps): iam.Role {
  const fromActions = actionStatements(props.rules);
  const document = new iam.PolicyDocument({
    statements: [
      new iam.PolicyStatement({
        sid: "EngineLogs",
        actions: ["logs:CreateLogStream", "logs:PutLogEvents"],
        resources: [props.logGroupArn],
      }),
      new iam.PolicyStatement({
        sid: "EngineIdempotency",
        actions: ["dynamodb:DeleteItem", "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem"],
        resources: [props.idempotencyTableArn],
      }),
      new iam.PolicyStatement({
        sid: "EngineDeadLetters",
        actions: ["sqs:SendMessage"],
        resources: [props.deadLetterQueueArn],
      }),
      ...fromActions.map(toPolicyStatement),
    ],
  });
  const role = new iam.Role(scope, id, {
    assumedBy: new iam.ServicePrincipal("lambda.amazonaws.com"),
    description: "rulebridge engine: least privilege from the rules' actions",
    inlinePolicies: { engine: document },
  });

  const wildcards: { sid: string; resource: string; reason: string }[] = [];
  const reasons = new Map<string, string[]>();
  for (const s of fromActions) {
    for (const resource of s.resources.filter((r) => r.includes("*"))) {
      const reason = wildcardReason(s);
      wildcards.push({ sid: s.sid, resource, reason });
      reasons.set(resource, [...(reasons.get(resource) ?? []), `${s.sid}: ${reason}`]);
    }
  }
  for (const [resource, why] of [...reasons.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
    Validations.of(role).acknowledge({
      id: `AwsSolutions-IAM5[Resource::${resource}]`,
      reason: why.join(" | "),
    });
  }
  if (wildcards.length > 0) {
    (role.node.defaultChild as iam.CfnRole).addMetadata("rulebridge:wildcards", wildcards);
  }
  return role;
}
