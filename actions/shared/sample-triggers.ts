import type { SampleTrigger } from "../../engine/action/types.js";

/** Triggers and values several built-ins' reference samples share. */

export const asgLaunch: SampleTrigger = {
  pattern: { source: ["aws.autoscaling"], "detail-type": ["EC2 Instance Launch Successful"] },
};
export const ecsStopped: SampleTrigger = {
  pattern: {
    source: ["aws.ecs"],
    "detail-type": ["ECS Task State Change"],
    detail: { lastStatus: ["STOPPED"] },
  },
};
export const ecsAny: SampleTrigger = { pattern: { source: ["aws.ecs"] } };
export const albAlarm: SampleTrigger = {
  alarm: {
    namespace: "AWS/ApplicationELB",
    metric: "HealthyHostCount",
    dimensions: { LoadBalancer: "app/web/50dc6c495c0c9188" },
    statistic: "Minimum",
    threshold: "<= 0",
  },
};
export const domainEndpoint =
  "https://search-ecs-events-abcdefghijklmnopqrstuvwxyz.us-east-1.es.amazonaws.com";
export const dailyIndex = 'ecs-events-{{ event.time | date: "%Y.%m.%d" }}';
