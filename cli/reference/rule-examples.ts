/**
 * Complete rule files shown in docs/reference/rule-format.md. Between them they use every field
 * of the core rule format; the reference test checks that each one passes `rulebridge check`.
 */
export interface RuleExample {
  title: string;
  file: string;
  yaml: string;
}

export const RULE_EXAMPLES: readonly RuleExample[] = [
  {
    title: "Pattern trigger",
    file: "ecs-essential-container-exited.yaml",
    yaml: `# yaml-language-server: $schema=./rule.schema.json
name: ecs-essential-container-exited   # unique across all rule files
description: Notify when an essential container stops a task.
enabled: true                           # default true; false deploys the rule DISABLED
on:
  pattern:                              # an EventBridge event pattern, verbatim
    source: [aws.ecs]
    detail-type: [ECS Task State Change]
    detail:
      lastStatus: [STOPPED]
      stoppedReason: [{ prefix: "Essential container in task exited" }]
  bus: default                          # event bus name or ARN
when:                                   # JSON Logic over {event, rule, now}
  "==": [{ var: event.detail.desiredStatus }, STOPPED]
actions:                                # run in order; one failing does not stop the rest
  - type: sns-publish
    topicArn: arn:aws:sns:us-east-1:123456789012:ECSTaskErrorNotification
    subject: "ECS task failure: {{ event.detail.containers[0].name }}"
    message: "{{ event.detail | json }}"
  - type: index-document
    endpoint: https://search-ecs-events-abcdefghijklmnopqrstuvwxyz.us-east-1.es.amazonaws.com
    index: 'ecs-events-{{ event.time | date: "%Y.%m.%d" }}'
`,
  },
  {
    title: "Alarm trigger",
    file: "alb-unhealthy-slack.yaml",
    yaml: `# yaml-language-server: $schema=./rule.schema.json
name: alb-unhealthy-slack
description: Tell the on-call channel when the web ALB has no healthy target.
on:
  alarm:                                # deploy creates this alarm
    name: ALBNoHealthyHosts             # default rulebridge-<rule name>
    namespace: AWS/ApplicationELB
    metric: HealthyHostCount
    dimensions:
      LoadBalancer: app/web/50dc6c495c0c9188
      TargetGroup: targetgroup/web/73e2d6bc24d8a067
    statistic: Minimum                  # or extendedStatistic: p99
    period: 60                          # 10, 20, 30 or a multiple of 60
    evaluationPeriods: 3
    datapointsToAlarm: 2                # 2 of the last 3 periods breaching
    threshold: "<= 0"
    treatMissingData: breaching
    states: [ALARM, OK]                 # fire on entering ALARM and on recovery
when:
  "<=": [{ var: alarm.value }, 0]
actions:
  - type: slack-post
    webhook:
      ssmParameter: /slack/ops-webhook
    channel: "#ops-alerts"
    text: ":rotating_light: *{{ alarm.name }}* is {{ alarm.state }}: {{ alarm.reason }}"
`,
  },
  {
    title: "Subscribing to an existing alarm",
    file: "existing-alarm.yaml",
    yaml: `name: cpu-high-page
on:
  alarm: { name: web-cpu-high, states: [ALARM] }   # an alarm that already exists
actions:
  - type: slack-post
    webhook: { env: SLACK_WEBHOOK_URL }             # no text: a Block Kit message built from the alarm
`,
  },
  {
    title: "Fixtures inside the rule",
    file: "asg-launch-name-tag.yaml",
    yaml: `name: asg-launch-name-tag
on:
  pattern:
    source: [aws.autoscaling]
    detail-type: [EC2 Instance Launch Successful]
actions:
  - type: tag-from-template
    tags:
      Name: "{{ instance.tags.App }}-{{ instance.privateIp | split: '.' | slice: 2, 2 | join: '-' }}"
tests:                                  # run by \`rulebridge test\`, like <rule>.test.yaml beside it
  - name: a launched instance is named from its tags and IP
    event:                              # inline, or a JSON file relative to this rule file
      source: aws.autoscaling
      detail-type: EC2 Instance Launch Successful
      detail: { EC2InstanceId: i-0123456789abcdef0 }
    expect: match                       # or nomatch
    now: "2026-01-01T00:00:00Z"         # the evaluation's \`now\` (default: the current time)
    instance:                           # the enrichment, so no AWS is needed
      id: i-0123456789abcdef0
      privateIp: 10.0.12.34
      publicIp: 203.0.113.7
      type: t3.micro
      state: running
      az: us-east-1a
      tags: { App: store }
    actions:                            # expected rendered params, subset match, in order
      - type: tag-from-template
        tags: { Name: store-12-34 }
`,
  },
];
