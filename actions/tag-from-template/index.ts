import type { ActionDefinition } from "../../engine/action/types.js";
import { checkTagFromTemplate } from "./check.js";
import { tagFromTemplateIam } from "./iam.js";
import {
  TAG_FROM_TEMPLATE,
  tagFromTemplateDefaults,
  tagFromTemplateDeferred,
  tagFromTemplateSchema,
} from "./params.js";
import { planTagFromTemplate } from "./plan.js";
import { runTagFromTemplate } from "./run.js";
import { tagFromTemplateSamples } from "./samples.js";
import { tagFromTemplateTarget } from "./target.js";

export const tagFromTemplateAction: ActionDefinition = {
  type: TAG_FROM_TEMPLATE,
  description:
    "Write EC2 instance tags rendered from templates over the instance itself (e.g. a Name built from other tags and the private IP); unchanged tags are left alone.",
  paramsSchema: tagFromTemplateSchema,
  defaults: tagFromTemplateDefaults,
  deferredParams: tagFromTemplateDeferred,
  check: checkTagFromTemplate,
  iam: tagFromTemplateIam,
  plan: planTagFromTemplate,
  run: runTagFromTemplate,
  target: tagFromTemplateTarget,
  samples: tagFromTemplateSamples,
};
