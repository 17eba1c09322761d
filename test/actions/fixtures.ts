import { readFileSync } from "node:fs";
import { Ajv2020 } from "ajv/dist/2020.js";
import { expect } from "vitest";
import type { ActionDefinition } from "../../engine/action/types.js";

/** Sample events shipped in the repo (copies of AWS documentation examples). */
const EVENTS = new URL("../../examples/events/", import.meta.url);

export function loadEvent(file: string): Record<string, unknown> {
  return JSON.parse(readFileSync(new URL(file, EVENTS), "utf8")) as Record<string, unknown>;
}

export const NOW = "2016-10-17T20:30:00.000Z";

function context(event: Record<string, unknown>, rule: string, extra: Record<string, unknown> = {}) {
  return { event, rule: { name: rule, description: "" }, now: NOW, ...extra };
}

/** Seed 002: an ECS task stopped because its essential container exited. */
export function ecsContext(): Record<string, unknown> {
  return context(loadEvent("ecs-task-state-change-essential-exited.json"), "ecs-essential-container-exited");
}

/** Seed 000: Auto Scaling launched an instance. */
export function asgContext(): Record<string, unknown> {
  return context(loadEvent("autoscaling-launch-successful-sample.json"), "asg-launch-name-tag");
}

/**
 * Seed 001: the ALB alarm went to ALARM. The `alarm` view is built here by hand from the event,
 * as DESIGN.md describes it (the engine derives it in the real flow).
 */
export function albAlarmContext(): Record<string, unknown> {
  const event = loadEvent("cloudwatch-alarm-state-change-alb-unhealthy.json");
  const detail = event.detail as {
    alarmName: string;
    state: { value: string; reason: string };
    previousState: { value: string };
  };
  return context(event, "alb-unhealthy-slack", {
    alarm: {
      name: detail.alarmName,
      state: detail.state.value,
      previousState: detail.previousState.value,
      reason: detail.state.reason,
      value: 0,
      threshold: 0,
      comparison: "LessThanOrEqualToThreshold",
      metric: {
        namespace: "AWS/ApplicationELB",
        name: "HealthyHostCount",
        dimensions: {
          TargetGroup: "targetgroup/my-targets/73e2d6bc24d8a067",
          LoadBalancer: "app/my-load-balancer/50dc6c495c0c9188",
        },
        statistic: "Minimum",
      },
    },
  });
}

/** The action's params schema compiled as the rule schema will be: draft 2020-12, strict mode. */
export function compileParams(action: ActionDefinition) {
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  return ajv.compile(action.paramsSchema);
}

/** A webhook URL of Slack's shape (not a live one); tests assert it never leaks. */
export const SLACK_URL = "https://hooks.slack.com/services/T0EXAMPLE/B0EXAMPLE/abcdefghijklmnopqrstuvwx";

/** Fails when any of the secrets, or anything shaped like a Slack webhook URL, appears in the value. */
export function expectNoSecret(value: unknown, secrets: readonly string[] = [SLACK_URL]): void {
  const text = JSON.stringify(value);
  for (const secret of secrets) expect(text).not.toContain(secret);
  expect(text).not.toMatch(/hooks\.slack(-gov)?\.com\//i);
}
