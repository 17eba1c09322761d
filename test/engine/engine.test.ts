import { readFile } from "node:fs/promises";
import { beforeAll, describe, expect, it } from "vitest";
import { registerBuiltins } from "../../actions/builtins.js";
import { ActionRegistry } from "../../engine/action/registry.js";
import { Engine, type Evaluation } from "../../engine/engine.js";
import { unwrapInput } from "../../engine/envelope.js";
import { loadRuleSet } from "../../engine/rule-set.js";

const registry = registerBuiltins(new ActionRegistry());
let engine: Engine;

beforeAll(async () => {
  const set = await loadRuleSet(["rules"], registry);
  expect(set.problems).toEqual([]);
  expect(set.rules.map((r) => r.name).sort()).toEqual([
    "alb-unhealthy-slack",
    "asg-launch-name-tag",
    "ecs-essential-container-exited",
    "ecs-events-to-opensearch",
  ]);
  engine = new Engine(set.rules);
});

async function evaluateFile(name: string): Promise<Evaluation[]> {
  const input: unknown = JSON.parse(await readFile(`examples/events/${name}`, "utf8"));
  const { items, errors } = unwrapInput(input, name);
  expect(errors).toEqual([]);
  return items.map((item) => engine.evaluate(item.event, { now: new Date("2026-01-01T00:00:00Z") }));
}

function planned(ev: Evaluation, rule: string) {
  const d = ev.decisions.find((x) => x.rule === rule);
  expect(d, `${rule} should match`).toBeDefined();
  expect(d!.condition).toBe(true);
  return d!.actions.map((a) => {
    if (a.status !== "planned") throw new Error(`${rule}[${a.index}] failed: ${a.error}`);
    return a.plan;
  });
}

describe("dry run of the seed rules", () => {
  it("ECS essential container exited: SNS with the rendered subject, and the event indexed by id", async () => {
    const [ev] = await evaluateFile("ecs-task-state-change-essential-exited.json");
    expect(ev!.decisions.map((d) => d.rule)).toEqual([
      "ecs-essential-container-exited",
      "ecs-events-to-opensearch",
    ]);
    const [sns] = planned(ev!, "ecs-essential-container-exited");
    const publish = sns!.steps.find((s) => s.call === "sns:Publish");
    expect(publish?.input).toMatchObject({
      TopicArn: "arn:aws:sns:us-east-1:123456789012:ECSTaskErrorNotification",
      Subject: "ECS task failure: web",
    });
    expect(JSON.parse(String(publish?.input.Message))).toMatchObject({
      lastStatus: "STOPPED",
      desiredStatus: "STOPPED",
    });
    const [index] = planned(ev!, "ecs-events-to-opensearch");
    const put = JSON.stringify(index!.steps);
    expect(put).toContain("/ecs-events-2016.10.17/_doc/8f07966c-b005-4a0f-9ee9-63d2c41448b3");
  });

  it("every other ECS event is indexed, but only the essential-exit one notifies", async () => {
    const [ev] = await evaluateFile("ecs-task-state-change-fargate-running.json");
    expect(ev!.decisions.map((d) => d.rule)).toEqual(["ecs-events-to-opensearch"]);
    expect(JSON.stringify(planned(ev!, "ecs-events-to-opensearch"))).toContain("ecs-events-2020.01.23");
  });

  it("ALB unhealthy (EventBridge): a Slack post rendered from the alarm view", async () => {
    const [ev] = await evaluateFile("cloudwatch-alarm-state-change-alb-unhealthy.json");
    expect(ev!.alarm).toMatchObject({ name: "ALBNoHealthyHosts", state: "ALARM", value: 0 });
    const [slack] = planned(ev!, "alb-unhealthy-slack");
    const body = JSON.stringify(slack!.steps);
    expect(body).toContain("ALBNoHealthyHosts* is ALARM (was OK)");
    expect(body).toContain("HealthyHostCount = 0");
    expect(body).not.toMatch(/hooks\.slack\.com/);
  });

  it("ALB unhealthy (classic alarm → SNS → Lambda): the same rule, the same text", async () => {
    const [viaSns] = await evaluateFile("sns-envelope-alb-unhealthy.json");
    const [viaEventBridge] = await evaluateFile("cloudwatch-alarm-state-change-alb-unhealthy.json");
    const text = (ev: Evaluation) => JSON.stringify(planned(ev, "alb-unhealthy-slack")[0]!.steps);
    expect(text(viaSns!)).toContain("ALBNoHealthyHosts* is ALARM (was OK)");
    expect(text(viaSns!)).toContain("threshold LessThanOrEqualToThreshold 0");
    expect(text(viaEventBridge!)).toContain("threshold LessThanOrEqualToThreshold 0");
  });

  it("ASG launch: describe the instance, then tag it with the Name template", async () => {
    const [ev] = await evaluateFile("autoscaling-launch-successful-sample.json");
    const [tag] = planned(ev!, "asg-launch-name-tag");
    expect(tag!.steps.map((s) => s.call)).toEqual(["ec2:DescribeInstances", "ec2:CreateTags"]);
    expect(JSON.stringify(tag!.steps[0]!.input)).toContain("i-0123456789abcdef0");
    expect(JSON.stringify(tag!.steps[1]!.input)).toContain(
      "{{ instance.tags.Region }}-{{ instance.tags.App }}",
    );
  });

  it("an event no rule wants gets no decision", async () => {
    const [ev] = await evaluateFile("ec2-instance-state-change-notification-pending.json");
    expect(ev!.decisions).toEqual([]);
  });

  it("a named rule (deploy's target input) runs only that rule", () => {
    const event = {
      source: "aws.ecs",
      "detail-type": "ECS Task State Change",
      id: "x",
      time: "2020-01-01T00:00:00Z",
      detail: {},
    };
    const ev = engine.evaluate(event, { rule: "ecs-events-to-opensearch" });
    expect(ev.decisions.map((d) => d.rule)).toEqual(["ecs-events-to-opensearch"]);
    expect(engine.evaluate(event, { rule: "no-such-rule" }).unknownRule).toBe("no-such-rule");
  });

  it("a `when` that is false holds the actions back", () => {
    const event = {
      source: "aws.ecs",
      "detail-type": "ECS Task State Change",
      id: "y",
      time: "2020-01-01T00:00:00Z",
      detail: {
        lastStatus: "STOPPED",
        desiredStatus: "RUNNING",
        stoppedReason: "Essential container in task exited",
      },
    };
    const d = engine.evaluate(event).decisions.find((x) => x.rule === "ecs-essential-container-exited");
    expect(d).toMatchObject({ condition: false, actions: [] });
  });

  it("a missing template variable is an action error naming it, not a blank", () => {
    const event = {
      source: "aws.ecs",
      "detail-type": "ECS Task State Change",
      id: "z",
      time: "2020-01-01T00:00:00Z",
      detail: {
        lastStatus: "STOPPED",
        desiredStatus: "STOPPED",
        stoppedReason: "Essential container in task exited",
      },
    };
    const d = engine.evaluate(event).decisions.find((x) => x.rule === "ecs-essential-container-exited");
    expect(d?.actions[0]).toMatchObject({ status: "error" });
    expect(d?.actions[0]?.status === "error" && d.actions[0].error).toContain("event.detail.containers");
  });
});
