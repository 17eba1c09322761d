/** The rule `init` writes as an example: no secret, no enrichment, so check, test and synth all work at once. */
export const EXAMPLE_RULE_NAME = "ec2-instance-stopped";

export const exampleRuleText = `# yaml-language-server: $schema=./rule.schema.json
# An example rule: tell the ops SNS topic when an EC2 instance stops or is terminated.
# Replace the topic ARN with yours. \`rulebridge check\` validates this file, \`rulebridge test\`
# runs the cases in ${EXAMPLE_RULE_NAME}.test.yaml beside it.
name: ${EXAMPLE_RULE_NAME}
description: Tell the ops topic when an EC2 instance stops or is terminated.
on:
  pattern: # an EventBridge event pattern, AWS syntax and semantics
    source: [aws.ec2]
    detail-type: [EC2 Instance State-change Notification]
    detail:
      state: [stopped, terminated]
when: # optional JSON Logic over event, rule and now
  in: [{ var: event.region }, [us-east-1, eu-west-1]]
actions: # run in order; templates are LiquidJS, strict about missing variables
  - type: sns-publish
    topicArn: arn:aws:sns:us-east-1:123456789012:ops-alerts
    subject: "EC2 {{ event.detail.instance-id }} is {{ event.detail.state }}"
    message: "{{ event.detail | json }}"
`;

export const exampleFixtureText = `# yaml-language-server: $schema=./fixture.schema.json
# Cases for ${EXAMPLE_RULE_NAME}.yaml, run by \`rulebridge test\`. \`rulebridge test --update\` writes
# each matching case's rendered action params into its \`actions\`.
- name: a stopped instance notifies the ops topic
  rule: ${EXAMPLE_RULE_NAME}
  event: # inline, or a path to a JSON file relative to this file
    version: "0"
    id: 7bf73129-1428-4cd3-a780-95db273d1602
    detail-type: EC2 Instance State-change Notification
    source: aws.ec2
    account: "123456789012"
    time: "2019-11-11T21:29:54Z"
    region: us-east-1
    resources: [arn:aws:ec2:us-east-1:123456789012:instance/i-abcd1111]
    detail:
      instance-id: i-abcd1111
      state: stopped
  expect: match
  actions: # expected rendered params, a subset, in order
    - type: sns-publish
      topicArn: arn:aws:sns:us-east-1:123456789012:ops-alerts
      subject: EC2 i-abcd1111 is stopped

- name: a starting instance does not notify
  rule: ${EXAMPLE_RULE_NAME}
  event:
    source: aws.ec2
    detail-type: EC2 Instance State-change Notification
    region: us-east-1
    detail:
      instance-id: i-abcd1111
      state: pending
  expect: nomatch

- name: an instance stopping outside the watched regions does not notify
  rule: ${EXAMPLE_RULE_NAME}
  event:
    source: aws.ec2
    detail-type: EC2 Instance State-change Notification
    region: ap-south-1
    detail:
      instance-id: i-abcd1111
      state: stopped
  expect: nomatch
`;
