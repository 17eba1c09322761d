/**
 * The EC2 requests tag-from-template sends. `plan` fills them with template source, `run` with
 * rendered values, so a dry run shows exactly the calls a live run makes.
 */

export interface Tag {
  Key: string;
  Value: string;
}

export type DescribeInstancesInput = {
  InstanceIds: [string];
};

export type CreateTagsInput = {
  Resources: [string];
  Tags: Tag[];
};

export function describeInstancesInput(instanceId: string): DescribeInstancesInput {
  return { InstanceIds: [instanceId] };
}

export function createTagsInput(instanceId: string, tags: readonly Tag[]): CreateTagsInput {
  return { Resources: [instanceId], Tags: [...tags] };
}

/**
 * The rendered tags that need writing, in declaration order: those whose value differs from the
 * instance's (all absent ones; present ones only when `overwrite`). Empty means "unchanged".
 */
export function tagsToWrite(
  rendered: Readonly<Record<string, string>>,
  current: Readonly<Record<string, string>>,
  overwrite: boolean,
): Tag[] {
  const out: Tag[] = [];
  for (const [Key, Value] of Object.entries(rendered)) {
    const has = Object.hasOwn(current, Key);
    if (has && (!overwrite || current[Key] === Value)) continue;
    out.push({ Key, Value });
  }
  return out;
}

/** The region an event happened in: where its instance lives unless the rule says otherwise. */
export function eventRegion(context: Record<string, unknown>): string | undefined {
  const event = context.event;
  if (event === null || typeof event !== "object") return undefined;
  const region = (event as Record<string, unknown>).region;
  return typeof region === "string" && region !== "" ? region : undefined;
}
