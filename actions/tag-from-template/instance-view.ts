/**
 * The `instance` template root: a flat, template-friendly view of one EC2 instance.
 * Absent facts (no public IP yet) are left out, so a template using them fails as missing
 * instead of rendering a blank.
 */
export interface InstanceView {
  id: string;
  privateIp?: string;
  publicIp?: string;
  type?: string;
  state?: string;
  az?: string;
  tags: Record<string, string>;
}

/** The fields of a DescribeInstances `Instance` the view reads: a structural subset of the SDK type. */
export interface Ec2InstanceLike {
  InstanceId?: string;
  PrivateIpAddress?: string;
  PublicIpAddress?: string;
  InstanceType?: string;
  State?: { Name?: string };
  Placement?: { AvailabilityZone?: string };
  Tags?: ReadonlyArray<{ Key?: string; Value?: string }>;
}

export function instanceView(instance: Ec2InstanceLike): InstanceView {
  if (!instance.InstanceId) throw new Error("DescribeInstances returned an instance without an InstanceId");
  const tags: Record<string, string> = {};
  for (const tag of instance.Tags ?? []) {
    if (tag.Key !== undefined) tags[tag.Key] = tag.Value ?? "";
  }
  const view: InstanceView = { id: instance.InstanceId, tags };
  if (instance.PrivateIpAddress) view.privateIp = instance.PrivateIpAddress;
  if (instance.PublicIpAddress) view.publicIp = instance.PublicIpAddress;
  if (instance.InstanceType) view.type = instance.InstanceType;
  if (instance.State?.Name) view.state = instance.State.Name;
  if (instance.Placement?.AvailabilityZone) view.az = instance.Placement.AvailabilityZone;
  return view;
}
