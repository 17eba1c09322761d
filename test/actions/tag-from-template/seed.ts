/** Seed 000's tag-from-template params as the rule writes them (tags stay templates: they are deferred). */
export const NAME_TEMPLATE =
  '{{ instance.tags.Region }}-{{ instance.tags.App }}-{{ instance.tags.Layer }}-{{ instance.tags.Env }}-{{ instance.tags.Group }}-{{ instance.privateIp | split: "." | slice: 2, 2 | join: "-" }}';

export const seedParams = {
  instanceId: "{{ event.detail.EC2InstanceId }}",
  tags: { Name: NAME_TEMPLATE },
};

/** The same params as `plan` receives them: defaults filled, instanceId rendered, tags untouched. */
export const seedPlanParams = {
  instanceId: "i-0123456789abcdef0",
  tags: { Name: NAME_TEMPLATE },
  overwrite: true,
};
