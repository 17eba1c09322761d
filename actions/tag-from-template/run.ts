import { ActionFailure, type ActionResult, type RunInput } from "../../engine/action/types.js";
import { awsErrorFacts } from "../shared/aws-error-facts.js";
import { awsFailureOf, callAws } from "../shared/call-aws.js";
import { instanceView } from "./instance-view.js";
import { readTagFromTemplateParams } from "./params.js";
import { renderTags } from "./render-tags.js";
import { createTagsInput, describeInstancesInput, eventRegion, tagsToWrite } from "./request.js";
import { INSTANCE_ID } from "./tag-rules.js";

/** The errors EC2 gives for an instance id it does not know; no retry will make it appear. */
const NOT_FOUND = new Set(["InvalidInstanceID.NotFound", "InvalidInstanceID.Malformed"]);

/**
 * Describe → render → write only what changes. The same request builders as `plan`, so a dry
 * run shows the calls this makes. Safe to repeat: a second run finds the tags right and writes nothing.
 */
export async function runTagFromTemplate({
  params,
  context,
  services,
  signal,
}: RunInput): Promise<ActionResult> {
  const p = readTagFromTemplateParams(params);
  const id = p.instanceId;
  if (!INSTANCE_ID.test(id)) {
    throw new ActionFailure(`instanceId: rendered to "${id}", which is not an EC2 instance id (i-…)`, {
      retryable: false,
    });
  }
  const region = p.region ?? eventRegion(context) ?? services.aws.defaultRegion;
  // Loaded on first call: importing the action (replay, plans, check) must not load the SDK client.
  const { CreateTagsCommand, DescribeInstancesCommand, EC2Client } = await import("./sdk.js");
  const ec2 = services.aws.client(EC2Client, region);

  const described = await ec2
    .send(new DescribeInstancesCommand(describeInstancesInput(id)), { abortSignal: signal })
    .catch(async (err: unknown) => {
      const { code } = awsErrorFacts(err);
      throw NOT_FOUND.has(code)
        ? notFound(id, region, code)
        : await awsFailureOf("ec2:DescribeInstances", err, signal);
    });
  const found = (described.Reservations ?? [])
    .flatMap((r) => r.Instances ?? [])
    .find((i) => i.InstanceId === id);
  if (!found) throw notFound(id, region, "no such instance in the response");

  const instance = instanceView(found);
  const kept = p.overwrite ? [] : Object.keys(p.tags).filter((k) => Object.hasOwn(instance.tags, k));
  const rendered = renderTags(p.tags, context, instance, new Set(kept));
  const writes = tagsToWrite(rendered, instance.tags, p.overwrite);
  const detail: Record<string, unknown> = { instanceId: id, region, tags: rendered };
  if (kept.length > 0) detail.kept = kept;

  if (writes.length === 0) {
    return { status: "unchanged", summary: `${id} already has ${describeTags(rendered, kept)}`, detail };
  }
  await callAws("ec2:CreateTags", signal, (opts) =>
    ec2.send(new CreateTagsCommand(createTagsInput(id, writes)), opts),
  );
  detail.written = Object.fromEntries(writes.map((t) => [t.Key, t.Value]));
  return {
    status: "changed",
    summary: `tagged ${id} ${writes.map((t) => `${t.Key}=${t.Value}`).join(" ")}`,
    detail,
  };
}

function notFound(id: string, region: string, why: string): ActionFailure {
  return new ActionFailure(`ec2:DescribeInstances: instance ${id} not found in ${region} (${why})`, {
    retryable: false,
  });
}

function describeTags(rendered: Record<string, string>, kept: readonly string[]): string {
  const parts = Object.entries(rendered).map(([k, v]) => `${k}=${v}`);
  if (kept.length > 0) parts.push(`${kept.join(", ")} kept (overwrite: false)`);
  return parts.join(" ");
}
