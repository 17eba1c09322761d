export const TOPIC_ARN = "arn:aws:sns:us-east-1:123456789012:ECSTaskErrorNotification";
export const FIFO_ARN = "arn:aws:sns:us-east-1:123456789012:ecs-events.fifo";

/** Seed 002 (1/2) as the rule writes it. */
export const seedParams = {
  topicArn: TOPIC_ARN,
  subject: "ECS task failure: {{ event.detail.containers[0].name }}",
  message: "{{ event.detail | json }}",
};
